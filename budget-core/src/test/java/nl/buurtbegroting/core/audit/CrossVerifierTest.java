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
        List<String> files;
        try (Stream<Path> list = Files.list(ReferenceData.instance("Netherlands_Assen_2024.pb").getParent())) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String file : files) {
            for (RuleName rule : RuleName.values()) {
                BundleInput input;
                try {
                    input = TestBundles.input(file, rule, 0);
                } catch (UnsupportedElectionException e) {
                    continue; // e.g. phragmen on points ballots: no bundle can be made
                }
                cases.add(new NodeVerifier.Case(file + " " + rule, TestBundles.build(input), TestBundles.trusting()));
            }
        }
        assertTrue(cases.size() >= 262, "only " + cases.size() + " bundles");
        assertAgree(cases);
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
}
