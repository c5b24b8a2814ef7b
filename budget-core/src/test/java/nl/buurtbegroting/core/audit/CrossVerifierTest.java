package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.buurtbegroting.core.model.BallotRules;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.UnsupportedElectionException;
import nl.buurtbegroting.core.testdata.ReferenceData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second verifier (JavaScript, {@code verifier/}, written from docs/spec) and {@link BundleVerifier}
 * agree on every check of every bundle: every bundled Pabulib election under every rule (so the JavaScript
 * rules reproduce the Java outcomes byte for byte), the whole tamper matrix, receipts, and random small
 * elections with caps, incompatible groups, thresholds and every tie policy. Needs node 20 (on CI);
 * skipped with a message without it.
 *
 * <p>The random run is {@code -Dbb.crossRandom=N} elections (default 300); the documented run uses 10000:
 * {@code mvn -o -q -pl budget-core test -Dtest=CrossVerifierTest -Dbb.crossRandom=10000}.
 */
class CrossVerifierTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsNode() {
        assumeTrue(NodeVerifier.available(), "node 20 or later is not on the PATH: the JavaScript verifier"
                + " (verifier/) is not compared with the Java one in this run");
    }

    private void assertAgree(List<NodeVerifier.Case> cases) throws IOException, InterruptedException {
        // -Dbb.crossDir=DIR keeps the bundles and node's reports for a look afterwards
        Path where = System.getProperty("bb.crossDir") == null ? dir : Files.createDirectories(Path.of(System.getProperty("bb.crossDir")));
        List<String> problems = NodeVerifier.disagreements(cases, where);
        assertTrue(problems.isEmpty(), problems.size() + " of " + cases.size() + " bundles judged differently:\n"
                + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
    }

    @Test
    void everyBundledPabulibElectionUnderEveryRuleRecomputesIdentically() throws Exception {
        List<NodeVerifier.Case> cases = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        List<String> files;
        try (Stream<Path> list = Files.list(ReferenceData.instance("Netherlands_Assen_2024.pb").getParent())) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String file : files) {
            for (RuleName rule : RuleName.values()) {
                BundleInput input;
                try {
                    // The reference outcomes ignore the files' own ballot-length and cost limits, which a few
                    // ballots break; the bundle states the ballot format only, so that every ballot is valid.
                    Election e = TestBundles.read(file);
                    Election relaxed = new Election(e.instance().withBallotRules(BallotRules.of(e.instance().voteType())),
                            e.profile());
                    input = TestBundles.input(relaxed, file, rule, 0);
                } catch (UnsupportedElectionException e) {
                    continue; // e.g. phragmen on points ballots: no bundle can be made
                }
                cases.add(new NodeVerifier.Case(file + " " + rule, TestBundles.build(input), TestBundles.trusting()));
                // The references ignore the caps some files state (Amsterdam's budget per category); the
                // bundles keep them, so those outcomes are compared between the verifiers only.
                if (input.election().instance().categoryCaps().isEmpty() && input.election().instance().incompatibleGroups().isEmpty()) {
                    referenceMismatch(file, rule, input.outcome()).ifPresent(mismatches::add);
                    compared++;
                }
            }
        }
        assertTrue(cases.size() >= 262, "only " + cases.size() + " bundles");
        // The outcomes both verifiers recompute byte for byte are the reference outcomes of pabutools and
        // equalshares.net (/work/shared/pabulib/README.md), with the reference's tie-breaking (id).
        assertTrue(compared >= 240, "only " + compared + " outcomes compared with the reference");
        assertEquals(List.of(), mismatches, "outcomes that differ from the reference, of " + compared);
        assertAgree(cases);
    }

    /** How an outcome differs from the reference outcome of its file and rule, if it does. */
    private static java.util.Optional<String> referenceMismatch(String file, RuleName rule, nl.buurtbegroting.core.outcome.Outcome o) {
        String key = switch (rule) {
            case GREEDY -> "greedy";
            case GREEDY_PER_COST -> "greedy_per_cost";
            case KNAPSACK -> "maxwelfare";
            case MES -> "mes";
            case MES_ADD1 -> "mes_add1";
            case PHRAGMEN -> "phragmen";
        };
        for (ReferenceData.Entry entry : ReferenceData.entries(key)) {
            if (!entry.file().equals(file) || entry.timeout() || entry.selected() == null) {
                continue;
            }
            if (rule == RuleName.KNAPSACK) {
                return Long.parseLong(o.details().get("welfare")) == entry.welfare() ? java.util.Optional.empty()
                        : java.util.Optional.of(file + " knapsack: welfare " + o.details().get("welfare") + ", reference " + entry.welfare());
            }
            java.util.Set<String> got = new java.util.TreeSet<>(o.selected());
            return got.equals(entry.selected()) ? java.util.Optional.empty()
                    : java.util.Optional.of(file + " " + rule + ": " + got + ", reference " + entry.selected());
        }
        return java.util.Optional.empty();
    }

    @Test
    void everyTamperedBundleIsJudgedAlikeByBothVerifiers() throws Exception {
        AuditBundle bundle = TestBundles.build(TestBundles.assen());
        List<NodeVerifier.Case> cases = new ArrayList<>();
        cases.add(new NodeVerifier.Case("untouched", bundle, TestBundles.trusting()));
        cases.add(new NodeVerifier.Case("untouched, no key", bundle, VerifyOptions.none()));
        cases.add(new NodeVerifier.Case("untouched, wrong key", bundle, VerifyOptions.expectingKey(TestBundles.OTHER_KEY.fingerprint())));
        TamperMatrixTest.changes().forEach(change -> {
            AuditBundle naive = change.apply().apply(bundle);
            for (boolean key : new boolean[] {true, false}) {
                VerifyOptions o = key ? TestBundles.trusting() : VerifyOptions.none();
                String k = key ? " (expected key)" : " (no key)";
                cases.add(new NodeVerifier.Case(change.name() + ", naive" + k, naive, o));
                cases.add(new NodeVerifier.Case(change.name() + ", checksums redone" + k, Tamper.resum(naive), o));
                cases.add(new NodeVerifier.Case(change.name() + ", signed by another key" + k,
                        Tamper.resign(naive, TestBundles.OTHER_KEY), o));
            }
        });
        assertEquals(3 + 20 * 6, cases.size());
        assertAgree(cases);
    }

    @Test
    void randomSmallElectionsWithEveryConstraintAndTiePolicyRecomputeIdentically() throws Exception {
        int n = Integer.getInteger("bb.crossRandom", 300);
        List<NodeVerifier.Case> cases = new ArrayList<>();
        for (int seed = 1; seed <= n; seed++) {
            RandomElections.Drawn d = RandomElections.draw(seed);
            try {
                BundleInput input = RandomElections.input(d);
                cases.add(new NodeVerifier.Case(d.toString(), TestBundles.build(input), TestBundles.trusting()));
            } catch (UnsupportedElectionException e) {
                continue;
            }
            if (cases.size() == 500) {
                assertAgree(cases);
                cases.clear();
            }
        }
        assertAgree(cases);
    }

    @Test
    void receiptsAndWithheldBallotsAreJudgedAlike() throws Exception {
        BundleInput input = TestBundles.assen();
        AuditBundle bundle = TestBundles.build(input);
        BallotTree tree = BundleBuilder.ballotTree(input);
        List<CanonicalBallot> cast = BundleBuilder.canonicalBallots(input);
        List<NodeVerifier.Case> cases = new ArrayList<>();
        java.util.function.BiConsumer<String, byte[]> add = (name, receipt) ->
                cases.add(new NodeVerifier.Case(name, bundle, TestBundles.trusting().withReceipt(receipt)));
        Receipt[] done = new Receipt[cast.size()];
        for (int i : new int[] {0, 1, 7, 41, 83}) {
            Receipt r = Receipt.issue("assen-2024", cast.get(i), TestBundles.KEY);
            done[i] = r.withInclusion(tree.proof(r.leafHash()).orElseThrow());
            add.accept("receipt " + i, done[i].toJson());
        }
        add.accept("another ballot's proof", done[0].withInclusion(done[1].inclusion()).toJson());
        InclusionProof p = done[7].inclusion();
        add.accept("proof for a larger tree", done[7].withInclusion(new InclusionProof(p.leafIndex(), p.treeSize() + 1, p.path())).toJson());
        add.accept("no proof yet", Receipt.issue("assen-2024", cast.get(2), TestBundles.KEY).toJson());
        CanonicalBallot dropped = new CanonicalBallot("0123456789abcdef0123456789abcdef", List.of("3", "9"), null);
        add.accept("a ballot that was not counted",
                Receipt.issue("assen-2024", dropped, TestBundles.KEY).withInclusion(done[0].inclusion()).toJson());
        Receipt forged = Receipt.issue("assen-2024", cast.get(2), TestBundles.OTHER_KEY);
        add.accept("signed by another key", forged.withInclusion(tree.proof(forged.leafHash()).orElseThrow()).toJson());
        Receipt elsewhere = Receipt.issue("zwolle-2026", cast.get(2), TestBundles.KEY);
        add.accept("another election", elsewhere.withInclusion(tree.proof(elsewhere.leafHash()).orElseThrow()).toJson());
        String json = new String(done[41].toJson(), java.nio.charset.StandardCharsets.UTF_8);
        add.accept("edited ballot", json.replaceFirst("\"projects\":\\[\"", "\"projects\":[\"0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        add.accept("re-saved with spaces", json.replace(",", ",\n  ").replace(":", ": ").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        add.accept("not JSON", "receipt".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        add.accept("a float", json.replace("\"receiptFormat\":1", "\"receiptFormat\":1.0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        BundleInput small = TestBundles.input(TestBundles.ASSEN, RuleName.GREEDY, 100);
        AuditBundle withheld = TestBundles.build(small);
        Receipt r = Receipt.issue("assen-2024", BundleBuilder.canonicalBallots(small).get(0), TestBundles.KEY);
        r = r.withInclusion(BundleBuilder.ballotTree(small).proof(r.leafHash()).orElseThrow());
        cases.add(new NodeVerifier.Case("withheld, with a receipt", withheld, TestBundles.trusting().withReceipt(r.toJson())));
        cases.add(new NodeVerifier.Case("withheld", withheld, TestBundles.trusting()));
        cases.add(new NodeVerifier.Case("withheld, ballots added", Tamper.resum(withheld.with(AuditBundle.BALLOTS, bundle.file(AuditBundle.BALLOTS))),
                TestBundles.trusting()));
        assertAgree(cases);
    }

    @Test
    void eventTimesAroundDateOnlyEventsAreJudgedAlike() throws Exception {
        List<NodeVerifier.Case> cases = new ArrayList<>();
        String[][] logs = {
            {"2024-01-02T10:00:00Z", "2024-01-02", "2024-01-02T09:00:00Z"},
            {"2024-01-02T10:00:00.500Z", "2024-01-02", "2024-01-02", "2024-01-02T10:00:00.499999999Z"},
            {"2024-01-02T10:00:00Z", "2024-01-02", "2024-01-02T11:00:00Z"},
            {"2024-01-02T23:59:59.999Z", "2024-01-02", "2024-01-03"},
            {"2024-01-02T10:00:00Z", "2024-01-02T10:00:00Z", "2024-01-02"},
            {"2024-01-03", "2024-01-02T10:00:00Z"},
        };
        for (String[] ats : logs) {
            cases.add(new NodeVerifier.Case(String.join(" ", ats), EventChainTimesTest.withEventsAt(ats), TestBundles.trusting()));
        }
        assertAgree(cases);
    }
}
