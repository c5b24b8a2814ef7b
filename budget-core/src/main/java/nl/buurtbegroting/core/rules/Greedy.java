package nl.buurtbegroting.core.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.Outcome;

/**
 * Greedy approval (or points): fund projects in order of support, highest first; a project that no
 * longer fits is skipped and the next one is tried. This is the rule most cities use. With
 * {@link RuleOptions#noSkip()} it stops at the first project that does not fit instead. Projects
 * below {@link RuleOptions#minSupport()} are never funded. Ties in support go to the tie-breaking policy.
 *
 * <p>Complexity: O(m log m) after counting the ballots, m = number of projects.
 */
public class Greedy implements AllocationRule {

    private final RuleOptions options;

    public Greedy(RuleOptions options) {
        this.options = options;
    }

    @Override
    public RuleName name() {
        return RuleName.GREEDY;
    }

    /** The order in which projects are considered; ties (compare = 0) go to the tie-breaking rank. */
    Comparator<Integer> primaryOrder(CompiledElection e) {
        return Comparator.comparingLong(p -> -e.support[p]);
    }

    @Override
    public Outcome allocate(Election election) {
        CompiledElection e = CompiledElection.of(election, options.tieBreaking(), name());
        OutcomeBuilder out = new OutcomeBuilder(e, name());
        boolean[] candidate = out.excludeIneligible(options.minSupport());
        run(e, out, candidate, new BudgetState(e), primaryOrder(e), options.noSkip(), name().label());
        return out.build();
    }

    /**
     * Goes down the candidates in the given order and funds every one that fits. Shared with the
     * completion step of Equal Shares, which fills what is left the same way.
     */
    static void run(CompiledElection e, OutcomeBuilder out, boolean[] candidate, BudgetState budget,
                    Comparator<Integer> primary, boolean noSkip, String step) {
        Integer[] order = orderOf(e, candidate, primary);
        String stoppedAt = null;
        long remainingAtStop = 0;
        for (Integer p : order) {
            if (stoppedAt != null) {
                out.reject(p, new Decision.StoppedBefore(stoppedAt, remainingAtStop));
                continue;
            }
            Decision blocker = budget.blocker(p);
            if (blocker == null) {
                budget.fund(p);
                out.fund(p, step);
            } else {
                out.reject(p, blocker);
                if (noSkip) {
                    stoppedAt = e.projects.get(p).id();
                    remainingAtStop = budget.remaining();
                }
            }
        }
        recordTies(e, out, order, primary, step);
    }

    static Integer[] orderOf(CompiledElection e, boolean[] candidate, Comparator<Integer> primary) {
        List<Integer> list = new ArrayList<>();
        for (int p = 0; p < e.projectCount; p++) {
            if (candidate[p]) {
                list.add(p);
            }
        }
        Integer[] order = list.toArray(new Integer[0]);
        Arrays.sort(order, primary.thenComparingInt(p -> e.tieRank[p]));
        return order;
    }

    /** A tie decided something when projects equal by the primary order ended up treated differently. */
    private static void recordTies(CompiledElection e, OutcomeBuilder out, Integer[] order, Comparator<Integer> primary,
                                   String step) {
        int i = 0;
        while (i < order.length) {
            int j = i + 1;
            while (j < order.length && primary.compare(order[i], order[j]) == 0) {
                j++;
            }
            if (j - i > 1) {
                boolean anyFunded = false;
                boolean anyNot = false;
                for (int k = i; k < j; k++) {
                    if (out.decision(order[k]).funded()) {
                        anyFunded = true;
                    } else {
                        anyNot = true;
                    }
                }
                if (anyFunded && anyNot) {
                    List<Integer> tied = new ArrayList<>(Arrays.asList(order).subList(i, j));
                    out.tie(step, tied, order[i]);
                }
            }
            i = j;
        }
    }
}
