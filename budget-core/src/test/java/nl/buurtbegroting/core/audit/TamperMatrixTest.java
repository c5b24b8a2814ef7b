package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of change to a real bundle (Assen 2024, greedy) is caught, and by the right check. Each
 * content change is tried three ways: naively (only the file changed: CHECKSUMS fails), with the
 * checksums redone (SIGNATURE fails), and signed again with another key (only KEY_TRUSTED can tell,
 * when the verifier is given the published fingerprint). In every mode the check that guards the
 * changed content fails as well, because independent checks keep running.
 */
class TamperMatrixTest {

    private static AuditBundle bundle;

    @BeforeAll
    static void build() {
        bundle = TestBundles.build(TestBundles.assen());
    }

    /**
     * A change to the content of the bundle, and the check that catches the content itself (null when
     * only the signature protects it, like the recorded library version).
     */
    record Change(String name, UnaryOperator<AuditBundle> apply, Check guard) {
        @Override
        public String toString() {
            return name;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ballots(Map<String, Object> json) {
        return (List<Object>) json.get("ballots");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    static Stream<Change> changes() {
        return Stream.of(
                new Change("edit a ballot", b -> Tamper.editJson(b, AuditBundle.BALLOTS, j -> {
                    Map<String, Object> first = obj(ballots(j).get(0));
                    first.put("projects", List.of("1", "10"));
                }), Check.MERKLE_ROOT),
                new Change("delete a ballot", b -> Tamper.editJson(b, AuditBundle.BALLOTS, j -> ballots(j).remove(40)),
                        Check.MERKLE_ROOT),
                new Change("duplicate a ballot", b -> Tamper.editJson(b, AuditBundle.BALLOTS,
                        j -> ballots(j).add(41, ballots(j).get(40))), Check.BALLOTS_UNIQUE),
                new Change("reorder two ballots", b -> Tamper.editJson(b, AuditBundle.BALLOTS,
                        j -> Collections.swap(ballots(j), 3, 60)), Check.MERKLE_ROOT),
                new Change("add a ballot", b -> Tamper.editJson(b, AuditBundle.BALLOTS, j -> {
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("nonce", "ffffffffffffffffffffffffffffffff");
                    extra.put("projects", List.of("10", "8"));
                    ballots(j).add(extra);
                }), Check.MERKLE_ROOT),
                new Change("change the budget", b -> Tamper.editJson(b, AuditBundle.MANIFEST, j -> j.put("budget", 150000L)),
                        Check.OUTCOME_RECOMPUTED),
                new Change("change a cost", b -> Tamper.editJson(b, AuditBundle.MANIFEST,
                        j -> obj(((List<Object>) j.get("proposals")).get(2)).put("cost", 4000L)), Check.OUTCOME_RECOMPUTED),
                new Change("change the rule", b -> Tamper.editJson(b, AuditBundle.MANIFEST,
                        j -> obj(j.get("rule")).put("name", "knapsack")), Check.OUTCOME_RECOMPUTED),
                new Change("change the tie-breaking", b -> Tamper.editJson(b, AuditBundle.MANIFEST,
                        j -> obj(obj(j.get("rule")).get("options")).put("tieBreaking", "id-desc")), Check.OUTCOME_RECOMPUTED),
                new Change("refuse an admitted proposal", b -> Tamper.editJson(b, AuditBundle.MANIFEST, j -> {
                    Map<String, Object> p = obj(((List<Object>) j.get("proposals")).get(0));
                    p.put("admitted", false);
                    p.put("reason", "not on municipal land");
                }), Check.BALLOTS_VALID),
                new Change("change the outcome", b -> Tamper.editJson(b, AuditBundle.OUTCOME, j -> {
                    List<Object> selected = (List<Object>) j.get("selected");
                    Collections.swap(selected, 0, 1);
                }), Check.OUTCOME_RECOMPUTED),
                new Change("change a decision's reason", b -> Tamper.editJson(b, AuditBundle.OUTCOME,
                        j -> obj(((List<Object>) j.get("projects")).get(2)).put("reason", "the mayor did not like it")),
                        Check.OUTCOME_RECOMPUTED),
                new Change("change the library version", b -> Tamper.editJson(b, AuditBundle.MANIFEST,
                        j -> j.put("libraryVersion", "9.9.9")), null),
                new Change("change the codes used", b -> Tamper.editJson(b, AuditBundle.COUNTS,
                        j -> obj(((List<Object>) j.get("codeBatches")).get(0)).put("used", 90L)), Check.BALLOTS_MATCH_USED_CODES),
                new Change("break the event chain", b -> Tamper.editJson(b, AuditBundle.EVENTS,
                        j -> obj(((List<Object>) j.get("events")).get(2)).put("at", "2024-04-01T07:00:00Z")), Check.EVENT_CHAIN),
                new Change("drop an event", b -> Tamper.editJson(b, AuditBundle.EVENTS,
                        j -> ((List<Object>) j.get("events")).remove(3)), Check.EVENT_CHAIN),
                new Change("change the Merkle root", b -> Tamper.editJson(b, AuditBundle.MERKLE,
                        j -> j.put("rootHash", "00".repeat(32))), Check.MERKLE_ROOT),
                new Change("truncate a file", b -> b.with(AuditBundle.BALLOTS,
                        Arrays.copyOf(b.file(AuditBundle.BALLOTS), b.file(AuditBundle.BALLOTS).length / 2)), Check.SCHEMA),
                new Change("non-canonical whitespace", b -> b.with(AuditBundle.COUNTS,
                        new String(b.file(AuditBundle.COUNTS)).replace(",", ", ").getBytes()), Check.SCHEMA),
                new Change("remove the ballots", b -> b.without(AuditBundle.BALLOTS), Check.SCHEMA));
    }

    private static VerificationReport verify(AuditBundle b, boolean expectKey) {
        return BundleVerifier.verify(AuditBundle.fromZip(b.toZip()),
                expectKey ? TestBundles.trusting() : VerifyOptions.none());
    }

    private static void assertRejected(VerificationReport r, Check first, Check guard, String what) {
        assertFalse(r.passed(), what + " was accepted");
        assertEquals(first, r.firstFailure().orElseThrow().check(), what + ": " + r.summary());
        assertEquals(first.exitCode(), r.exitCode(), what);
        if (guard != null) {
            assertTrue(r.failedChecks().contains(guard), what + ": " + guard + " should fail too, failed: " + r.failedChecks());
        }
    }

    @Test
    void theUntouchedBundlePassesEveryCheck() {
        VerificationReport r = verify(bundle, true);
        assertTrue(r.passed(), r.summary());
        assertEquals(0, r.exitCode());
        assertEquals(Check.values().length, r.results().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void naiveChangeFailsChecksums(Change change) {
        assertRejected(verify(change.apply().apply(bundle), true), Check.CHECKSUMS, change.guard(), change.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void changeWithRecomputedChecksumsFailsSignature(Change change) {
        assertRejected(verify(Tamper.resum(change.apply().apply(bundle)), true), Check.SIGNATURE, change.guard(),
                change.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void changeSignedWithAnotherKeyFailsKeyTrusted(Change change) {
        assertRejected(verify(Tamper.resign(change.apply().apply(bundle), TestBundles.OTHER_KEY), true),
                Check.KEY_TRUSTED, change.guard(), change.name());
    }

    /**
     * Without the published fingerprint, a bundle signed again by a forger is caught only by what the
     * content itself reveals; a consistent change (here: the library version) passes. This is why
     * the verifier must be told which key to trust.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void changeSignedWithAnotherKeyWithoutExpectedKey(Change change) {
        VerificationReport r = verify(Tamper.resign(change.apply().apply(bundle), TestBundles.OTHER_KEY), false);
        if (change.guard() == null) {
            assertTrue(r.passed(), r.summary());
        } else {
            assertFalse(r.passed(), change.name() + " was accepted");
            assertTrue(r.failedChecks().contains(change.guard()), r.summary());
            assertFalse(r.failedChecks().contains(Check.SIGNATURE), r.summary());
        }
    }

    @Test
    void swappedSignatureFailsSignature() {
        AuditBundle other = TestBundles.build(TestBundles.input("Poland_Gdynia_2020_Chylonia__small.pb",
                nl.buurtbegroting.core.rules.RuleName.KNAPSACK, 10));
        AuditBundle swapped = bundle.with(AuditBundle.SIGNATURE, other.file(AuditBundle.SIGNATURE));
        assertRejected(verify(swapped, true), Check.SIGNATURE, null, "signature of another bundle");
        AuditBundle flipped = Tamper.editJson(bundle, AuditBundle.SIGNATURE, j -> {
            byte[] sig = java.util.Base64.getDecoder().decode((String) j.get("signature"));
            sig[10] ^= 1;
            j.put("signature", java.util.Base64.getEncoder().encodeToString(sig));
        });
        assertRejected(verify(flipped, true), Check.SIGNATURE, null, "flipped signature bit");
    }

    @Test
    void swappedKeyFailsSignatureAndKeyTrusted() {
        AuditBundle swapped = Tamper.editJson(bundle, AuditBundle.SIGNATURE, j -> j.put("publicKey",
                java.util.Base64.getEncoder().encodeToString(TestBundles.OTHER_KEY.publicKey())));
        VerificationReport r = verify(swapped, true);
        assertRejected(r, Check.SIGNATURE, Check.KEY_TRUSTED, "another public key");
    }

    @Test
    void wholeBundleSignedByAnotherKeyFailsOnlyKeyTrusted() {
        AuditBundle forged = new BundleBuilder(TestBundles.OTHER_KEY).build(TestBundles.assen());
        VerificationReport r = verify(forged, true);
        assertEquals(List.of(Check.KEY_TRUSTED), r.failedChecks(), r.summary());
        assertTrue(verify(forged, false).passed(), "without an expected key any well-formed bundle verifies");
    }

    @Test
    void signatureUnderAnotherKeyIdFailsSignature() {
        SigningKey renamed = new SigningKey("forger-key", TestBundles.KEY.publicKey(), TestBundles.KEY::sign);
        assertRejected(verify(Tamper.resign(bundle, renamed), true), Check.SIGNATURE, null, "key id not the manifest's");
    }

    @Test
    void removedFileFailsFilesPresent() {
        for (String name : List.of(AuditBundle.MANIFEST, AuditBundle.OUTCOME, AuditBundle.EVENTS, AuditBundle.COUNTS,
                AuditBundle.MERKLE, AuditBundle.CHECKSUMS, AuditBundle.SIGNATURE)) {
            VerificationReport r = verify(bundle.without(name), true);
            assertEquals(Check.FILES_PRESENT, r.firstFailure().orElseThrow().check(), name + ": " + r.summary());
            assertEquals(10, r.exitCode());
        }
    }

    @Test
    void addedFileFailsFilesPresent() {
        VerificationReport r = verify(bundle.with("README.txt", "hello".getBytes()), true);
        assertEquals(Check.FILES_PRESENT, r.firstFailure().orElseThrow().check(), r.summary());
    }

    @Test
    void changedZipHeadersAreRejected() {
        byte[] zip = bundle.toZip();
        byte[] trailing = Arrays.copyOf(zip, zip.length + 1);
        VerificationReport r = BundleVerifier.verify(pathOf(trailing), TestBundles.trusting());
        assertEquals(Check.FILES_PRESENT, r.firstFailure().orElseThrow().check(), r.summary());
    }

    /** 1,000 seeded single-byte changes, half in the zip, half in the files: every one is rejected. */
    @Test
    void everyRandomByteFlipIsRejected() {
        Random random = new Random(20260125L);
        byte[] zip = bundle.toZip();
        List<String> names = bundle.names();
        Map<Check, Integer> firstFailures = new java.util.EnumMap<>(Check.class);
        int rejected = 0;
        int total = 1000;
        for (int i = 0; i < total; i++) {
            VerificationReport r;
            if (i % 2 == 0) {
                byte[] copy = zip.clone();
                copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
                r = verifyZip(copy);
            } else {
                String name = names.get(random.nextInt(names.size()));
                byte[] file = bundle.file(name);
                file[random.nextInt(file.length)] ^= (byte) (1 + random.nextInt(255));
                r = BundleVerifier.verify(bundle.with(name, file), TestBundles.trusting());
            }
            if (!r.passed()) {
                rejected++;
                firstFailures.merge(r.firstFailure().orElseThrow().check(), 1, Integer::sum);
            }
        }
        System.out.println("random byte changes: " + rejected + " of " + total + " rejected; first failing check: " + firstFailures);
        assertEquals(total, rejected);
    }

    private static VerificationReport verifyZip(byte[] zip) {
        try {
            return BundleVerifier.verify(AuditBundle.fromZip(zip), TestBundles.trusting());
        } catch (BundleFormatException e) {
            return BundleVerifier.verify(pathOf(zip), TestBundles.trusting());
        }
    }

    private static java.nio.file.Path pathOf(byte[] zip) {
        try {
            java.nio.file.Path p = java.nio.file.Files.createTempFile("bundle", ".zip");
            p.toFile().deleteOnExit();
            java.nio.file.Files.write(p, zip);
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void schemaVerdictsNameTheFileAndThePath() {
        AuditBundle extra = Tamper.resign(Tamper.editJson(bundle, AuditBundle.MANIFEST, j -> j.put("mayor", "yes")),
                TestBundles.KEY);
        CheckResult r = verify(extra, true).firstFailure().orElseThrow();
        assertEquals(Check.SCHEMA, r.check());
        assertEquals("manifest.json at $.mayor: unknown member", r.verdict());
        AuditBundle floats = Tamper.resign(bundle.with(AuditBundle.COUNTS,
                new String(bundle.file(AuditBundle.COUNTS)).replace("\"used\":84", "\"used\":84.0").getBytes()), TestBundles.KEY);
        CheckResult f = verify(floats, true).firstFailure().orElseThrow();
        assertEquals(Check.SCHEMA, f.check());
        assertTrue(f.verdict().startsWith("counts.json at character ") && f.verdict().contains("floating-point"), f.verdict());
    }

    @Test
    void changedPointsOnACumulativeBallotAreCaught() {
        BundleInput in = TestBundles.input("Poland_Czestochowa_2020_Podjasnogorska.pb",
                nl.buurtbegroting.core.rules.RuleName.GREEDY, 10);
        AuditBundle cumulative = TestBundles.build(in);
        assertTrue(verify(cumulative, true).passed());
        AuditBundle edited = Tamper.editJson(cumulative, AuditBundle.BALLOTS, j -> {
            Map<String, Object> b = obj(ballots(j).get(7));
            List<Object> points = new ArrayList<>((List<Object>) b.get("points"));
            points.set(0, (Long) points.get(0) + 1);
            b.put("points", points);
        });
        VerificationReport r = verify(Tamper.resign(edited, TestBundles.OTHER_KEY), false);
        assertEquals(Check.MERKLE_ROOT, r.firstFailure().orElseThrow().check(), r.summary());
    }

    @Test
    void listsTheMatrix() {
        List<String> kinds = new ArrayList<>();
        changes().forEach(c -> kinds.add(c.name()));
        assertTrue(kinds.size() >= 12, "at least 12 kinds of change");
    }
}
