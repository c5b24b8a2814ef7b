package nl.buurtbegroting.core.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.DetailKeys;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.Outcome;

/**
 * Maximum total support within the budget (utilitarian welfare, "maxwelfare"): an exact 0/1
 * knapsack over the admitted projects, with per-category caps and incompatible groups honoured.
 *
 * <p>Method. Projects are taken in tie-breaking order. For every suffix of that order the Pareto
 * front of (cost, support) pairs of its subsets within the budget is built by merging (the
 * Nemhauser-Ullmann list method; exact, and the fronts stay small on real elections because support
 * values repeat). The front of a suffix is the exact optimum of that suffix without caps or
 * incompatibilities, so it serves as the bound of a depth-first search that tries to include each
 * project before leaving it out. Without constraints the search never backtracks; with them it is a
 * branch and bound with an exact relaxation. Because inclusion is tried first in tie-breaking order
 * and only a strictly better set replaces the incumbent, the chosen optimum is the one that prefers
 * the projects ranked first by the policy.
 *
 * <p>Complexity: O(m * F) time and memory for the fronts (F = largest front, at most the number of
 * distinct support sums), plus the search, linear without constraints.
 */
public class Knapsack implements AllocationRule {

    private final RuleOptions options;

    public Knapsack(RuleOptions options) {
        this.options = options;
    }

    @Override
    public RuleName name() {
        return RuleName.KNAPSACK;
    }

    @Override
    public Outcome allocate(Election election) {
        CompiledElection e = CompiledElection.of(election, options.tieBreaking(), name());
        OutcomeBuilder out = new OutcomeBuilder(e, name());
        List<Integer> items = out.candidatesWithinBudget(options.minSupport());
        items.sort((a, b) -> Integer.compare(e.tieRank[a], e.tieRank[b]));
        int[] item = items.stream().mapToInt(Integer::intValue).toArray();
        Search search = new Search(e, item);
        boolean[] chosen = search.solve();
        BudgetState budget = new BudgetState(e);
        long welfare = 0;
        for (int k = 0; k < item.length; k++) {
            if (chosen[k]) {
                budget.fund(item[k]);
                out.fund(item[k], "");
                welfare += e.support[item[k]];
            }
        }
        for (int k = 0; k < item.length; k++) {
            if (!chosen[k]) {
                out.reject(item[k], new Decision.NotInOptimum(welfare));
            }
        }
        out.detail(DetailKeys.WELFARE, Long.toString(welfare));
        return out.build();
    }

    /** The suffix fronts and the bounded depth-first search over them. */
    private static final class Search {
        private final CompiledElection e;
        private final int[] item;
        private final long[][] frontCost;
        private final long[][] frontValue;
        private final BudgetState state;
        private final boolean[] current;
        private boolean[] best;
        private long bestValue = -1;

        Search(CompiledElection e, int[] item) {
            this.e = e;
            this.item = item;
            int m = item.length;
            this.frontCost = new long[m + 1][];
            this.frontValue = new long[m + 1][];
            frontCost[m] = new long[] {0};
            frontValue[m] = new long[] {0};
            for (int k = m - 1; k >= 0; k--) {
                merge(k, e.cost[item[k]], e.support[item[k]], e.budget);
            }
            this.state = new BudgetState(e);
            this.current = new boolean[m];
        }

        /** Front k = Pareto union of front k+1 and front k+1 shifted by (c, v), within the budget. */
        private void merge(int k, long c, long v, long budget) {
            long[] ac = frontCost[k + 1];
            long[] av = frontValue[k + 1];
            int n = ac.length;
            int nb = 0;
            while (nb < n && ac[nb] <= budget - c) {
                nb++;
            }
            long[] rc = new long[n + nb];
            long[] rv = new long[n + nb];
            int i = 0;
            int j = 0;
            int r = 0;
            long lastValue = Long.MIN_VALUE;
            while (i < n || j < nb) {
                long cc;
                long vv;
                if (j >= nb || (i < n && ac[i] < ac[j] + c)) {
                    cc = ac[i];
                    vv = av[i];
                    i++;
                } else if (i >= n || ac[j] + c < ac[i]) {
                    cc = ac[j] + c;
                    vv = av[j] + v;
                    j++;
                } else {
                    cc = ac[i];
                    vv = Math.max(av[i], av[j] + v);
                    i++;
                    j++;
                }
                if (vv > lastValue) {
                    rc[r] = cc;
                    rv[r] = vv;
                    r++;
                    lastValue = vv;
                }
            }
            frontCost[k] = Arrays.copyOf(rc, r);
            frontValue[k] = Arrays.copyOf(rv, r);
        }

