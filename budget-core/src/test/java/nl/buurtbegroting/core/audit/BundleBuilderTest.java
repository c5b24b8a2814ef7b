package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import nl.buurtbegroting.core.audit.CheckResult.Status;
import nl.buurtbegroting.core.model.ApprovalBallot;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Eligibility;
import nl.buurtbegroting.core.model.Instance;
import nl.buurtbegroting.core.model.Profile;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.rules.MesCompletion;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BundleBuilderTest {

    @Test
    void theSameElectionBuiltTwiceGivesAByteIdenticalZip() {
        byte[] first = TestBundles.build(TestBundles.assen()).toZip();
        byte[] second = TestBundles.build(TestBundles.assen()).toZip();
        assertArrayEquals(first, second);
        assertEquals(Digest.sha256(first), AuditBundle.fromZip(second).zipHash());
    }

    @Test
    void theZipIsStoredSortedAndUndated() throws IOException {
        AuditBundle bundle = TestBundles.build(TestBundles.assen());
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bundle.toZip()))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
                assertEquals(ZipEntry.STORED, e.getMethod());
                assertEquals("1980-02-01T00:00", e.getTimeLocal().toString());
                assertNull(e.getExtra());
            }
        }
        assertEquals(List.of("SHA256SUMS", "ballots.json", "counts.json", "events.json", "manifest.json", "merkle.json",
                "outcome.json", "signature.json"), names);
    }

    @Test
    void aDirectoryAndAZipVerifyAlike(@TempDir Path tmp) throws IOException {
        AuditBundle bundle = TestBundles.build(TestBundles.assen());
        bundle.writeDirectory(tmp.resolve("dir"));
        Files.write(tmp.resolve("bundle.zip"), bundle.toZip());
        VerificationReport fromDir = BundleVerifier.verify(tmp.resolve("dir"), TestBundles.trusting());
        VerificationReport fromZip = BundleVerifier.verify(tmp.resolve("bundle.zip"), TestBundles.trusting());
        assertTrue(fromDir.passed(), fromDir.summary());
        assertEquals(fromDir, fromZip);
    }

    @Test
    void anUnreadablePathFailsFilesPresent(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("not-a-zip.zip"), "hello");
        VerificationReport r = BundleVerifier.verify(tmp.resolve("not-a-zip.zip"), VerifyOptions.none());
        assertEquals(Check.FILES_PRESENT, r.firstFailure().orElseThrow().check());
        assertEquals(11, r.results().stream().filter(c -> c.status() == Status.SKIPPED).count());
        assertEquals(Check.FILES_PRESENT, BundleVerifier.verify(tmp.resolve("missing"), VerifyOptions.none())
                .firstFailure().orElseThrow().check());
    }

    @Test
    void checksumsAreInTheFormatOfSha256sum() {
        AuditBundle bundle = TestBundles.build(TestBundles.assen());
        String sums = new String(bundle.file(AuditBundle.CHECKSUMS));
        String[] lines = sums.split("\n");
        assertEquals(6, lines.length);
        assertEquals(Digest.sha256(bundle.file(AuditBundle.BALLOTS)).hex() + "  ballots.json", lines[0]);
    }

    @Test
    void storedCanonicalBallotsGiveTheSameBundle() {
        BundleInput in = TestBundles.assen();
        BundleInput stored = BundleInput.of(in.info(), in.election().instance(), BundleBuilder.canonicalBallots(in), in.rule(),
                in.options(), in.outcome(), in.events(), in.counts(), in.libraryVersion(), in.minimumVotersForBallots());
        assertArrayEquals(TestBundles.build(in).toZip(), TestBundles.build(stored).toZip());
        BundleInput fromTree = BundleInput.of(in.info(), in.election().instance(), BundleBuilder.ballotTree(in), in.rule(),
                in.options(), in.outcome(), in.events(), in.counts(), in.libraryVersion(), in.minimumVotersForBallots());
        assertArrayEquals(TestBundles.build(in).toZip(), TestBundles.build(fromTree).toZip());
        for (int withheldBelow : new int[] {0, Integer.MAX_VALUE}) {
            BundleInput a = new BundleInput(in.info(), in.election(), in.nonces(), in.rule(), in.options(), in.outcome(),
                    in.events(), in.counts(), in.libraryVersion(), withheldBelow);
            BundleInput b = BundleInput.of(in.info(), in.election().instance(), BundleBuilder.ballotTree(in), in.rule(),
                    in.options(), in.outcome(), in.events(), in.counts(), in.libraryVersion(), withheldBelow);
            assertArrayEquals(TestBundles.build(a).toZip(), TestBundles.build(b).toZip(), "withheld below " + withheldBelow);
        }
    }

    @Test
    void aTreeWithANonceTwiceIsRefusedAsTheModelBallotsAre() {
        BundleInput in = TestBundles.assen();
        List<CanonicalBallot> ballots = new ArrayList<>(BundleBuilder.canonicalBallots(in));
        CanonicalBallot first = ballots.get(0);
        ballots.set(1, new CanonicalBallot(first.nonce(), ballots.get(1).projects(), ballots.get(1).points()));
        BundleInput twice = BundleInput.of(in.info(), in.election().instance(), BallotTree.of(ballots), in.rule(),
                in.options(), in.outcome(), in.events(), in.counts(), in.libraryVersion(), in.minimumVotersForBallots());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestBundles.build(twice));
        assertTrue(e.getMessage().contains("is used twice"), e.getMessage());
    }

    @Test
    void refusesAnOutcomeTheRuleDoesNotGive() {
        BundleInput in = TestBundles.assen();
        Outcome other = RuleName.GREEDY.create(in.options()).allocate(
                new Election(in.election().instance().withBudget(60_000), in.election().profile()));
        BundleInput forged = new BundleInput(in.info(), in.election(), in.nonces(), in.rule(), in.options(), other,
                in.events(), in.counts(), in.libraryVersion(), in.minimumVotersForBallots());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestBundles.build(forged));
        assertTrue(e.getMessage().contains("$.budget"), e.getMessage());
    }

    @Test
    void refusesDuplicateNonces() {
        BundleInput in = TestBundles.assen();
        List<String> nonces = new ArrayList<>(in.nonces());
        nonces.set(5, nonces.get(4));
        BundleInput dup = new BundleInput(in.info(), in.election(), nonces, in.rule(), in.options(), in.outcome(),
                in.events(), in.counts(), in.libraryVersion(), in.minimumVotersForBallots());
        assertThrows(IllegalArgumentException.class, () -> TestBundles.build(dup));
    }

    @Test
    void refusesEventsOutOfSequence() {
        BundleInput in = TestBundles.assen();
        List<AuditEvent> events = new ArrayList<>(in.events());
        events.remove(1);
        BundleInput gap = new BundleInput(in.info(), in.election(), in.nonces(), in.rule(), in.options(), in.outcome(),
                events, in.counts(), in.libraryVersion(), in.minimumVotersForBallots());
        assertThrows(IllegalArgumentException.class, () -> TestBundles.build(gap));
    }

    @Test
    void refusesASignerWhoseKeyIsNotThePublishedOne() {
        SigningKey mismatched = new SigningKey("test-2026-01", TestBundles.KEY.publicKey(), TestBundles.OTHER_KEY::sign);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new BundleBuilder(mismatched).build(TestBundles.assen()));
        assertTrue(e.getMessage().contains("SIGNATURE"), e.getMessage());
    }

    @Test
    void recordsEveryRuleOptionWithoutLoss() {
        for (RuleOptions o : List.of(RuleOptions.defaults(), RuleOptions.withTieBreaking(TieBreaking.parse("random:42")),
                RuleOptions.withTieBreaking(TieBreaking.parse("given:3,1,2")).withMinSupport(5).withNoSkip(true),
                RuleOptions.defaults().withMesCompletion(MesCompletion.ADD1).withRaisePastExhaustive(true),
                RuleOptions.defaults().withMesCompletion(MesCompletion.ADD1_THEN_GREEDY))) {
            Map<String, Object> json = BundleManifest.options(o);
            assertEquals(o, BundleManifest.optionsFromJson(Fields.of("manifest.json", "$", json)));
        }
    }

    /** Caps, an incompatible pair and a refused proposal travel in the manifest and shape the recomputed outcome. */
    @Test
    @SuppressWarnings("unchecked")
    void constraintsAndRefusalsArePublishedAndRecomputed() {
        List<Project> projects = List.of(
                Project.of("a", "Bomen", 40, "groen"),
                Project.of("b", "Bankjes", 30, "groen"),
                Project.of("c", "Speeltuin", 30, "spelen"),
                Project.of("d", "Parkeerplaats", 20)
                        .withEligibility(Eligibility.notAdmitted("niet op gemeentegrond")),
                Project.of("e", "Buurtfeest", 10));
        Instance instance = Instance.of(100, projects)
                .withCategoryCaps(Map.of("groen", 60L)).withIncompatibleGroups(List.of(java.util.Set.of("a", "c")));
        List<Ballot> ballots = new ArrayList<>();
        List<String> nonces = new ArrayList<>();
        String[][] choices = {{"a", "b", "c"}, {"a", "c"}, {"a", "b"}, {"c", "e"}, {"a"}, {"b", "e"}};
        for (int i = 0; i < choices.length; i++) {
            ballots.add(ApprovalBallot.of(choices[i]));
            nonces.add(CanonicalBallot.derivedNonce("constraints", i));
        }
        Election election = new Election(instance, new Profile(ballots));
        BundleInput base = TestBundles.assen();
        Outcome outcome = RuleName.GREEDY.create(base.options()).allocate(election);
        assertEquals("INCOMPATIBLE", outcome.result("c").orElseThrow().decision().code());
        assertEquals("NOT_ELIGIBLE", outcome.result("d").orElseThrow().decision().code());
        BundleInput in = new BundleInput(base.info(), election, nonces, RuleName.GREEDY, base.options(), outcome,
                base.events(), new BallotCounts(List.of(new BallotCounts.CodeBatch("A", 6, 6)), Map.of("paper", 6L)),
                "test", 0);
        AuditBundle bundle = TestBundles.build(in);
        String manifest = new String(bundle.file(AuditBundle.MANIFEST), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\"categories\":[{\"cap\":60,\"name\":\"groen\"},{\"cap\":null,\"name\":\"spelen\"}]"), manifest);
        assertTrue(manifest.contains("\"incompatibleGroups\":[[\"a\",\"c\"]]") || manifest.contains("[[\"c\",\"a\"]]"), manifest);
        assertTrue(manifest.contains("\"admitted\":false,\"categories\":[],\"cost\":20,\"id\":\"d\",\"name\":\"Parkeerplaats\","
                + "\"reason\":\"niet op gemeentegrond\""), manifest);
        assertTrue(BundleVerifier.verify(bundle, TestBundles.trusting()).passed());

        AuditBundle noGroup = Tamper.resign(Tamper.editJson(bundle, AuditBundle.MANIFEST,
                j -> j.put("incompatibleGroups", List.of())), TestBundles.OTHER_KEY);
        assertEquals(List.of(Check.OUTCOME_RECOMPUTED), BundleVerifier.verify(noGroup, VerifyOptions.none()).failedChecks());
        AuditBundle admitted = Tamper.resign(Tamper.editJson(bundle, AuditBundle.MANIFEST, j -> {
            Map<String, Object> d = (Map<String, Object>) ((List<Object>) j.get("proposals")).get(3);
            d.put("admitted", true);
            d.put("reason", "");
        }), TestBundles.OTHER_KEY);
        assertEquals(List.of(Check.OUTCOME_RECOMPUTED), BundleVerifier.verify(admitted, VerifyOptions.none()).failedChecks());
        AuditBundle uncapped = Tamper.resign(Tamper.editJson(bundle, AuditBundle.MANIFEST,
                j -> ((Map<String, Object>) ((List<Object>) j.get("categories")).get(0)).put("cap", 100L)), TestBundles.OTHER_KEY);
        assertEquals(List.of(Check.OUTCOME_RECOMPUTED), BundleVerifier.verify(uncapped, VerifyOptions.none()).failedChecks());
    }

    /** A field added to RuleOptions must be added to the bundle format too; this fails until it is. */
    @Test
    void theManifestRecordsEveryComponentOfRuleOptions() {
        List<String> components = Stream.of(RuleOptions.class.getRecordComponents()).map(c -> c.getName()).sorted().toList();
        List<String> recorded = BundleManifest.options(RuleOptions.defaults()).keySet().stream().sorted().toList();
        assertEquals(components, recorded);
    }

    /** Equal Shares as Assen, Wieliczka and Świecie count it, published and verified. */
    @Test
    void equalSharesOutcomesVerify() {
        for (RuleName rule : List.of(RuleName.MES, RuleName.MES_ADD1)) {
            for (String file : List.of(TestBundles.ASSEN, "Poland_Wieliczka_2023_Green_Budget.pb", "Switzerland_Zurich_D5.pb")) {
                VerificationReport r = BundleVerifier.verify(TestBundles.build(TestBundles.input(file, rule, 10)),
                        TestBundles.trusting());
                assertTrue(r.passed(), rule + " " + file + ": " + r.summary());
            }
        }
    }

    @Test
    void withholdsTheBallotsOfASmallElection() {
        BundleInput in = TestBundles.input(TestBundles.ASSEN, RuleName.GREEDY, 100);
        assertTrue(in.ballotsWithheld());
        AuditBundle bundle = TestBundles.build(in);
        assertFalse(bundle.has(AuditBundle.BALLOTS));
        assertTrue(new String(bundle.file(AuditBundle.MANIFEST)).contains("\"ballots\":{\"minimumVoters\":100,\"reason\":\"fewer than 100 voters: individual"));
        VerificationReport r = BundleVerifier.verify(bundle, TestBundles.trusting());
        assertTrue(r.passed(), r.summary());
        for (Check skipped : List.of(Check.MERKLE_ROOT, Check.BALLOTS_UNIQUE, Check.BALLOTS_VALID, Check.OUTCOME_RECOMPUTED)) {
            assertEquals(Status.SKIPPED, r.result(skipped).orElseThrow().status(), skipped.name());
        }
        assertEquals(Status.PASS, r.result(Check.BALLOTS_MATCH_USED_CODES).orElseThrow().status());
        assertEquals(BundleBuilder.ballotTree(in).root().hex(),
                ((Map<?, ?>) CanonicalJson.readFile("merkle.json", bundle.file(AuditBundle.MERKLE))).get("rootHash"));
    }

    @Test
    void aWithheldBundleCannotBeGivenBallotsOrHaveThemTakenAway() {
        AuditBundle withheld = TestBundles.build(TestBundles.input(TestBundles.ASSEN, RuleName.GREEDY, 100));
        AuditBundle published = TestBundles.build(TestBundles.assen());
        AuditBundle added = Tamper.resign(withheld.with(AuditBundle.BALLOTS, published.file(AuditBundle.BALLOTS)),
                TestBundles.KEY);
        assertEquals(Check.SCHEMA, BundleVerifier.verify(added, TestBundles.trusting()).firstFailure().orElseThrow().check());
        AuditBundle hidden = Tamper.resign(Tamper.editJson(published.without(AuditBundle.BALLOTS), AuditBundle.MANIFEST,
                j -> {
                    Map<String, Object> ballots = (Map<String, Object>) j.get("ballots");
                    ballots.put("withheld", true);
                    ballots.put("reason", BundleManifest.withheldReason(true, 10));
                }), TestBundles.KEY);
        VerificationReport r = BundleVerifier.verify(hidden, TestBundles.trusting());
        assertEquals(Check.SCHEMA, r.firstFailure().orElseThrow().check(), r.summary());
        assertTrue(r.firstFailure().orElseThrow().verdict().contains("not below the minimum"), r.summary());
    }

    @Test
    void anElectionWithoutBallotsStillMakesAVerifiableBundle() {
        BundleInput in = TestBundles.assen();
        Election empty = new Election(in.election().instance(), new Profile(List.of()));
        Outcome outcome = in.rule().create(in.options()).allocate(empty);
        BundleInput none = new BundleInput(in.info(), empty, List.of(), in.rule(), in.options(), outcome, in.events(),
                new BallotCounts(List.of(new BallotCounts.CodeBatch("A", 100, 0)), Map.of()), in.libraryVersion(), 0);
        AuditBundle bundle = TestBundles.build(none);
        assertEquals("{\"ballots\":[]}\n", new String(bundle.file(AuditBundle.BALLOTS)));
        VerificationReport r = BundleVerifier.verify(bundle, TestBundles.trusting());
        assertTrue(r.passed(), r.summary());
        assertTrue(r.result(Check.MERKLE_ROOT).orElseThrow().verdict().contains(Digest.sha256().hex()));
    }

    static Stream<String> bundledElections() throws IOException, java.net.URISyntaxException {
        Path dir = Path.of(BundleBuilderTest.class.getResource("/pabulib/instances").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** Every real election makes a bundle that verifies: approval, cumulative and choose-one ballots alike. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bundledElections")
    void everyBundledElectionMakesABundleThatVerifies(String file) {
        BundleInput in = TestBundles.input(file, RuleName.GREEDY, 10);
        try {
            AuditBundle bundle = TestBundles.build(in);
            assertNotNull(bundle.file(AuditBundle.OUTCOME));
        } catch (IllegalStateException e) {
            // The builder refuses ballots that break the file's own rules; nothing else may stop it.
            System.out.println(file + ": refused, " + e.getMessage());
            assertTrue(e.getMessage().contains("BALLOTS_VALID failed"), file + ": " + e.getMessage());
        }
    }

    @Test
    void timesTheLargestBundledElection() {
        long t0 = System.nanoTime();
        BundleInput in = TestBundles.input("Poland_Czestochowa_2020.pb", RuleName.GREEDY, 10);
        long t1 = System.nanoTime();
        AuditBundle bundle = TestBundles.build(in);
        long t2 = System.nanoTime();
        byte[] zip = bundle.toZip();
        VerificationReport r = BundleVerifier.verify(AuditBundle.fromZip(zip), TestBundles.trusting());
        long t3 = System.nanoTime();
        System.out.printf("Czestochowa 2020 (%d voters, cumulative): read %d ms, build+self-check %d ms, verify %d ms, zip %d bytes%n",
                in.election().profile().size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, zip.length);
        assertTrue(r.passed(), r.summary());
    }

    @Test
    void ballotsFileIsTheCanonicalFileOfAllBallotsInOrder() {
        List<CanonicalBallot> ballots = new ArrayList<>();
        String[] ids = {"1", "p001", "caf\u00e9", "q\"uote", "z"};
        for (int i = 0; i < 40; i++) {
            String nonce = CanonicalBallot.derivedNonce("ballots-file", i);
            List<String> projects = new ArrayList<>(new java.util.TreeSet<>(List.of(ids[i % ids.length], ids[(i * 3) % ids.length])));
            ballots.add(i % 2 == 0 ? new CanonicalBallot(nonce, projects, null)
                    : new CanonicalBallot(nonce, projects, projects.stream().map(p -> (long) p.length()).toList()));
        }
        for (List<CanonicalBallot> some : List.of(List.<CanonicalBallot>of(), ballots.subList(0, 1), ballots)) {
            List<Object> json = new ArrayList<>();
            some.forEach(b -> json.add(b.toJson()));
            assertArrayEquals(CanonicalJson.writeFile(Map.of("ballots", json)), BundleBuilder.ballotsFile(some));
        }
    }
}
