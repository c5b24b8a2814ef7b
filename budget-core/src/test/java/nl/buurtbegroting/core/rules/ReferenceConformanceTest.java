package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.testdata.Elections;
import nl.buurtbegroting.core.testdata.ReferenceData;
import nl.buurtbegroting.core.testdata.ReferenceData.Entry;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Greedy, greedy per cost and knapsack against the reference outcomes of 45 real elections
 * (pabutools 1.2.3, see src/test/resources/pabulib/README.md). With the reference's tie-breaking
 * (smallest id as a string) a rule must select exactly the reference set; with the opposite order it
 * must select the reference set or, for tie-sensitive entries, the given alternative.
 */
class ReferenceConformanceTest {

    static Stream<Entry> greedy() {
        return ReferenceData.entries("greedy").stream();
    }

    static Stream<Entry> greedyPerCost() {
        return ReferenceData.entries("greedy_per_cost").stream();
    }

    static Stream<Entry> maxwelfare() {
        return ReferenceData.entries("maxwelfare").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("greedy")
    void greedyFundsTheReferenceSet(Entry entry) {
        assertMatchesReference(RuleName.GREEDY, entry);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("greedyPerCost")
    void greedyPerCostFundsTheReferenceSet(Entry entry) {
        assertMatchesReference(RuleName.GREEDY_PER_COST, entry);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maxwelfare")
    void knapsackReachesTheReferenceWelfare(Entry entry) {
        assumeFalse(entry.timeout(), "no reference outcome");
        Election election = Elections.bundled(entry.file());
        for (TieBreaking policy : new TieBreaking[] {new TieBreaking.ById(false), new TieBreaking.ById(true)}) {
            Outcome outcome = RuleName.KNAPSACK.create(RuleOptions.withTieBreaking(policy)).allocate(election);
            long welfare = Long.parseLong(outcome.details().get("welfare"));
            assertEquals(entry.welfare().longValue(), welfare, "welfare with " + policy.spec());
            assertTrue(outcome.totalCost() <= entry.budget(), "within the budget");
            long recomputed = outcome.projects().stream().filter(r -> r.selected()).mapToLong(r -> r.support()).sum();
            assertEquals(welfare, recomputed, "welfare is the support of the funded projects");
            if (Boolean.FALSE.equals(entry.tieSensitive())) {
                assertEquals(entry.selected(), new TreeSet<>(outcome.selected()), "the optimum is unique");
                assertEquals(entry.totalCost().longValue(), outcome.totalCost());
            }
        }
    }

    static void assertMatchesReference(RuleName rule, Entry entry) {
        assumeFalse(entry.timeout(), "no reference outcome");
        Election election = Elections.bundled(entry.file());
        Outcome byId = rule.create(RuleOptions.withTieBreaking(new TieBreaking.ById(false))).allocate(election);
        assertEquals(entry.selected(), new TreeSet<>(byId.selected()), "selected with tie-breaking id");
        assertEquals(entry.totalCost().longValue(), byId.totalCost(), "total cost with tie-breaking id");
        Outcome byIdDesc = rule.create(RuleOptions.withTieBreaking(new TieBreaking.ById(true))).allocate(election);
        Set<String> other = new TreeSet<>(byIdDesc.selected());
        if (Boolean.TRUE.equals(entry.tieSensitive())) {
            assertTrue(other.equals(entry.selected()) || other.equals(entry.alternative()),
                    "with id-desc: " + other + " is neither " + entry.selected() + " nor " + entry.alternative());
        } else if (Boolean.FALSE.equals(entry.tieSensitive())) {
            assertEquals(entry.selected(), other, "the outcome does not depend on ties");
        }
    }
}