        /** Largest support of a subset of items k.. with cost at most {@code budget}, caps ignored. */
        private long bound(int k, long budget) {
            long[] fc = frontCost[k];
            int lo = 0;
            int hi = fc.length - 1;
            if (budget < 0) {
                return Long.MIN_VALUE;
            }
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (fc[mid] <= budget) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return frontValue[k][lo];
        }

        /**
         * The depth-first search with an explicit stack: one level per proposal, so a recursive search would
         * overflow the thread's stack on elections of a few thousand proposals (the CLI, the service's tally).
         * At each level the child with the larger bound is explored first (inclusion on equal bounds). A branch
         * whose bound is below the incumbent is cut; on an equal bound it is cut only when its prefix is ranked
         * below the incumbent's, so among equally good sets the one preferring better-ranked projects wins,
         * whatever the order of discovery. The second child's cut is decided after the first child's subtree,
         * against the incumbent that subtree left.
         */
        boolean[] solve() {
            int m = item.length;
            long[] value = new long[m + 1];
            long[] boundIn = new long[m];
            long[] boundOut = new long[m];
            boolean[] includeFirst = new boolean[m];
            byte[] tried = new byte[m];
            int k = 0;
            boolean entering = true;
            while (k >= 0) {
                if (entering) {
                    if (k == m) {
                        leaf(value[k]);
                        k--;
                        entering = false;
                        continue;
                    }
                    int p = item[k];
                    long remaining = state.remaining();
                    boundIn[k] = state.fits(p) ? value[k] + e.support[p] + bound(k + 1, remaining - e.cost[p]) : Long.MIN_VALUE;
                    boundOut[k] = value[k] + bound(k + 1, remaining);
                    includeFirst[k] = boundIn[k] >= boundOut[k];
                    tried[k] = 0;
                } else if (current[k]) {
                    // Back from the inclusion child: give its budget back.
                    current[k] = false;
                    state.unfund(item[k]);
                }
                entering = false;
                while (tried[k] < 2 && !entering) {
                    boolean include = (tried[k] == 0) == includeFirst[k];
                    tried[k]++;
                    if (include) {
                        if (boundIn[k] != Long.MIN_VALUE && worthExploring(k, boundIn[k], true)) {
                            state.fund(item[k]);
                            current[k] = true;
                            value[k + 1] = value[k] + e.support[item[k]];
                            entering = true;
                        }
                    } else if (worthExploring(k, boundOut[k], false)) {
                        value[k + 1] = value[k];
                        entering = true;
                    }
                }
                k += entering ? 1 : -1;
            }
            return best == null ? new boolean[m] : best;
        }

        private void leaf(long value) {
            if (value > bestValue || (value == bestValue && prefixCompare(item.length) > 0)) {
                bestValue = value;
                best = current.clone();
            }
        }

        private boolean worthExploring(int k, long bound, boolean include) {
            if (bound > bestValue) {
                return true;
            }
            if (bound < bestValue) {
                return false;
            }
            current[k] = include;
            int cmp = prefixCompare(k + 1);
            current[k] = false;
            return cmp >= 0;
        }

        /** Compares current[0..k) with best[0..k) in rank order: positive when current prefers earlier projects. */
        private int prefixCompare(int k) {
            if (best == null) {
                return 1;
            }
            for (int i = 0; i < k; i++) {
                if (current[i] != best[i]) {
                    return current[i] ? 1 : -1;
                }
            }
            return 0;
        }
    }
}
