package nl.buurtbegroting.core.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.buurtbegroting.core.model.VoteType;

/**
 * A bundle's files read for verification: every JSON file parsed against its schema (docs/verification.md
 * §2), each problem kept as a schema error for check 5 instead of thrown, so that the checks that do not
 * depend on a broken file still run.
 */
final class ParsedBundle {

    static final String MERKLE_ALGORITHM = "RFC9162-SHA256";
    static final String SIGNATURE_ALGORITHM = "Ed25519";

    record ParsedEvent(long seq, String type, String at, String actorRole, Map<String, Object> data, String prev,
                               String hash) {
    }

    record ParsedCounts(List<BallotCounts.CodeBatch> batches, Map<String, Long> channels) {
    }

    final AuditBundle bundle;
    final List<String> schemaErrors = new ArrayList<>();
    final Set<String> unreadable = new HashSet<>();

    BundleManifest manifest;
    List<ParsedEvent> events;
    ParsedCounts counts;
    Long treeSize;
    Digest root;
    List<CanonicalBallot> ballots;
    /** The ballots' leaf hashes, in file order: from {@link BallotsFile} or, on first use, from the ballots. */
    private List<Digest> leaves;
    boolean outcomeWellFormed;
    String keyId;
    byte[] publicKey;
    byte[] signature;
    String signatureError;


    ParsedBundle(AuditBundle bundle) {
        this.bundle = bundle;
        parseSignature();
        parseContent();
    }

    /** The leaf hash of every ballot, in file order (the ballots must have been read). */
    List<Digest> leaves() {
        if (leaves == null) {
            List<Digest> out = new ArrayList<>(ballots.size());
            java.security.MessageDigest md = Digest.newSha256();
            for (CanonicalBallot b : ballots) {
                byte[] bytes = b.canonicalBytes();
                out.add(MerkleTree.leafHash(md, bytes, 0, bytes.length));
            }
            leaves = out;
        }
        return leaves;
    }

    // ---- parsing ----

    void parseSignature() {
        byte[] file = bundle.fileNoCopy(AuditBundle.SIGNATURE);
        if (file == null) {
            signatureError = "signature.json is missing";
            return;
        }
        try {
            Fields f = Fields.of(AuditBundle.SIGNATURE, "$", CanonicalJson.readFile(AuditBundle.SIGNATURE, file));
            if (!SIGNATURE_ALGORITHM.equals(f.string("algorithm"))) {
                throw f.error("algorithm", "only Ed25519 is used");
            }
            if (!AuditBundle.CHECKSUMS.equals(f.string("signedFile"))) {
                throw f.error("signedFile", "the signed file is always SHA256SUMS");
            }
            String id = f.string("keyId");
            byte[] pk = Hashes.base64(f, "publicKey", Ed25519Keys.PUBLIC_KEY_LENGTH);
            byte[] sig = Hashes.base64(f, "signature", Ed25519Keys.SIGNATURE_LENGTH);
            f.done();
            keyId = id;
            publicKey = pk;
            signature = sig;
        } catch (BundleFormatException e) {
            signatureError = e.getMessage();
        }
    }

