package nl.buurtbegroting.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import nl.buurtbegroting.core.audit.CheckResult.Status;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.validation.BallotValidator;
import nl.buurtbegroting.core.validation.BallotViolation;

/**
 * Verifies an audit bundle offline: every {@link Check} in order, each with a one-line verdict. It never
 * throws on a hostile bundle; whatever is wrong becomes a failed check. Checks that do not depend on a
 * failed one still run, so a report shows everything that is wrong (a naively edited ballot fails
 * CHECKSUMS, and also MERKLE_ROOT), while the exit code is that of the first failure.
 *
 * <p>The specification a second, independent verifier can be written from is {@code docs/verification.md}.
 *
 * <p>Cost: O(n log n) hashing for n ballots plus one run of the election's rule.
 */
public final class BundleVerifier {

    static final String MERKLE_ALGORITHM = "RFC9162-SHA256";
    static final String SIGNATURE_ALGORITHM = "Ed25519";

    private BundleVerifier() {
    }

    /** Verifies a bundle zip or directory; an unreadable one fails {@link Check#FILES_PRESENT}. */
    public static VerificationReport verify(Path path, VerifyOptions options) {
        AuditBundle bundle;
        try {
            bundle = AuditBundle.read(path);
        } catch (BundleFormatException e) {
            return unreadable(e.getMessage());
        } catch (IOException e) {
            return unreadable("cannot read " + path + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return unreadable("cannot read " + path + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return verify(bundle, options);
    }

    public static VerificationReport verify(AuditBundle bundle, VerifyOptions options) {
        return new Run(bundle, options == null ? VerifyOptions.none() : options).run();
    }

    private static VerificationReport unreadable(String why) {
        List<CheckResult> results = new ArrayList<>();
        for (Check c : Check.values()) {
            results.add(c == Check.FILES_PRESENT ? new CheckResult(c, Status.FAIL, why)
                    : new CheckResult(c, Status.SKIPPED, "the bundle could not be read"));
        }
        return new VerificationReport(results);
    }

    /** The rule rerun on published data: the outcome file it gives, or why it could not run. */
    record Recomputation(byte[] outcomeFile, String error, Outcome outcome) {
    }

    static Recomputation recompute(BundleManifest manifest, List<CanonicalBallot> ballots) {
        try {
            VoteType type = manifest.instance().voteType();
            List<Ballot> list = new ArrayList<>(ballots.size());
            for (CanonicalBallot b : ballots) {
                list.add(b.toBallot(type));
            }
            Outcome o = manifest.rule().create(manifest.options())
                    .allocate(new Election(manifest.instance(), new Profile(list)));
            return new Recomputation(CanonicalJson.writeFile(OutcomeJson.toJson(o)), null, o);
        } catch (RuntimeException e) {
            return new Recomputation(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    null);
        }
    }

    /** Where two outcome files first differ, as {@code $.projects[4].decision: recomputed X, recorded Y}. */
    static String describeDifference(byte[] recomputed, byte[] recorded) {
        Object a;
        Object b;
        try {
            a = CanonicalJson.readFile("recomputed", recomputed);
            b = CanonicalJson.readFile(AuditBundle.OUTCOME, recorded);
        } catch (BundleFormatException e) {
            return e.getMessage();
        }
        String d = firstDifference(a, b, "$");
        return d == null ? "the bytes differ" : d;
    }

    private static String firstDifference(Object a, Object b, String path) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            TreeSet<String> keys = new TreeSet<>();
            ma.keySet().forEach(k -> keys.add((String) k));
            mb.keySet().forEach(k -> keys.add((String) k));
            for (String k : keys) {
                String d = firstDifference(ma.get(k), mb.get(k), path + "." + k);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
            for (int i = 0; i < la.size(); i++) {
                String d = firstDifference(la.get(i), lb.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a == null ? b == null : a.equals(b)) {
            return null;
        }
        return path + ": recomputed " + show(a) + ", recorded " + show(b);
    }

    private static String show(Object v) {
        String s = v == null ? "(absent)" : new String(CanonicalJson.write(v), StandardCharsets.UTF_8);
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    private record ParsedEvent(long seq, String type, String at, String actorRole, Map<String, Object> data, String prev,
                               String hash) {
    }

    private record ParsedCounts(List<BallotCounts.CodeBatch> batches, Map<String, Long> channels) {
    }

    /** One verification: the parsed files, then the checks in order. */
    private static final class Run {
        private final AuditBundle bundle;
        private final VerifyOptions options;
        private final Map<Check, CheckResult> results = new EnumMap<>(Check.class);
        private final List<String> schemaErrors = new ArrayList<>();
        private final Set<String> unreadable = new HashSet<>();

        private BundleManifest manifest;
        private List<ParsedEvent> events;
        private ParsedCounts counts;
        private Long treeSize;
        private Digest root;
        private List<CanonicalBallot> ballots;
        private boolean outcomeWellFormed;
        private String keyId;
        private byte[] publicKey;
        private byte[] signature;
        private String signatureError;

        Run(AuditBundle bundle, VerifyOptions options) {
            this.bundle = bundle;
            this.options = options;
        }

        VerificationReport run() {
            parseSignature();
            parseContent();
            check(Check.FILES_PRESENT, this::filesPresent);
            check(Check.CHECKSUMS, this::checksums);
            check(Check.SIGNATURE, this::signature);
            check(Check.KEY_TRUSTED, this::keyTrusted);
            check(Check.SCHEMA, this::schema);
            check(Check.EVENT_CHAIN, this::eventChain);
            check(Check.MERKLE_ROOT, this::merkleRoot);
            check(Check.BALLOTS_UNIQUE, this::ballotsUnique);
            check(Check.BALLOTS_MATCH_USED_CODES, this::ballotsMatchUsedCodes);
            check(Check.BALLOTS_VALID, this::ballotsValid);
            check(Check.OUTCOME_RECOMPUTED, this::outcomeRecomputed);
            check(Check.RECEIPT_INCLUDED, this::receiptIncluded);
            return new VerificationReport(new ArrayList<>(results.values()));
        }

        /** A check that throws is a failed check with the message: nothing escapes to the caller. */
        private void check(Check check, Supplier<CheckResult> body) {
            CheckResult r;
            try {
                r = body.get();
            } catch (RuntimeException e) {
                r = fail(check, "could not be checked: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            results.put(check, r);
        }

        private static CheckResult pass(Check c, String verdict) {
            return new CheckResult(c, Status.PASS, verdict);
        }

        private static CheckResult fail(Check c, String verdict) {
            return new CheckResult(c, Status.FAIL, verdict);
        }

        private static CheckResult skip(Check c, String verdict) {
            return new CheckResult(c, Status.SKIPPED, verdict);
        }

        // ---- parsing ----

        private void parseSignature() {
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

        private void parseContent() {
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
                    ballots = parse(AuditBundle.BALLOTS, this::parseBallots);
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

        // ---- checks ----

        private CheckResult filesPresent() {
            List<String> missing = new ArrayList<>();
            for (String name : AuditBundle.FILE_NAMES) {
                if (!name.equals(AuditBundle.BALLOTS) && !bundle.has(name)) {
                    missing.add(name);
                }
            }
            List<String> unknown = new ArrayList<>();
            for (String name : bundle.names()) {
                if (!AuditBundle.FILE_NAMES.contains(name)) {
                    unknown.add(name);
                }
            }
            if (!missing.isEmpty() || !unknown.isEmpty()) {
                return fail(Check.FILES_PRESENT, (missing.isEmpty() ? "" : "missing: " + String.join(", ", missing))
                        + (missing.isEmpty() || unknown.isEmpty() ? "" : "; ")
                        + (unknown.isEmpty() ? "" : "not part of a bundle: " + String.join(", ", unknown)));
            }
            return pass(Check.FILES_PRESENT, bundle.names().size() + " files"
                    + (bundle.has(AuditBundle.BALLOTS) ? "" : " (ballots withheld)"));
        }

        private CheckResult checksums() {
            byte[] sums = bundle.fileNoCopy(AuditBundle.CHECKSUMS);
            if (sums == null) {
                return fail(Check.CHECKSUMS, "SHA256SUMS is missing");
            }
            String text = new String(sums, StandardCharsets.ISO_8859_1);
            if (text.isEmpty() || !text.endsWith("\n")) {
                return fail(Check.CHECKSUMS, "SHA256SUMS must be lines ending in a newline");
            }
            String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
            List<String> listed = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            String previous = null;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.length() < 67 || !line.startsWith("  ", 64)) {
                    return fail(Check.CHECKSUMS, "SHA256SUMS line " + (i + 1) + " is not '<64 hex digits>  <file name>'");
                }
                Digest expected;
                try {
                    expected = Digest.parseHex(line.substring(0, 64));
                } catch (IllegalArgumentException e) {
                    return fail(Check.CHECKSUMS, "SHA256SUMS line " + (i + 1) + ": " + e.getMessage());
                }
                String name = line.substring(66);
                if (previous != null && previous.compareTo(name) >= 0) {
                    return fail(Check.CHECKSUMS, "SHA256SUMS line " + (i + 1) + ": names must be sorted and distinct");
                }
                previous = name;
                if (!AuditBundle.FILE_NAMES.contains(name) || name.equals(AuditBundle.CHECKSUMS)
                        || name.equals(AuditBundle.SIGNATURE)) {
                    return fail(Check.CHECKSUMS, "SHA256SUMS line " + (i + 1) + " lists '" + name + "', which it must not");
                }
                listed.add(name);
                byte[] file = bundle.fileNoCopy(name);
                if (file == null) {
                    wrong.add(name + " is listed but missing");
                } else if (!Digest.sha256(file).equals(expected)) {
                    wrong.add(name + " does not match its checksum");
                }
            }
            for (String name : bundle.names()) {
                if (AuditBundle.FILE_NAMES.contains(name) && !name.equals(AuditBundle.CHECKSUMS)
                        && !name.equals(AuditBundle.SIGNATURE) && !listed.contains(name)) {
                    wrong.add(name + " is not listed");
                }
            }
            if (!wrong.isEmpty()) {
                return fail(Check.CHECKSUMS, String.join("; ", wrong));
            }
            return pass(Check.CHECKSUMS, "all " + listed.size() + " files match");
        }

        private CheckResult signature() {
            if (signatureError != null) {
                return fail(Check.SIGNATURE, signatureError);
            }
            byte[] sums = bundle.fileNoCopy(AuditBundle.CHECKSUMS);
            if (sums == null) {
                return fail(Check.SIGNATURE, "nothing to check it against: SHA256SUMS is missing");
            }
            String fp = Ed25519Keys.fingerprint(publicKey);
            if (!Ed25519Keys.verify(publicKey, sums, signature)) {
                return fail(Check.SIGNATURE, "the signature does not match SHA256SUMS under key " + keyId + " (" + fp + ")");
            }
            if (manifest != null && !manifest.signingKeyId().equals(keyId)) {
                return fail(Check.SIGNATURE, "signed with key " + keyId + ", but the manifest names key " + manifest.signingKeyId());
            }
            return pass(Check.SIGNATURE, "valid Ed25519 signature by key " + keyId + " (" + fp + ")");
        }

        private CheckResult keyTrusted() {
            String expected = options.normalizedFingerprint();
            if (expected == null) {
                return skip(Check.KEY_TRUSTED, "no expected key given"
                        + (publicKey == null ? "" : "; compare " + Ed25519Keys.fingerprint(publicKey)
                        + " with the fingerprint the municipality published"));
            }
            if (!expected.matches("[0-9a-f]{64}")) {
                return fail(Check.KEY_TRUSTED, "the expected fingerprint is not 64 hex digits: " + options.expectedKeyFingerprint());
            }
            if (publicKey == null) {
                return fail(Check.KEY_TRUSTED, "the bundle's key cannot be read, so it is not the expected " + expected);
            }
            String actual = Ed25519Keys.fingerprint(publicKey);
            if (!actual.equals(expected)) {
                return fail(Check.KEY_TRUSTED, "signed by key " + actual + ", not by the expected " + expected);
            }
            return pass(Check.KEY_TRUSTED, "the key is the expected " + expected);
        }

        private CheckResult schema() {
            if (!schemaErrors.isEmpty()) {
                return fail(Check.SCHEMA, schemaErrors.get(0)
                        + (schemaErrors.size() > 1 ? " (and " + (schemaErrors.size() - 1) + " more)" : ""));
            }
            long checked = bundle.names().stream().filter(n -> n.endsWith(".json") && AuditBundle.FILE_NAMES.contains(n)).count();
            return pass(Check.SCHEMA, checked + " JSON files canonical and well-formed");
        }

        private CheckResult eventChain() {
            if (events == null) {
                return skip(Check.EVENT_CHAIN, "events.json is missing or unreadable");
            }
            if (events.isEmpty()) {
                return fail(Check.EVENT_CHAIN, "the event log is empty");
            }
            String prev = AuditEvent.GENESIS;
            LocalDate lastDay = null;
            String lastAt = null;
            for (int i = 0; i < events.size(); i++) {
                ParsedEvent e = events.get(i);
                if (e.seq() != i + 1) {
                    return fail(Check.EVENT_CHAIN, "event " + (i + 1) + " has sequence number " + e.seq());
                }
                if (!e.prev().equals(prev)) {
                    return fail(Check.EVENT_CHAIN, "event " + e.seq() + " (" + e.type() + ") does not link to the event before it");
                }
                String hash = new AuditEvent(e.seq(), e.type(), e.at(), e.actorRole(), e.data()).hash(prev).hex();
                if (!hash.equals(e.hash())) {
                    return fail(Check.EVENT_CHAIN, "event " + e.seq() + " (" + e.type() + ") does not match its hash");
                }
                LocalDate day = LocalDate.parse(e.at().substring(0, 10));
                boolean bothTimestamps = lastAt != null && lastAt.length() > 10 && e.at().length() > 10;
                if (lastDay != null && (day.isBefore(lastDay)
                        || bothTimestamps && java.time.Instant.parse(e.at()).isBefore(java.time.Instant.parse(lastAt)))) {
                    return fail(Check.EVENT_CHAIN, "event " + e.seq() + " (" + e.type() + ") is dated before the event before it");
                }
                lastDay = day;
                lastAt = e.at();
                prev = hash;
            }
            ParsedEvent last = events.get(events.size() - 1);
            return pass(Check.EVENT_CHAIN, events.size() + " events, last " + last.type() + " at " + last.at()
                    + ", head " + prev.substring(0, 16));
        }

        private boolean withheld() {
            return manifest != null && manifest.ballotsWithheld();
        }

        private String withheldVerdict() {
            return "ballots withheld: fewer than " + manifest.minimumVotersForBallots() + " voters";
        }

        private CheckResult merkleRoot() {
            if (withheld()) {
                return skip(Check.MERKLE_ROOT, withheldVerdict() + "; the root is a commitment only");
            }
            if (ballots == null || root == null) {
                return skip(Check.MERKLE_ROOT, "needs ballots.json and merkle.json, which are missing or unreadable");
            }
            List<Digest> leaves = new ArrayList<>(ballots.size());
            for (CanonicalBallot b : ballots) {
                leaves.add(b.leafHash());
            }
            for (int i = 1; i < leaves.size(); i++) {
                if (leaves.get(i - 1).compareTo(leaves.get(i)) > 0) {
                    return fail(Check.MERKLE_ROOT, "ballot " + i + " is out of order: ballots must be sorted by leaf hash");
                }
            }
            Digest computed = MerkleTree.of(leaves).root();
            if (treeSize != leaves.size()) {
                return fail(Check.MERKLE_ROOT, "merkle.json says " + treeSize + " ballots, ballots.json has " + leaves.size());
            }
            if (!computed.equals(root)) {
                return fail(Check.MERKLE_ROOT, "the ballots give root " + computed + ", merkle.json says " + root);
            }
            return pass(Check.MERKLE_ROOT, leaves.size() + " ballots give root " + root);
        }

        private CheckResult ballotsUnique() {
            if (withheld()) {
                return skip(Check.BALLOTS_UNIQUE, withheldVerdict());
            }
            if (ballots == null) {
                return skip(Check.BALLOTS_UNIQUE, "needs ballots.json, which is missing or unreadable");
            }
            Map<Digest, Integer> leaves = new HashMap<>();
            Map<String, Integer> nonces = new HashMap<>();
            for (int i = 0; i < ballots.size(); i++) {
                CanonicalBallot b = ballots.get(i);
                Integer twin = leaves.putIfAbsent(b.leafHash(), i);
                if (twin != null) {
                    return fail(Check.BALLOTS_UNIQUE, "ballot " + i + " is a copy of ballot " + twin);
                }
                twin = nonces.putIfAbsent(b.nonce(), i);
                if (twin != null) {
                    return fail(Check.BALLOTS_UNIQUE, "ballots " + twin + " and " + i + " share nonce " + b.nonce());
                }
            }
            return pass(Check.BALLOTS_UNIQUE, ballots.size() + " distinct ballots, " + ballots.size() + " distinct nonces");
        }

        private CheckResult ballotsMatchUsedCodes() {
            if (counts == null || treeSize == null) {
                return skip(Check.BALLOTS_MATCH_USED_CODES, "needs counts.json and merkle.json, which are missing or unreadable");
            }
            long used = 0;
            for (BallotCounts.CodeBatch b : counts.batches()) {
                if (b.used() > b.issued()) {
                    return fail(Check.BALLOTS_MATCH_USED_CODES, "batch " + b.batch() + " used " + b.used()
                            + " codes but only " + b.issued() + " were issued");
                }
                used = Math.addExact(used, b.used());
            }
            long channels = 0;
            for (long n : counts.channels().values()) {
                channels = Math.addExact(channels, n);
            }
            String numbers = "codes used " + used + ", ballots by channel " + channels + ", Merkle tree " + treeSize
                    + (ballots == null ? "" : ", ballots.json " + ballots.size());
            if (used != channels || used != treeSize || ballots != null && used != ballots.size()) {
                return fail(Check.BALLOTS_MATCH_USED_CODES, "the numbers differ: " + numbers);
            }
            if (ballots == null && !withheld()) {
                return skip(Check.BALLOTS_MATCH_USED_CODES, numbers + ", but ballots.json is unreadable");
            }
            List<String> perChannel = new ArrayList<>();
            counts.channels().forEach((channel, n) -> perChannel.add(channel + " " + n));
            return pass(Check.BALLOTS_MATCH_USED_CODES, used + " codes used = " + used + " ballots"
                    + (perChannel.isEmpty() ? "" : " (" + String.join(", ", perChannel) + ")"));
        }

        private CheckResult ballotsValid() {
            if (withheld()) {
                return skip(Check.BALLOTS_VALID, withheldVerdict());
            }
            if (ballots == null || manifest == null) {
                return skip(Check.BALLOTS_VALID, "needs manifest.json and ballots.json, which are missing or unreadable");
            }
            BallotValidator validator = new BallotValidator(manifest.instance());
            int invalid = 0;
            String first = null;
            for (int i = 0; i < ballots.size(); i++) {
                List<BallotViolation> v = validator.check(ballots.get(i).toSubmission());
                if (!v.isEmpty()) {
                    invalid++;
                    if (first == null) {
                        BallotViolation x = v.get(0);
                        first = "ballot " + i + ": " + x.code() + " at " + x.field() + ": " + x.message();
                    }
                }
            }
            if (invalid > 0) {
                return fail(Check.BALLOTS_VALID, invalid + " of " + ballots.size() + " ballots break the ballot rules; " + first);
            }
            return pass(Check.BALLOTS_VALID, "all " + ballots.size() + " ballots follow the "
                    + manifest.instance().voteType().pabulibName() + " ballot rules");
        }

        private CheckResult outcomeRecomputed() {
            if (withheld()) {
                return skip(Check.OUTCOME_RECOMPUTED, withheldVerdict() + ", so the outcome cannot be recomputed");
            }
            byte[] recorded = bundle.fileNoCopy(AuditBundle.OUTCOME);
            if (manifest == null || ballots == null || recorded == null) {
                return skip(Check.OUTCOME_RECOMPUTED, "needs manifest.json, ballots.json and outcome.json, which are missing or unreadable");
            }
            Recomputation again = recompute(manifest, ballots);
            if (again.error() != null) {
                return fail(Check.OUTCOME_RECOMPUTED, manifest.rule().label() + " could not count the published ballots: "
                        + again.error());
            }
            if (!Arrays.equals(again.outcomeFile(), recorded)) {
                return fail(Check.OUTCOME_RECOMPUTED, "outcome.json is not what " + manifest.rule().label() + " gives: "
                        + (outcomeWellFormed ? describeDifference(again.outcomeFile(), recorded) : "outcome.json is malformed"));
            }
            Outcome o = again.outcome();
            return pass(Check.OUTCOME_RECOMPUTED, manifest.rule().label() + " on " + ballots.size() + " ballots funds "
                    + o.selected().size() + " projects for " + o.totalCost() + " of " + o.budget() + ", identical to outcome.json");
        }

        private CheckResult receiptIncluded() {
            if (options.receipt() == null) {
                return skip(Check.RECEIPT_INCLUDED, "no receipt given");
            }
            Receipt receipt;
            try {
                receipt = Receipt.parse(options.receipt(), manifest == null ? VoteType.APPROVAL : manifest.instance().voteType());
            } catch (BundleFormatException e) {
                return fail(Check.RECEIPT_INCLUDED, e.getMessage());
            }
            if (manifest == null || publicKey == null || root == null) {
                return fail(Check.RECEIPT_INCLUDED, "the bundle's manifest, key or Merkle root cannot be read");
            }
            if (!receipt.electionId().equals(manifest.info().electionId())) {
                return fail(Check.RECEIPT_INCLUDED, "the receipt is for election " + receipt.electionId() + ", the bundle for "
                        + manifest.info().electionId());
            }
            if (!receipt.keyId().equals(keyId) || !receipt.signatureValid(publicKey)) {
                return fail(Check.RECEIPT_INCLUDED, "the receipt's signature is not valid under the bundle's key " + keyId);
            }
            InclusionProof proof = receipt.inclusion();
            if (proof == null) {
                return fail(Check.RECEIPT_INCLUDED, "the receipt has no inclusion proof yet; fetch it again after publication");
            }
            if (proof.treeSize() != treeSize) {
                return fail(Check.RECEIPT_INCLUDED, "the proof is for a tree of " + proof.treeSize() + " ballots, the bundle has "
                        + treeSize);
            }
            if (!proof.verifies(receipt.leafHash(), root)) {
                return fail(Check.RECEIPT_INCLUDED, "the inclusion proof of ballot " + receipt.leafHash().hex().substring(0, 16)
                        + " does not lead to the Merkle root");
            }
            if (ballots != null && (proof.leafIndex() >= ballots.size()
                    || !ballots.get((int) proof.leafIndex()).leafHash().equals(receipt.leafHash()))) {
                return fail(Check.RECEIPT_INCLUDED, "ballots.json has a different ballot at position " + proof.leafIndex());
            }
            return pass(Check.RECEIPT_INCLUDED, "ballot " + receipt.leafHash().hex().substring(0, 16) + " is leaf "
                    + proof.leafIndex() + " of " + proof.treeSize() + " under the signed root");
        }
    }
}
