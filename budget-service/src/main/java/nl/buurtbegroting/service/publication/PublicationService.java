package nl.buurtbegroting.service.publication;

import io.micronaut.context.annotation.Property;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import nl.buurtbegroting.core.audit.AuditBundle;
import nl.buurtbegroting.core.audit.AuditEvent;
import nl.buurtbegroting.core.audit.BallotTree;
import nl.buurtbegroting.core.audit.BundleBuilder;
import nl.buurtbegroting.core.audit.BundleInput;
import nl.buurtbegroting.core.audit.CanonicalBallot;
import nl.buurtbegroting.core.audit.CanonicalJson;
import nl.buurtbegroting.core.audit.Digest;
import nl.buurtbegroting.core.audit.ElectionInfo;
import nl.buurtbegroting.core.audit.InclusionProof;
import nl.buurtbegroting.core.audit.Receipt;
import nl.buurtbegroting.core.audit.SigningKey;
import nl.buurtbegroting.service.audit.AuditLog;
import nl.buurtbegroting.service.ballot.StoredBallot;
import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.election.ElectionAccess;
import nl.buurtbegroting.service.election.ElectionRepository;
import nl.buurtbegroting.service.election.ElectionRow;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionState;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.problem.TextCheck;
import nl.buurtbegroting.service.signing.SigningKeys;
import nl.buurtbegroting.service.tally.Count;
import nl.buurtbegroting.service.tally.Counter;
import nl.buurtbegroting.service.tally.TallyService;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes a TALLIED election (TALLIED → PUBLISHED) and serves what publication makes public.
 *
 * <p>Publishing counts the election again from the stored ballots, requires the same outcome as the
 * stored tally, derives the lifecycle events from the audit log, builds and signs the audit bundle with
 * the deployment's current key (budget-core's {@link BundleBuilder}, which returns only a bundle that
 * verifies) and stores the bundle's bytes and the public result, all in the transaction that moves the
 * election to PUBLISHED. The bundle is built once: every download returns the same bytes.
 */
@Singleton
public class PublicationService {

    /** Bundle bytes are stored in chunks below H2's limit for one binary value. */
    static final int CHUNK = 512 * 1024;

    private final TransactionOperations<Connection> transactions;
    private final ElectionRepository elections;
    private final ElectionService lifecycle;
    private final ElectionAccess access;
    private final TallyService tallies;
    private final Counter counter;
    private final SigningKeys keys;
    private final AuditLog audit;
    private final Clock clock;
    private final int minimumVotersForBallots;
    private final String libraryVersion = LibraryVersion.detect();
    /** Ballot trees of published elections (frozen), for receipt look-ups. */
    private final Map<Long, BallotTree> trees = new ConcurrentHashMap<>();

    public PublicationService(TransactionOperations<Connection> transactions, ElectionRepository elections,
                              ElectionService lifecycle, ElectionAccess access, TallyService tallies, Counter counter,
                              SigningKeys keys, AuditLog audit, Clock clock,
                              @Property(name = "bb.publication.minimum-voters-for-ballots", defaultValue = "10")
                              int minimumVotersForBallots) {
        this.transactions = transactions;
        this.elections = elections;
        this.lifecycle = lifecycle;
        this.access = access;
        this.tallies = tallies;
        this.counter = counter;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
        if (minimumVotersForBallots < 0) {
            throw new IllegalStateException("bb.publication.minimum-voters-for-ballots must not be negative");
        }
        this.minimumVotersForBallots = minimumVotersForBallots;
    }

