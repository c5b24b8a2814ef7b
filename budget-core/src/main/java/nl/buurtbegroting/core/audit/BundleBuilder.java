package nl.buurtbegroting.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.rules.RuleOptions;

/**
 * Builds the signed audit bundle of a tallied election. A bundle that would not pass
 * {@link BundleVerifier} is never returned: the builder recomputes the outcome from what it is about to
 * publish and verifies the finished bundle, so a lossy configuration, a rule that depends on ballot
 * order or a key pair that does not match fails here, at the municipality, and not in a resident's hands.
 *
 * <p>Cost: one full verification (which reruns the rule on the published ballots) and O(n log n) hashing for n
 * ballots; when the ballots are withheld, the verifier cannot rerun the rule, so the builder reruns it itself.
 */
public final class BundleBuilder {

    private final SigningKey key;

    public BundleBuilder(SigningKey key) {
        this.key = key;
    }

    /**
     * The bundle of an election.
     *
     * @throws IllegalArgumentException when the input cannot be published faithfully (duplicate nonces,
     *                                  events out of sequence, rule options the format cannot carry, an outcome the rule does not give)
     * @throws IllegalStateException    when the finished bundle does not verify (e.g. the signer's key is not {@code publicKey})
     */
    public AuditBundle build(BundleInput input) {
        // With the ballots published, verification reruns the rule on exactly the published bytes, so a second rerun
        // while assembling would only repeat it (the rule is most of a city's publication time).
        AuditBundle bundle = assemble(input, input.ballotsWithheld());
        VerificationReport report = BundleVerifier.verify(bundle, VerifyOptions.expectingKey(key.fingerprint()));
        if (!report.passed()) {
            if (report.results().stream().anyMatch(r -> r.check() == Check.OUTCOME_RECOMPUTED
                    && r.status() == CheckResult.Status.FAIL)) {
                // Say what differs, as the rerun while assembling does (IllegalArgumentException: the input's fault).
                assemble(input, true);
            }
            throw new IllegalStateException("the bundle does not verify: " + report.summary());
        }
        return bundle;
    }

