package nl.buurtbegroting.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.testdata.Elections;
import nl.buurtbegroting.core.testdata.ReferenceData.Entry;
import nl.buurtbegroting.core.tiebreak.TieBreaking;

/**
 * Shared checks of the proportional rules against the Pabulib reference outcomes, with counts per
 * rule (exact match, tie alternative, weaker floating-point reference) printed after the run.
 */
final class ProportionalConformance {

    private ProportionalConformance() {
    }

    static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    /** The reference outcomes use only budget, costs and ballots: no category caps, no incompatibilities. */
    static Election plain(String file) {
        Election e = Elections.bundled(file);
        return new Election(e.instance().withCategoryCaps(Map.of()).withIncompatibleGroups(List.of()), e.profile());
    }

    static void assertMatches(RuleName rule, RuleOptions base, Entry entry) {
        assumeFalse(entry.timeout(), "no reference outcome");
        Election election = plain(entry.file());
        String key = rule.label() + (entry.exactArithmetic() ? "" : " (floating-point reference)");
        Outcome byId = rule.create(withPolicy(base, new TieBreaking.ById(false))).allocate(election);
        Set<String> got = new TreeSet<>(byId.selected());
        if (!got.equals(entry.selected())) {
            count(key, "failure");
        }
        assertEquals(entry.selected(), got, "selected with tie-breaking id");
        assertEquals(entry.totalCost().longValue(), byId.totalCost(), "total cost with tie-breaking id");
        assertTrue(byId.totalCost() <= entry.budget(), "within the budget");
        Outcome byIdDesc = rule.create(withPolicy(base, new TieBreaking.ById(true))).allocate(election);
        Set<String> other = new TreeSet<>(byIdDesc.selected());
        if (Boolean.TRUE.equals(entry.tieSensitive())) {
            boolean ok = other.equals(entry.selected()) || other.equals(entry.alternative());
            count(key, ok ? "tie-sensitive, both orders match" : "failure");
            assertTrue(ok, "with id-desc: " + other + " is neither " + entry.selected() + " nor " + entry.alternative());
        } else {
            if (Boolean.FALSE.equals(entry.tieSensitive())) {
                if (!other.equals(entry.selected())) {
                    count(key, "failure");
                }
                assertEquals(entry.selected(), other, "the outcome does not depend on ties");
            }
            count(key, "exact match");
        }
    }

    private static RuleOptions withPolicy(RuleOptions base, TieBreaking policy) {
        return new RuleOptions(policy, base.minSupport(), base.noSkip(), base.mesCompletion(), base.raisePastExhaustive());
    }

    private static void count(String rule, String what) {
        COUNTS.computeIfAbsent(rule + ": " + what, k -> new AtomicInteger()).incrementAndGet();
    }

    static void printCounts() {
        new TreeSet<>(COUNTS.keySet()).forEach(k -> System.out.println("[conformance] " + k + " = " + COUNTS.get(k)));
    }
}
