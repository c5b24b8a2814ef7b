package nl.buurtbegroting.core.audit;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.buurtbegroting.core.audit.CheckResult.Status;
import nl.buurtbegroting.core.model.VoteType;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.validation.BallotValidator;
import nl.buurtbegroting.core.validation.BallotViolation;

/** The twelve checks of docs/verification.md §4 on a parsed bundle, each giving its verdict. */
final class BundleChecks {

    private final AuditBundle bundle;
    private final VerifyOptions options;
    private final ParsedBundle parsed;

    BundleChecks(ParsedBundle parsed, VerifyOptions options) {
        this.parsed = parsed;
        this.bundle = parsed.bundle;
        this.options = options;
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
    

    CheckResult filesPresent() {
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

    CheckResult checksums() {
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

    CheckResult signature() {
        if (parsed.signatureError != null) {
            return fail(Check.SIGNATURE, parsed.signatureError);
        }
        byte[] sums = bundle.fileNoCopy(AuditBundle.CHECKSUMS);
        if (sums == null) {
            return fail(Check.SIGNATURE, "nothing to check it against: SHA256SUMS is missing");
        }
        String fp = Ed25519Keys.fingerprint(parsed.publicKey);
        if (!Ed25519Keys.verify(parsed.publicKey, sums, parsed.signature)) {
            return fail(Check.SIGNATURE, "the signature does not match SHA256SUMS under key " + parsed.keyId + " (" + fp + ")");
        }
        if (parsed.manifest != null && !parsed.manifest.signingKeyId().equals(parsed.keyId)) {
            return fail(Check.SIGNATURE, "signed with key " + parsed.keyId + ", but the manifest names key " + parsed.manifest.signingKeyId());
        }
        return pass(Check.SIGNATURE, "valid Ed25519 signature by key " + parsed.keyId + " (" + fp + ")");
    }

    CheckResult keyTrusted() {
        String expected = options.normalizedFingerprint();
        if (expected == null) {
            return skip(Check.KEY_TRUSTED, "no expected key given"
                    + (parsed.publicKey == null ? "" : "; compare " + Ed25519Keys.fingerprint(parsed.publicKey)
                    + " with the fingerprint the municipality published"));
        }
        if (!expected.matches("[0-9a-f]{64}")) {
            return fail(Check.KEY_TRUSTED, "the expected fingerprint is not 64 hex digits: " + options.expectedKeyFingerprint());
        }
        if (parsed.publicKey == null) {
            return fail(Check.KEY_TRUSTED, "the bundle's key cannot be read, so it is not the expected " + expected);
        }
        String actual = Ed25519Keys.fingerprint(parsed.publicKey);
        if (!actual.equals(expected)) {
            return fail(Check.KEY_TRUSTED, "signed by key " + actual + ", not by the expected " + expected);
        }
        return pass(Check.KEY_TRUSTED, "the key is the expected " + expected);
    }

    CheckResult schema() {
        if (!parsed.schemaErrors.isEmpty()) {
            return fail(Check.SCHEMA, parsed.schemaErrors.get(0)
                    + (parsed.schemaErrors.size() > 1 ? " (and " + (parsed.schemaErrors.size() - 1) + " more)" : ""));
        }
        long checked = bundle.names().stream().filter(n -> n.endsWith(".json") && AuditBundle.FILE_NAMES.contains(n)).count();
        return pass(Check.SCHEMA, checked + " JSON files canonical and well-formed");
    }

    CheckResult eventChain() {
        if (parsed.events == null) {
            return skip(Check.EVENT_CHAIN, "events.json is missing or unreadable");
        }
        if (parsed.events.isEmpty()) {
            return fail(Check.EVENT_CHAIN, "the event log is empty");
        }
        String prev = AuditEvent.GENESIS;
        LocalDate lastDay = null;
        // The latest instant of any earlier event: a date-only event between two instants must not let the
        // chain's time go back (10:00, then the same day's date, then 09:00 is out of order).
        java.time.Instant lastInstant = null;
        for (int i = 0; i < parsed.events.size(); i++) {
            ParsedBundle.ParsedEvent e = parsed.events.get(i);
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
            if (lastDay != null && day.isBefore(lastDay)) {
                return fail(Check.EVENT_CHAIN, "event " + e.seq() + " (" + e.type() + ") is dated before the event before it");
            }
            if (e.at().length() > 10) {
                java.time.Instant instant = java.time.Instant.parse(e.at());
                if (lastInstant != null && instant.isBefore(lastInstant)) {
                    return fail(Check.EVENT_CHAIN, "event " + e.seq() + " (" + e.type() + ") is timed before an earlier event ("
                            + lastInstant + ")");
                }
                lastInstant = instant;
            }
            lastDay = day;
            prev = hash;
        }
        ParsedBundle.ParsedEvent last = parsed.events.get(parsed.events.size() - 1);
        return pass(Check.EVENT_CHAIN, parsed.events.size() + " events, last " + last.type() + " at " + last.at()
                + ", head " + prev.substring(0, 16));
    }

    private boolean withheld() {
        return parsed.manifest != null && parsed.manifest.ballotsWithheld();
    }

    private String withheldVerdict() {
        return "ballots withheld: fewer than " + parsed.manifest.minimumVotersForBallots() + " voters";
    }

    CheckResult merkleRoot() {
        if (withheld()) {
            return skip(Check.MERKLE_ROOT, withheldVerdict() + "; the root is a commitment only");
        }
        if (parsed.ballots == null || parsed.root == null) {
            return skip(Check.MERKLE_ROOT, "needs ballots.json and merkle.json, which are missing or unreadable");
        }
        List<Digest> leaves = parsed.leaves();
        for (int i = 1; i < leaves.size(); i++) {
            if (leaves.get(i - 1).compareTo(leaves.get(i)) > 0) {
                return fail(Check.MERKLE_ROOT, "ballot " + i + " is out of order: ballots must be sorted by leaf hash");
            }
        }
        Digest computed = MerkleTree.of(leaves).root();
        if (parsed.treeSize != leaves.size()) {
            return fail(Check.MERKLE_ROOT, "merkle.json says " + parsed.treeSize + " ballots, ballots.json has " + leaves.size());
        }
        if (!computed.equals(parsed.root)) {
            return fail(Check.MERKLE_ROOT, "the ballots give root " + computed + ", merkle.json says " + parsed.root);
        }
        return pass(Check.MERKLE_ROOT, leaves.size() + " ballots give root " + parsed.root);
    }

    CheckResult ballotsUnique() {
        if (withheld()) {
            return skip(Check.BALLOTS_UNIQUE, withheldVerdict());
        }
        if (parsed.ballots == null) {
            return skip(Check.BALLOTS_UNIQUE, "needs ballots.json, which is missing or unreadable");
        }
        Map<Digest, Integer> leaves = new HashMap<>();
        Map<String, Integer> nonces = new HashMap<>();
        List<Digest> hashes = parsed.leaves();
        for (int i = 0; i < parsed.ballots.size(); i++) {
            CanonicalBallot b = parsed.ballots.get(i);
            Integer twin = leaves.putIfAbsent(hashes.get(i), i);
            if (twin != null) {
                return fail(Check.BALLOTS_UNIQUE, "ballot " + i + " is a copy of ballot " + twin);
            }
            twin = nonces.putIfAbsent(b.nonce(), i);
            if (twin != null) {
                return fail(Check.BALLOTS_UNIQUE, "ballots " + twin + " and " + i + " share nonce " + b.nonce());
            }
        }
        return pass(Check.BALLOTS_UNIQUE, parsed.ballots.size() + " distinct ballots, " + parsed.ballots.size() + " distinct nonces");
    }

    CheckResult ballotsMatchUsedCodes() {
        if (parsed.counts == null || parsed.treeSize == null) {
            return skip(Check.BALLOTS_MATCH_USED_CODES, "needs counts.json and merkle.json, which are missing or unreadable");
        }
        long used = 0;
        for (BallotCounts.CodeBatch b : parsed.counts.batches()) {
            if (b.used() > b.issued()) {
                return fail(Check.BALLOTS_MATCH_USED_CODES, "batch " + b.batch() + " used " + b.used()
                        + " codes but only " + b.issued() + " were issued");
            }
            used = Math.addExact(used, b.used());
        }
        long channels = 0;
        for (long n : parsed.counts.channels().values()) {
            channels = Math.addExact(channels, n);
        }
        String numbers = "codes used " + used + ", ballots by channel " + channels + ", Merkle tree " + parsed.treeSize
                + (parsed.ballots == null ? "" : ", ballots.json " + parsed.ballots.size());
        if (used != channels || used != parsed.treeSize || parsed.ballots != null && used != parsed.ballots.size()) {
            return fail(Check.BALLOTS_MATCH_USED_CODES, "the numbers differ: " + numbers);
        }
        if (parsed.ballots == null && !withheld()) {
            return skip(Check.BALLOTS_MATCH_USED_CODES, numbers + ", but ballots.json is unreadable");
        }
        List<String> perChannel = new ArrayList<>();
        parsed.counts.channels().forEach((channel, n) -> perChannel.add(channel + " " + n));
        return pass(Check.BALLOTS_MATCH_USED_CODES, used + " codes used = " + used + " ballots"
                + (perChannel.isEmpty() ? "" : " (" + String.join(", ", perChannel) + ")"));
    }

    CheckResult ballotsValid() {
        if (withheld()) {
            return skip(Check.BALLOTS_VALID, withheldVerdict());
        }
        if (parsed.ballots == null || parsed.manifest == null) {
            return skip(Check.BALLOTS_VALID, "needs manifest.json and ballots.json, which are missing or unreadable");
        }
        BallotValidator validator = new BallotValidator(parsed.manifest.instance());
        int invalid = 0;
        String first = null;
        for (int i = 0; i < parsed.ballots.size(); i++) {
            List<BallotViolation> v = validator.check(parsed.ballots.get(i).toSubmission());
            if (!v.isEmpty()) {
                invalid++;
                if (first == null) {
                    BallotViolation x = v.get(0);
                    first = "ballot " + i + ": " + x.code() + " at " + x.field() + ": " + x.message();
                }
            }
        }
        if (invalid > 0) {
            return fail(Check.BALLOTS_VALID, invalid + " of " + parsed.ballots.size() + " ballots break the ballot rules; " + first);
        }
        return pass(Check.BALLOTS_VALID, "all " + parsed.ballots.size() + " ballots follow the "
                + parsed.manifest.instance().voteType().pabulibName() + " ballot rules");
    }

    CheckResult outcomeRecomputed() {
        if (withheld()) {
            return skip(Check.OUTCOME_RECOMPUTED, withheldVerdict() + ", so the outcome cannot be recomputed");
        }
        byte[] recorded = bundle.fileNoCopy(AuditBundle.OUTCOME);
        if (parsed.manifest == null || parsed.ballots == null || recorded == null) {
            return skip(Check.OUTCOME_RECOMPUTED, "needs manifest.json, ballots.json and outcome.json, which are missing or unreadable");
        }
        OutcomeRecomputation.Result again = OutcomeRecomputation.recompute(parsed.manifest, parsed.ballots);
        if (again.error() != null) {
            return fail(Check.OUTCOME_RECOMPUTED, parsed.manifest.rule().label() + " could not count the published ballots: "
                    + again.error());
        }
        if (!Arrays.equals(again.outcomeFile(), recorded)) {
            return fail(Check.OUTCOME_RECOMPUTED, "outcome.json is not what " + parsed.manifest.rule().label() + " gives: "
                    + (parsed.outcomeWellFormed ? OutcomeRecomputation.describeDifference(again.outcomeFile(), recorded) : "outcome.json is malformed"));
        }
        Outcome o = again.outcome();
        return pass(Check.OUTCOME_RECOMPUTED, parsed.manifest.rule().label() + " on " + parsed.ballots.size() + " ballots funds "
                + o.selected().size() + " projects for " + o.totalCost() + " of " + o.budget() + ", identical to outcome.json");
    }

    CheckResult receiptIncluded() {
        if (options.receipt() == null) {
            return skip(Check.RECEIPT_INCLUDED, "no receipt given");
        }
        Receipt receipt;
        try {
            receipt = Receipt.parse(options.receipt(), parsed.manifest == null ? VoteType.APPROVAL : parsed.manifest.instance().voteType());
        } catch (BundleFormatException e) {
            return fail(Check.RECEIPT_INCLUDED, e.getMessage());
        }
        if (parsed.manifest == null || parsed.publicKey == null || parsed.root == null) {
            return fail(Check.RECEIPT_INCLUDED, "the bundle's manifest, key or Merkle root cannot be read");
        }
        if (!receipt.electionId().equals(parsed.manifest.info().electionId())) {
            return fail(Check.RECEIPT_INCLUDED, "the receipt is for election " + receipt.electionId() + ", the bundle for "
                    + parsed.manifest.info().electionId());
        }
        if (!receipt.keyId().equals(parsed.keyId) || !receipt.signatureValid(parsed.publicKey)) {
            return fail(Check.RECEIPT_INCLUDED, "the receipt's signature is not valid under the bundle's key " + parsed.keyId);
        }
        InclusionProof proof = receipt.inclusion();
        if (proof == null) {
            return fail(Check.RECEIPT_INCLUDED, "the receipt has no inclusion proof yet; fetch it again after publication");
        }
        if (proof.treeSize() != parsed.treeSize) {
            return fail(Check.RECEIPT_INCLUDED, "the proof is for a tree of " + proof.treeSize() + " ballots, the bundle has "
                    + parsed.treeSize);
        }
        if (!proof.verifies(receipt.leafHash(), parsed.root)) {
            return fail(Check.RECEIPT_INCLUDED, "the inclusion proof of ballot " + receipt.leafHash().hex().substring(0, 16)
                    + " does not lead to the Merkle root");
        }
        if (parsed.ballots != null && (proof.leafIndex() >= parsed.ballots.size()
                || !parsed.ballots.get((int) proof.leafIndex()).leafHash().equals(receipt.leafHash()))) {
            return fail(Check.RECEIPT_INCLUDED, "ballots.json has a different ballot at position " + proof.leafIndex());
        }
        return pass(Check.RECEIPT_INCLUDED, "ballot " + receipt.leafHash().hex().substring(0, 16) + " is leaf "
                + proof.leafIndex() + " of " + proof.treeSize() + " under the signed root");
    }
}