    /**
     * {@code ballots.json}: {@code {"ballots":[...]}} and a newline, the ballots in bundle order. Canonical JSON of an
     * array is its elements' canonical forms joined by commas, so each ballot's canonical bytes (which its leaf hash
     * was computed from) are copied in as they are, the same bytes as writing the whole value through
     * {@link CanonicalJson#writeFile}, without a map per ballot (a city's bundle has 100,000).
     */
    static byte[] ballotsFile(List<CanonicalBallot> ballots) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64 + ballots.size() * 96);
        out.writeBytes("{\"ballots\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < ballots.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(ballots.get(i).canonicalBytes());
        }
        out.writeBytes("]}\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The published ballots of an election, in cast order (each with its nonce). */
    public static List<CanonicalBallot> canonicalBallots(BundleInput input) {
        List<Ballot> ballots = input.election().profile().ballots();
        List<CanonicalBallot> out = new ArrayList<>(ballots.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ballots.size(); i++) {
            String nonce = input.nonces().get(i);
            if (!seen.add(nonce)) {
                throw new IllegalArgumentException("ballot nonce " + nonce + " is used twice");
            }
            out.add(CanonicalBallot.of(ballots.get(i), nonce));
        }
        return out;
    }

    /** The ballots in bundle order and their Merkle tree: what receipts' inclusion proofs come from. */
    public static BallotTree ballotTree(BundleInput input) {
        if (input.tree() == null) {
            return BallotTree.of(canonicalBallots(input));
        }
        Set<String> seen = new HashSet<>();
        for (CanonicalBallot b : input.tree().ballots()) {
            if (!seen.add(b.nonce())) {
                throw new IllegalArgumentException("ballot nonce " + b.nonce() + " is used twice");
            }
        }
        return input.tree();
    }

    AuditBundle assemble(BundleInput input) {
        return assemble(input, true);
    }

    private AuditBundle assemble(BundleInput input, boolean rerun) {
        RuleOptions options = input.options();
        RuleOptions roundTrip = BundleManifest.optionsFromJson(
                Fields.of(AuditBundle.MANIFEST, "$.rule.options", BundleManifest.options(options)));
        if (!roundTrip.equals(options)) {
            throw new IllegalArgumentException("rule options " + options + " cannot be recorded in bundle format "
                    + BundleManifest.FORMAT + " without loss");
        }
        BallotTree tree = ballotTree(input);
        boolean withheld = input.ballotsWithheld();
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, input.info(), input.election().instance(),
                input.rule(), options, input.libraryVersion(), key.keyId(), input.minimumVotersForBallots(), withheld);

        byte[] outcome = CanonicalJson.writeFile(OutcomeJson.toJson(input.outcome()));
        if (rerun) {
            OutcomeRecomputation.Result again = OutcomeRecomputation.recompute(manifest, tree.ballots());
            if (again.error() != null) {
                throw new IllegalArgumentException("the rule cannot be rerun on the published data: " + again.error());
            }
            if (!Arrays.equals(again.outcomeFile(), outcome)) {
                throw new IllegalArgumentException("the outcome is not what " + input.rule().label()
                        + " gives on the published configuration and ballots: "
                        + OutcomeRecomputation.describeDifference(again.outcomeFile(), outcome));
            }
        }

        Map<String, byte[]> files = new TreeMap<>();
        files.put(AuditBundle.MANIFEST, CanonicalJson.writeFile(manifest.toJson()));
        files.put(AuditBundle.EVENTS, CanonicalJson.writeFile(eventsJson(input.events())));
        files.put(AuditBundle.COUNTS, CanonicalJson.writeFile(countsJson(input.counts())));
        files.put(AuditBundle.MERKLE, CanonicalJson.writeFile(merkleJson(tree)));
        files.put(AuditBundle.OUTCOME, outcome);
        if (!withheld) {
            files.put(AuditBundle.BALLOTS, ballotsFile(tree.ballots()));
        }
        byte[] sums = checksums(files);
        files.put(AuditBundle.CHECKSUMS, sums);
        files.put(AuditBundle.SIGNATURE, CanonicalJson.writeFile(signatureJson(sums)));
        return AuditBundle.of(files);
    }

    static Map<String, Object> eventsJson(List<AuditEvent> events) {
        List<Object> out = new ArrayList<>();
        String prev = AuditEvent.GENESIS;
        for (int i = 0; i < events.size(); i++) {
            AuditEvent e = events.get(i);
            if (e.seq() != i + 1) {
                throw new IllegalArgumentException("event " + (i + 1) + " has sequence number " + e.seq());
            }
            Map<String, Object> m = e.toJson(prev);
            String hash = e.hash(prev).hex();
            m.put("hash", hash);
            out.add(m);
            prev = hash;
        }
        return Map.of("events", out);
    }

    static Map<String, Object> countsJson(BallotCounts counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("codeBatches", counts.batchesJson());
        m.put("ballotsByChannel", counts.ballotsByChannel());
        return m;
    }

    static Map<String, Object> merkleJson(BallotTree tree) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", ParsedBundle.MERKLE_ALGORITHM);
        m.put("treeSize", (long) tree.size());
        m.put("rootHash", tree.root().hex());
        return m;
    }

    /** {@code <64 hex>  <name>\n} for every file, sorted by name: the format of {@code sha256sum}. */
    static byte[] checksums(Map<String, byte[]> files) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
            sb.append(Digest.sha256(e.getValue()).hex()).append("  ").append(e.getKey()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private Map<String, Object> signatureJson(byte[] sums) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", ParsedBundle.SIGNATURE_ALGORITHM);
        m.put("keyId", key.keyId());
        m.put("publicKey", Base64.getEncoder().encodeToString(key.publicKey()));
        m.put("signedFile", AuditBundle.CHECKSUMS);
        m.put("signature", Base64.getEncoder().encodeToString(key.sign(sums)));
        return m;
    }
}
