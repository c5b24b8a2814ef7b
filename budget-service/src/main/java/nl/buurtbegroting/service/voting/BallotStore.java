package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Property;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.ballot.StoredBallot;
import nl.buurtbegroting.service.codes.CodeHasher;
import nl.buurtbegroting.service.codes.VotingCode;
import nl.buurtbegroting.service.signing.ReceiptSigner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Casts a ballot: consumes the code and stores the ballot and the sealed receipt in one transaction.
 *
 * <p>The random ballot id and nonce, the commitment, the receipt and its seal are made before the
 * transaction, so that locks are held only while statements run. Inside it, in this order:
 * <ol>
 *   <li>{@code UPDATE voting_code SET used = TRUE WHERE code_hash = ? AND election_id = ? AND used = FALSE}:
 *       exactly one transaction sees an update count of 1 for a code; the others wait for its row lock and
 *       then see 0 (never check-then-insert);</li>
 *   <li>insert the ballot (random id, canonical content, nonce, commitment, channel, day) and the sealed
 *       receipt for retries;</li>
 *   <li>last, lock the election row ({@code SELECT ... FOR SHARE} on PostgreSQL; H2 has no shared row lock,
 *       so {@code FOR UPDATE}) and require OPEN; the lock is held to the commit. Closing locks the same row
 *       {@code FOR UPDATE} before it writes CLOSED, so a close either waits for this commit, or commits
 *       first and this transaction then reads CLOSED (both databases return the newest committed row once a
 *       row lock is granted) and rolls back with ELECTION_NOT_OPEN. No deadlock: the close takes no code or
 *       ballot row, and every ballot takes the election row last.</li>
 * </ol>
 * The receipt is returned only after the commit, so an acknowledged ballot is durable, and a failure
 * anywhere rolls back both the code and the ballot. {@link #castTogether} runs the same steps for a group of
 * ballots in one transaction ({@link BallotWriters}). When the update count is 0, a sealed receipt for the
 * same code and submission id means a retried request (answered with the original receipt); otherwise the
 * code is used or unknown.
 */
@Singleton
public class BallotStore {

    static final String SUBMISSION_LABEL = "submission";
    static final String SEAL_LABEL = "seal";

    private static final String CONSUME =
            "UPDATE voting_code SET used = TRUE WHERE code_hash = ? AND election_id = ? AND used = FALSE";
    private static final String INSERT_BALLOT =
            "INSERT INTO ballot (id, election_id, channel, cast_on, content, nonce, commitment) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_SUBMISSION =
            "INSERT INTO ballot_submission (lookup, election_id, sealed) VALUES (?, ?, ?)";

    private final TransactionOperations<Connection> transactions;
    private final CodeHasher hasher;
    private final Clock clock;
    private final ZoneId zone;
    private final ReceiptSigner signer;
    /** One generator per thread: a shared SecureRandom is a lock every ballot would queue on. */
    private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(SecureRandom::new);
    private volatile String electionLock;

    public BallotStore(TransactionOperations<Connection> transactions, CodeHasher hasher, Clock clock,
                       @Property(name = "bb.voting.zone", defaultValue = "Europe/Amsterdam") String zone,
                       ReceiptSigner signer) {
        this.transactions = transactions;
        this.hasher = hasher;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
        this.signer = signer;
    }

    /** A receipt and whether it answers a retry of an earlier, successful submission. */
    public record Cast(ReceiptView receipt, boolean replayed) {
    }

    /**
     * Casts {@code ballot} with {@code code}. Throws {@link VotingProblem} ELECTION_NOT_FOUND,
     * ELECTION_NOT_OPEN, CODE_ALREADY_USED or UNKNOWN_CODE.
     */
    public Cast cast(long electionId, VotingCode code, String submissionId, StoredBallot checked, Channel channel) {
        return castAlone(prepare(electionId, code, submissionId, checked, channel));
    }

    /**
     * A ballot ready for its transaction: the code's hash, the keys derived from code and submission id, and
     * the prepared rows. Everything that needs no database is computed here, so locks are held briefly.
     */
    public Pending prepare(long electionId, VotingCode code, String submissionId, StoredBallot checked, Channel channel) {
        byte[] sealKey = hasher.derive(SEAL_LABEL, code, submissionId);
        byte[] contentDigest = sha256(checked.content());
        return new Pending(electionId, channel, hasher.hash(code), hasher.derive(SUBMISSION_LABEL, code, submissionId),
                sealKey, contentDigest, prepare(electionId, checked, channel, sealKey, contentDigest));
    }

    /** A prepared ballot (see {@link #prepare(long, VotingCode, String, StoredBallot, Channel)}). */
    public record Pending(long electionId, Channel channel, byte[] codeHash, byte[] lookup, byte[] sealKey,
                          byte[] contentDigest, Prepared ballot) {
    }

    /** Casts one prepared ballot in a transaction of its own (or the caller's, when one is running). */
    public Cast castAlone(Pending p) {
        long electionId = p.electionId();
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            if (consume(c, p.codeHash(), electionId)) {
                insert(c, List.of(p));
                // The election lock is taken last and held to the commit: a close either waits for this
                // commit or has committed already, and then this reads CLOSED and everything rolls back.
                requireOpen(c, electionId, p.channel() == Channel.ONLINE);
                return new Cast(p.ballot().receipt(), false);
            }
            // A retry of a ballot that was stored gets its receipt, even once the election has closed.
            Optional<ReceiptSeal.Opened> earlier = sealedReceipt(c, p.lookup(), electionId, p.sealKey());
            if (earlier.isPresent() && MessageDigest.isEqual(earlier.get().contentDigest(), p.contentDigest())) {
                return new Cast(earlier.get().receipt(), true);
            }
            requireOpen(c, electionId);
            throw codeExists(c, p.codeHash(), electionId) ? VotingProblem.codeAlreadyUsed() : VotingProblem.unknownCode();
        });
    }

    /**
     * Casts several prepared ballots in one transaction, the same steps as {@link #castAlone} in the same
     * order, each sent for all of them in one batch: consume the codes (in the order of their hashes, so two
     * groups on two instances take code rows in one order and cannot deadlock), insert the ballots and
     * sealed receipts of the codes consumed, then lock each election row and require it open, held to the
     * commit. Returns, per ballot in {@code group}, its receipt when it was stored, or {@code null} when its
     * code was not consumed here (used, unknown, a retry, or the same code twice in the group): those need
     * {@link #castAlone}, which tells them apart. Throws when anything fails, and then nothing was stored.
     */
    Cast[] castTogether(List<Pending> group) {
        Integer[] order = new Integer[group.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(group.get(a).codeHash(), group.get(b).codeHash()));
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            int[] counts;
            try (PreparedStatement s = c.prepareStatement(CONSUME)) {
                for (int i : order) {
                    s.setBytes(1, group.get(i).codeHash());
                    s.setLong(2, group.get(i).electionId());
                    s.addBatch();
                }
                counts = s.executeBatch();
            }
            List<Pending> consumed = new ArrayList<>();
            Cast[] casts = new Cast[group.size()];
            for (int k = 0; k < order.length; k++) {
                if (counts[k] == 1) {
                    Pending p = group.get(order[k]);
                    consumed.add(p);
                    casts[order[k]] = new Cast(p.ballot().receipt(), false);
                } else if (counts[k] != 0) {
                    // A driver that does not report each statement's count cannot tell who consumed a code.
                    throw new IllegalStateException("update count " + counts[k] + " in a batch of codes");
                }
            }
            if (consumed.isEmpty()) {
                return casts;
            }
            insert(c, consumed);
            Map<Long, Boolean> elections = new TreeMap<>();
            for (Pending p : consumed) {
                elections.merge(p.electionId(), p.channel() == Channel.ONLINE, Boolean::logicalOr);
            }
            for (Map.Entry<Long, Boolean> e : elections.entrySet()) {
                requireOpen(c, e.getKey(), e.getValue());
            }
            return casts;
        });
    }

    /** Whether the code is the election's and unused, read inside the caller's transaction. */
    boolean unusedInTransaction(Connection c, long electionId, VotingCode code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM voting_code WHERE code_hash = ? AND election_id = ? AND used = FALSE")) {
            s.setBytes(1, hasher.hash(code));
            s.setLong(2, electionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    boolean codeExistsInTransaction(Connection c, long electionId, VotingCode code) throws SQLException {
        return codeExists(c, hasher.hash(code), electionId);
    }

    /** Locks the election row (shared where the database can) and requires it to be OPEN. */
    void requireOpen(Connection c, long electionId) throws SQLException {
        requireOpen(c, electionId, false);
    }

    /**
     * Locks the election row and requires it to be OPEN and, with {@code inWindow}, the clock to be within
     * {@code votingOpens} and {@code votingCloses} (read here, under the lock, so an extension made on any
     * instance holds at once). Online ballots are held to the window; paper forms are keyed by staff after
     * they arrive, so only the state bounds them.
     */
    void requireOpen(Connection c, long electionId, boolean inWindow) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state, voting_opens, voting_closes FROM election WHERE id = ? "
                + electionLock(c))) {
            s.setLong(1, electionId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw VotingProblem.electionNotFound(electionId);
                }
                if (!"OPEN".equals(r.getString(1))) {
                    throw VotingProblem.notOpen(electionId);
                }
                if (inWindow) {
                    Instant opens = instant(r.getTimestamp(2));
                    Instant closes = instant(r.getTimestamp(3));
                    Instant now = clock.instant();
                    if (opens != null && now.isBefore(opens)) {
                        throw VotingProblem.outsideWindow(electionId, opens, closes, true);
                    }
                    if (closes != null && !now.isBefore(closes)) {
                        throw VotingProblem.outsideWindow(electionId, opens, closes, false);
                    }
                }
            }
        }
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * The election's state, its row locked to the end of the transaction the way a ballot locks it: shared
     * on PostgreSQL (ballots do not wait for each other, a close waits for them all), exclusive on H2, which
     * has no shared row lock. ELECTION_NOT_FOUND when there is no such election.
     */
    String lockedState(Connection c, long electionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state FROM election WHERE id = ? " + electionLock(c))) {
            s.setLong(1, electionId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw VotingProblem.electionNotFound(electionId);
                }
                return r.getString(1);
            }
        }
    }

    private String electionLock(Connection c) throws SQLException {
        String lock = electionLock;
        if (lock == null) {
            String product = c.getMetaData().getDatabaseProductName();
            lock = product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgres") ? "FOR SHARE" : "FOR UPDATE";
            electionLock = lock;
        }
        return lock;
    }

    private static boolean consume(Connection c, byte[] codeHash, long electionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CONSUME)) {
            s.setBytes(1, codeHash);
            s.setLong(2, electionId);
            return s.executeUpdate() == 1;
        }
    }

    /** A ballot ready to insert: random id and nonce, commitment, receipt and its seal. */
    public record Prepared(byte[] id, byte[] nonce, byte[] commitment, String content, Channel channel, LocalDate day,
                            ReceiptView receipt, byte[] sealed) {
    }

    private Prepared prepare(long electionId, StoredBallot checked, Channel channel, byte[] sealKey, byte[] contentDigest) {
        byte[] ballotId = randomBytes(16);
        byte[] nonce = randomBytes(16);
        LocalDate day = LocalDate.now(clock.withZone(zone));
        // The signed receipt's leaf hash is the commitment: docs/verification.md §2.3 and §3.
        ReceiptSigner.Signed signed = signer.sign(electionId, checked.published(nonce));
        byte[] commitment = signed.leafHash();
        ReceiptView receipt = new ReceiptView(HexFormat.of().formatHex(randomBytes(16)), HexFormat.of().formatHex(commitment),
                electionId, channel, day, signed.json());
        byte[] sealed = ReceiptSeal.seal(sealKey, receipt, signed.file(), contentDigest, random.get());
        return new Prepared(ballotId, nonce, commitment, checked.content(), channel, day, receipt, sealed);
    }

    /** Inserts the ballots and their sealed receipts, each statement sent once for all of them (one batch). */
    private static void insert(Connection c, List<Pending> ballots) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_BALLOT)) {
            for (Pending p : ballots) {
                Prepared ballot = p.ballot();
                s.setBytes(1, ballot.id());
                s.setLong(2, p.electionId());
                s.setString(3, ballot.channel().name());
                s.setObject(4, ballot.day());
                s.setString(5, ballot.content());
                s.setBytes(6, ballot.nonce());
                s.setBytes(7, ballot.commitment());
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement(INSERT_SUBMISSION)) {
            for (Pending p : ballots) {
                s.setBytes(1, p.lookup());
                s.setLong(2, p.electionId());
                s.setBytes(3, p.ballot().sealed());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static Optional<ReceiptSeal.Opened> sealedReceipt(Connection c, byte[] lookup, long electionId,
                                                              byte[] sealKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT sealed FROM ballot_submission WHERE lookup = ? AND election_id = ?")) {
            s.setBytes(1, lookup);
            s.setLong(2, electionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? ReceiptSeal.open(sealKey, electionId, r.getBytes(1)) : Optional.empty();
            }
        }
    }

    private static boolean codeExists(Connection c, byte[] codeHash, long electionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM voting_code WHERE code_hash = ? AND election_id = ?")) {
            s.setBytes(1, codeHash);
            s.setLong(2, electionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.get().nextBytes(b);
        return b;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