    void parseContent() {
        manifest = parse(AuditBundle.MANIFEST, BundleManifest::fromJson);
        events = parse(AuditBundle.EVENTS, this::parseEvents);
        counts = parse(AuditBundle.COUNTS, this::parseCounts);
        parse(AuditBundle.MERKLE, json -> {
            Fields f = Fields.of(AuditBundle.MERKLE, "$", json);
            if (!MERKLE_ALGORITHM.equals(f.string("algorithm"))) {
                throw f.error("algorithm", "expected " + MERKLE_ALGORITHM);
            }
            long size = f.nonNegative("treeSize");
            Digest r = Hashes.digest(f, "rootHash", f.string("rootHash"));
            f.done();
            treeSize = size;
            root = r;
            return Boolean.TRUE;
        });
        outcomeWellFormed = parse(AuditBundle.OUTCOME, json -> {
            OutcomeJson.checkSchema(json);
            return Boolean.TRUE;
        }) != null;
        if (bundle.has(AuditBundle.BALLOTS)) {
            if (manifest == null) {
                unreadable.add(AuditBundle.BALLOTS);
            } else {
                BallotsFile.Read plain = BallotsFile.readPlain(bundle.fileNoCopy(AuditBundle.BALLOTS),
                        manifest.instance().voteType());
                if (plain != null) {
                    ballots = plain.ballots();
                    leaves = plain.leaves();
                } else {
                    ballots = parse(AuditBundle.BALLOTS, this::parseBallots);
                }
            }
        }
        if (manifest != null) {
            boolean present = bundle.has(AuditBundle.BALLOTS);
            if (manifest.ballotsWithheld() && present) {
                schemaErrors.add("manifest.json says the ballots are withheld, but ballots.json is present");
            } else if (!manifest.ballotsWithheld() && !present) {
                schemaErrors.add("manifest.json says the ballots are published, but ballots.json is missing");
            }
            if (treeSize != null && manifest.ballotsWithheld() != (treeSize < manifest.minimumVotersForBallots())) {
                schemaErrors.add("manifest.json says ballots are " + (manifest.ballotsWithheld() ? "withheld" : "published")
                        + ", but " + treeSize + " voters is " + (treeSize < manifest.minimumVotersForBallots() ? "below" : "not below")
                        + " the minimum of " + manifest.minimumVotersForBallots());
            }
        }
    }

    private interface Parser<T> {
        T parse(Object json);
    }

    private <T> T parse(String name, Parser<T> parser) {
        byte[] bytes = bundle.fileNoCopy(name);
        if (bytes == null) {
            unreadable.add(name);
            return null;
        }
        try {
            return parser.parse(CanonicalJson.readFile(name, bytes));
        } catch (BundleFormatException e) {
            schemaErrors.add(e.getMessage());
        } catch (RuntimeException e) {
            schemaErrors.add(name + ": " + e.getMessage());
        }
        unreadable.add(name);
        return null;
    }

    private List<ParsedEvent> parseEvents(Object json) {
        Fields root = Fields.of(AuditBundle.EVENTS, "$", json);
        List<ParsedEvent> out = new ArrayList<>();
        for (Fields e : root.objects("events")) {
            long seq = e.integer("seq");
            String type = e.string("type");
            String at = e.string("at");
            if (!AuditEvent.isTime(at)) {
                throw e.error("at", "neither a date (2026-03-31) nor a UTC timestamp (2026-03-31T09:00:00Z)");
            }
            String role = e.string("actorRole");
            if (type.isBlank() || role.isBlank()) {
                throw e.error("", "an event needs a type and an actor role");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) e.rawObject("data");
            String prev = Hashes.digest(e, "prev", e.string("prev")).hex();
            String hash = Hashes.digest(e, "hash", e.string("hash")).hex();
            e.done();
            out.add(new ParsedEvent(seq, type, at, role, data, prev, hash));
        }
        root.done();
        return out;
    }

    private ParsedCounts parseCounts(Object json) {
        Fields f = Fields.of(AuditBundle.COUNTS, "$", json);
        List<BallotCounts.CodeBatch> batches = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Fields b : f.objects("codeBatches")) {
            String name = b.string("batch");
            if (name.isBlank() || !names.add(name)) {
                throw b.error("batch", "batch names must be non-empty and distinct");
            }
            batches.add(new BallotCounts.CodeBatch(name, b.nonNegative("issued"), b.nonNegative("used")));
            b.done();
        }
        Map<String, Long> channels = new java.util.TreeMap<>();
        Map<?, ?> raw = f.rawObject("ballotsByChannel");
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            if (!(e.getValue() instanceof Long n) || n < 0) {
                throw f.error("ballotsByChannel." + e.getKey(), "expected a non-negative integer");
            }
            channels.put((String) e.getKey(), n);
        }
        f.done();
        return new ParsedCounts(batches, channels);
    }

    private List<CanonicalBallot> parseBallots(Object json) {
        Fields f = Fields.of(AuditBundle.BALLOTS, "$", json);
        VoteType type = manifest.instance().voteType();
        List<CanonicalBallot> out = new ArrayList<>();
        for (Fields b : f.objects("ballots")) {
            out.add(CanonicalBallot.fromJson(b, type));
        }
        f.done();
        return out;
    }
}