    /** Publishes the election; returns the public result (JSON). */
    public String publish(Caller caller, long electionId, PublishRequest request) {
        // Here, not in the controller, so that the organiser pages get the same rule for text as the API.
        TextCheck.require(request);
        String decision = request.councilDecision().strip();
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            ElectionRow row = elections.findByIdForUpdate(electionId).orElseThrow(() -> TallyService.notFound(electionId));
            access.requireWritable(caller, electionId);
            if (row.state() != ElectionState.TALLIED) {
                throw ApiProblem.of(ProblemCode.ELECTION_NOT_TALLIED, "Election " + electionId + " is " + row.state()
                        + "; only a TALLIED election can be published.");
            }
            TallyService.Stored tally = tallies.stored(c, row).orElseThrow(() -> TallyService.notTallied(row));
            Count count = counter.count(c, row);
            if (!count.outcomeJson().equals(tally.outcomeJson())) {
                // The counting library changed between tally and publication (an upgrade): what was reviewed is not
                // what would be signed. Nothing is published; tallying again is always possible from TALLIED.
                throw ApiProblem.of(ProblemCode.TALLY_OUTDATED,
                        "Election " + electionId + " counts differently now than"
                        + " when it was tallied (the counting library changed since). Tally it again with POST /api/elections/"
                        + electionId + "/tally, review the tally, then publish.");
            }
            lifecycle.move(caller, row, ElectionState.PUBLISHED);
            Map<String, Object> tallied = new LinkedHashMap<>();
            tallied.put("rule", count.rule().label());
            tallied.put("ballots", (long) count.ballots().size());
            List<AuditEvent> events = LifecycleEvents.of(c, electionId, tallied, Map.of("councilDecision", decision));

            SigningKey key = keys.current();
            ElectionInfo info = new ElectionInfo(Long.toString(electionId), TextCheck.publishable(row.name()),
                    TextCheck.publishable(row.neighbourhood()), row.currency(), decision);
            BundleInput input = BundleInput.of(info, count.instance(), count.ballots(), count.rule(),
                    count.options(), count.outcome(), events, count.counts(), libraryVersion, minimumVotersForBallots);
            AuditBundle bundle;
            try {
                bundle = new BundleBuilder(key).build(input);
            } catch (IllegalArgumentException | IllegalStateException refused) {
                // The builder refuses a bundle that would not verify; say why (it names checks, not secrets).
                throw ApiProblem.of(ProblemCode.BUNDLE_REFUSED, "The audit bundle of election " + electionId
                        + " would not verify, so it is not published: " + refused.getMessage());
            }
            byte[] outcomeFile = (tally.outcomeJson() + "\n").getBytes(StandardCharsets.UTF_8);
            if (!Arrays.equals(bundle.file(AuditBundle.OUTCOME), outcomeFile)) {
                throw new IllegalStateException("the bundle's outcome differs from the stored tally of election " + electionId);
            }
            byte[] zip = bundle.toZip();
            String sha = Digest.sha256(zip).hex();
            Instant now = Instant.now(clock);
            String result = result(tally.viewJson(), decision, now, electionId, sha, zip.length, key, count.ballots(),
                    input.ballotsWithheld());
            insert(c, electionId, decision, key.keyId(), sha, zip, result, now);
            audit.record(caller.username(), "AUDIT_BUNDLE_PUBLISHED", electionId, "bundle sha256 " + sha,
                    "council decision '" + decision + "', signing key " + key.keyId());
            trees.put(electionId, count.ballots());
            return result;
        });
    }

    private String result(String tallyView, String decision, Instant publishedAt, long electionId, String sha,
                          long size, SigningKey key, BallotTree tree, boolean withheld) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) CanonicalJson.read("tally",
                tallyView.getBytes(StandardCharsets.UTF_8)));
        m.put("state", ElectionState.PUBLISHED.name());
        m.put("councilDecision", decision);
        m.put("publishedAt", publishedAt.toString());
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("url", "/api/elections/" + electionId + "/audit-bundle");
        bundle.put("sha256", sha);
        bundle.put("size", size);
        bundle.put("merkleRoot", tree.root().hex());
        bundle.put("ballots", (long) tree.size());
        bundle.put("ballotsPublished", !withheld);
        m.put("auditBundle", bundle);
        Map<String, Object> signing = new LinkedHashMap<>();
        signing.put("keyId", key.keyId());
        signing.put("algorithm", "Ed25519");
        signing.put("publicKey", java.util.Base64.getEncoder().encodeToString(key.publicKey()));
        signing.put("fingerprint", key.fingerprint());
        m.put("signingKey", signing);
        return new String(CanonicalJson.write(m), StandardCharsets.UTF_8);
    }

    private static void insert(Connection c, long electionId, String decision, String keyId, String sha, byte[] zip,
                               String result, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO publication (election_id, council_decision, key_id, "
                + "bundle_sha256, bundle_size, result_json, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, electionId);
            s.setString(2, decision);
            s.setString(3, keyId);
            s.setString(4, sha);
            s.setLong(5, zip.length);
            s.setString(6, result);
            s.setTimestamp(7, Timestamp.from(now));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO publication_chunk (election_id, seq, data) VALUES (?, ?, ?)")) {
            for (int off = 0, seq = 0; off < zip.length; off += CHUNK, seq++) {
                s.setLong(1, electionId);
                s.setInt(2, seq);
                s.setBytes(3, Arrays.copyOfRange(zip, off, Math.min(zip.length, off + CHUNK)));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The public result (JSON) of a published election. */
    public String result(long electionId) {
        return transactions.executeRead(status -> published(status.getConnection(), electionId).result());
    }

    /** A published election's bundle: its bytes and SHA-256. */
    public record Bundle(byte[] zip, String sha256) {
    }

    public Bundle bundle(long electionId) {
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            Published p = published(c, electionId);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) p.size());
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT data FROM publication_chunk WHERE election_id = ? ORDER BY seq")) {
                s.setLong(1, electionId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.writeBytes(r.getBytes(1));
                    }
                }
            }
            return new Bundle(out.toByteArray(), p.sha256());
        });
    }

    /**
     * A resident's receipt with its inclusion proof, as a receipt file (docs/verification.md §3), signed by
     * the key that signed the election's bundle. {@code ballotHash} is the receipt's {@code ballotHash}
     * (the ballot's leaf hash).
     */
    public byte[] receipt(long electionId, String ballotHash, String nonce) {
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            Published p = published(c, electionId);
            if (!ballotHash.matches("[0-9a-f]{64}")) {
                throw receiptNotFound();
            }
            Digest leaf = Digest.parseHex(ballotHash);
            BallotTree tree = trees.get(electionId);
            if (tree == null) {
                tree = BallotTree.of(StoredBallot.readAll(c, electionId));
                trees.put(electionId, tree);
            }
            int index = Collections.binarySearch(tree.leafHashes(), leaf);
            if (index < 0) {
                throw receiptNotFound();
            }
            CanonicalBallot ballot = tree.ballots().get(index);
            // Withheld ballots stay secret: with few voters the Merkle root or a published hash may be a ballot's
            // own leaf hash, so the ballot is served only to whoever shows its nonce, which only the voter's receipt
            // holds. Any other request gets the same answer as an unknown hash.
            if (p.result().contains("\"ballotsPublished\":false") && (nonce == null || !nonce.equals(ballot.nonce()))) {
                throw receiptNotFound();
            }
            InclusionProof proof = tree.proof(index);
            SigningKey key = keys.byId(p.keyId()).orElseThrow(() -> ApiProblem.of(ProblemCode.SIGNING_KEY_RETIRED,
                    "The key " + p.keyId() + " that signed this election's bundle is not available on this server."));
            return Receipt.issue(Long.toString(electionId), ballot, key).withInclusion(proof).toJson();
        });
    }

    private ApiProblem receiptNotFound() {
        return ApiProblem.of(ProblemCode.RECEIPT_NOT_FOUND, "No ballot of this election has this receipt.");
    }

    private record Published(String keyId, String sha256, long size, String result) {
    }

    /** The publication row: 404 for no election or a draft, 409 ELECTION_NOT_PUBLISHED before publication. */
    private Published published(Connection c, long electionId) throws SQLException {
        ElectionRow row = elections.findById(electionId).orElse(null);
        if (row == null || row.state() == ElectionState.DRAFT) {
            throw TallyService.notFound(electionId);
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT key_id, bundle_sha256, bundle_size, result_json FROM publication WHERE election_id = ?")) {
            s.setLong(1, electionId);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return new Published(r.getString(1), r.getString(2), r.getLong(3), r.getString(4));
                }
            }
        }
        throw ApiProblem.of(ProblemCode.ELECTION_NOT_PUBLISHED, "Election " + electionId + " is " + row.state()
                + "; its result is public once it is published.");
    }
}
