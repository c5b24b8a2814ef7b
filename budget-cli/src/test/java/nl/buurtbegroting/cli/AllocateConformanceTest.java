package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import nl.buurtbegroting.core.json.JsonParser;
import nl.buurtbegroting.core.rules.RuleName;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every reference outcome of the Pabulib data, reproduced through {@code allocate --format json}: the
 * CLI must give what pabutools gives on all 45 real elections. Run as the reference was:
 * {@code --tie-break id} (smallest id first) and without category caps, the default (the reference ignores
 * {@code budget_per_category}).
 *
 * <p>By default the rules of the foundation (greedy, greedy-per-cost, knapsack) are run, which takes a
 * few seconds; {@code -Dbudget.conformance=all} runs every rule of {@link RuleName} (the Equal Shares
 * rules take minutes on the largest files; the core's own conformance suite checks them as well).
 *
 * <p>The data is the copy in {@code budget-core/src/test/resources/pabulib} (expected.json and the
 * files), read from this module's directory so that it is not copied twice.
 */
class AllocateConformanceTest {

    static final Path DATA = Path.of("..", "budget-core", "src", "test", "resources", "pabulib");

    @TestFactory
    Stream<DynamicTest> jsonGivesTheReferenceOutcomeOnEveryRealElection() throws IOException {
        Path expected = DATA.resolve("expected.json");
        Assumptions.assumeTrue(Files.isRegularFile(expected), "reference data not found at " + expected.toAbsolutePath());
        List<Object> instances = JsonParser.array(JsonParser.object(JsonParser.STANDARD.parse(expected.toString(), Files.readString(expected))).get("instances"));
        List<DynamicTest> tests = new ArrayList<>();
        for (RuleName rule : rules()) {
            for (Object o : instances) {
                Map<String, Object> instance = JsonParser.object(o);
                Object entry = JsonParser.object(instance.get("rules")).get(referenceName(rule));
                if (entry == null || JsonParser.object(entry).get("selected") == null) {
                    continue;
                }
                String file = (String) instance.get("file");
                tests.add(DynamicTest.dynamicTest(rule.label() + " on " + file,
                        () -> check(rule, DATA.resolve("instances").resolve(file), JsonParser.object(entry))));
            }
        }
        Assumptions.assumeFalse(tests.isEmpty(), "no reference entries for the rules " + RuleNames.labels());
        return tests.stream();
    }

    static List<RuleName> rules() {
        if ("all".equalsIgnoreCase(System.getProperty("budget.conformance", ""))) {
            return List.of(RuleName.values());
        }
        return List.of(RuleName.GREEDY, RuleName.GREEDY_PER_COST, RuleName.KNAPSACK);
    }

    /** The rule's name in expected.json (pabutools' spelling). */
    static String referenceName(RuleName rule) {
        return rule == RuleName.KNAPSACK ? "maxwelfare" : rule.label().replace('-', '_');
    }

    private static void check(RuleName rule, Path file, Map<String, Object> reference) {
        Cli.Result r = Cli.run("allocate", file.toString(), "--rule", rule.label(), "--tie-break", "id",
                "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        Map<String, Object> outcome = JsonParser.object(JsonParser.STANDARD.parse("output", r.out()));
        Set<String> selected = ids(outcome.get("selected"));
        long totalCost = (Long) outcome.get("totalCost");
        assertTrue(totalCost <= (Long) outcome.get("budget"), "within the budget");

        Set<String> expected = ids(reference.get("selected"));
        boolean tieSensitive = Boolean.TRUE.equals(reference.get("tie_sensitive"));
        if (!tieSensitive) {
            assertEquals(expected, selected);
            assertEquals(reference.get("total_cost"), totalCost);
        } else if (rule == RuleName.KNAPSACK) {
            Map<String, Long> support = new HashMap<>();
            for (Object p : JsonParser.array(outcome.get("projects"))) {
                support.put((String) JsonParser.object(p).get("id"), (Long) JsonParser.object(p).get("support"));
            }
            long welfare = selected.stream().mapToLong(support::get).sum();
            assertEquals(reference.get("welfare"), welfare, "an optimal set: total support");
        } else {
            Set<String> alternative = ids(reference.get("alt_selected"));
            assertTrue(selected.equals(expected) || selected.equals(alternative),
                    selected + " is neither " + expected + " nor " + alternative);
        }
    }

    /**
     * Amsterdam 604 declares per-category budgets (90610, 57312, 71364, 80715). With them applied, greedy
     * refuses projects of a full category, funds 42345 in their place and ends with 20 projects for
     * 255673 instead of the reference's 22 for 297413.
     */
    @org.junit.jupiter.api.Test
    void categoryCapsApplyOnlyWhenAskedFor() {
        Path file = DATA.resolve("instances").resolve("Netherlands_Amsterdam_604.pb");
        Cli.Result plain = Cli.run("allocate", file.toString(), "--rule", "greedy", "--tie-break", "id", "--format", "json");
        assertEquals(297413L, JsonParser.object(JsonParser.STANDARD.parse("output", plain.out())).get("totalCost"));
        Cli.Result capped = Cli.run("allocate", file.toString(), "--rule", "greedy", "--tie-break", "id",
                "--category-caps", "--format", "json");
        assertEquals(ExitCodes.OK, capped.code(), capped.err());
        Map<String, Object> outcome = JsonParser.object(JsonParser.STANDARD.parse("output", capped.out()));
        assertEquals(255673L, outcome.get("totalCost"));
        assertEquals(20, ids(outcome.get("selected")).size());
        assertTrue(ids(outcome.get("selected")).contains("42345"));
    }

    private static Set<String> ids(Object list) {
        Set<String> ids = new TreeSet<>();
        if (list != null) {
            for (Object id : JsonParser.array(list)) {
                ids.add(id.toString());
            }
        }
        return ids;
    }
}
