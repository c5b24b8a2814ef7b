package nl.buurtbegroting.core.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.buurtbegroting.core.arith.Rational;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.DetailKeys;
import nl.buurtbegroting.core.outcome.Decision;
import nl.buurtbegroting.core.outcome.Outcome;

/**
 * Sequential Phragmén for participatory budgeting (E. Phragmén, 1894; for budgets: Los, Christoff and
 * Grossi, "Proportional budget allocations: towards a systematization", IJCAI 2022; as in pabutools).
 *
 * <p>Every voter carries a load, 0 at the start. Projects costing more than the budget are left out.
 * In each round, for every remaining project p the rule computes the load its approvers would carry if
 * they shared its cost so as to end up equally loaded: (sum of their loads + cost(p)) / score(p),
 * infinite when nobody approves p. The project with the smallest value is chosen (ties: the
 * tie-breaking policy, recorded). If it, or any project tied with it, does not fit in what is left of
 * the budget, the rule <em>stops</em> (it does not skip); otherwise the project is funded and its
 * approvers' loads all become that value. Approval and choose-one ballots only.
 *
 * <p>Constraints: a chosen project that would take a category over its cap or that is incompatible
 * with a funded project is left out and the rule goes on (only the budget stops the rule).
 *
 * <p>Exactness and speed: loads are exact; a voter's load is always one of the values chosen so far,
 * so the rule keeps, per project, how many of its approvers carry each value (integer counts), and all
 * values as integers over one common denominator. Each round costs O(m L) big-integer operations plus
 * integer updates over the ballots of the winner's approvers (m projects, L rounds so far), in total
 * O(m L^2 + S L) for S the size of the compressed ballots.
 *
 * <p>Details: funded projects get {@code load} (the approvers' load afterwards, exact); the project
 * that stopped the rule gets {@code load} too.
 */
public class SequentialPhragmen implements AllocationRule {

    private final RuleOptions options;

    public SequentialPhragmen(RuleOptions options) {
        this.options = options;
    }

    @Override
    public RuleName name() {
        return RuleName.PHRAGMEN;
    }

    @Override
    public Outcome allocate(Election election) {
        CompiledElection e = CompiledElection.of(election, options.tieBreaking(), name());
        if (e.pointsBallots) {
            throw new UnsupportedElectionException("the rule phragmen counts approvals only; this election has"
                    + " cumulative (points) ballots; use mes, mes-add1, greedy or knapsack instead");
        }
        OutcomeBuilder out = new OutcomeBuilder(e, name());
        BudgetState budget = new BudgetState(e);
        List<Integer> remaining = out.candidatesWithinBudget(options.minSupport());
        new Loads(e).run(out, budget, remaining);
        return out.build();
    }

    /** Voters' loads per compressed ballot, as levels (indices into the values chosen so far). */
    private static final class Loads {
        private final CompiledElection e;
        private BigInteger denom = BigInteger.ONE;
        /** Load values, numerators over {@link #denom}; level 0 is load 0. */
        private final List<BigInteger> level = new ArrayList<>();
        private final int[] groupLevel;
        /** Per project, the number of its approvers at each level. */
        private long[][] atLevel;
        /** Per project, the sum of its approvers' loads (numerator over denom). */
        private final BigInteger[] loadSum;

        Loads(CompiledElection e) {
            this.e = e;
            this.groupLevel = new int[e.groups()];
            level.add(BigInteger.ZERO);
            this.atLevel = new long[e.projectCount][8];
            this.loadSum = new BigInteger[e.projectCount];
            Arrays.fill(loadSum, BigInteger.ZERO);
            for (int p = 0; p < e.projectCount; p++) {
                atLevel[p][0] = e.support[p];
            }
        }

        /** (loadSum + cost) as a numerator over denom; the value is that divided by the score. */
        private BigInteger numerator(int p) {
            return loadSum[p].add(denom.multiply(BigInteger.valueOf(e.cost[p])));
        }

        /** Compares the values of a and b; projects without approvers are infinite (and equal to each other). */
        private int compare(int a, int b) {
            long sa = e.support[a];
            long sb = e.support[b];
            if (sa == 0 || sb == 0) {
                return sa == 0 && sb == 0 ? 0 : sa == 0 ? 1 : -1;
            }
            return numerator(a).multiply(BigInteger.valueOf(sb)).compareTo(numerator(b).multiply(BigInteger.valueOf(sa)));
        }

        private Rational value(int p) {
            return Rational.of(numerator(p), denom.multiply(BigInteger.valueOf(e.support[p])));
        }

        void run(OutcomeBuilder out, BudgetState budget, List<Integer> remaining) {
            while (!remaining.isEmpty()) {
                List<Integer> tied = new ArrayList<>();
                for (int p : remaining) {
                    int c = tied.isEmpty() ? -1 : compare(p, tied.get(0));
                    if (c < 0) {
                        tied.clear();
                        tied.add(p);
                    } else if (c == 0) {
                        tied.add(p);
                    }
                }
                tied.sort((a, b) -> Integer.compare(e.tieRank[a], e.tieRank[b]));
                int winner = tied.get(0);
                Integer tooBig = null;
                for (int p : tied) {
                    if (e.cost[p] > budget.remaining()) {
                        tooBig = p;
                        break;
                    }
                }
                if (tooBig != null) {
                    stop(out, budget, remaining, tooBig);
                    return;
                }
                if (tied.size() > 1) {
                    out.tie("phragmen", tied, winner);
                }
                remaining.remove(Integer.valueOf(winner));
                Decision blocker = budget.blocker(winner);
                if (blocker != null) {
                    out.reject(winner, blocker);
                    continue;
                }
                if (e.support[winner] > 0) {
                    load(winner);
                    out.detail(winner, DetailKeys.LOAD, Rational.of(level.get(level.size() - 1), denom).toString());
                }
                budget.fund(winner);
                out.fund(winner, "phragmen");
            }
        }

        private void stop(OutcomeBuilder out, BudgetState budget, List<Integer> remaining, int tooBig) {
            String id = e.projects.get(tooBig).id();
            long left = budget.remaining();
            for (int p : remaining) {
                if (p == tooBig) {
                    out.reject(p, new Decision.DoesNotFit(e.cost[p], left));
                    if (e.support[p] > 0) {
                        out.detail(p, DetailKeys.LOAD, value(p).toString());
                    }
                } else {
                    out.reject(p, new Decision.StoppedBefore(id, left));
                }
            }
        }

        /** The winner's approvers all take the new load (sum of their loads + cost) / score. */
        private void load(int w) {
            BigInteger x = numerator(w);
            BigInteger score = BigInteger.valueOf(e.support[w]);
            BigInteger g = x.gcd(score);
            BigInteger factor = score.divide(g);
            if (!factor.equals(BigInteger.ONE)) {
                denom = denom.multiply(factor);
                level.replaceAll(v -> v.multiply(factor));
                for (int p = 0; p < e.projectCount; p++) {
                    loadSum[p] = loadSum[p].multiply(factor);
                }
                x = x.multiply(factor);
            }
            BigInteger t = x.divide(score);
            int lv = level.size();
            level.add(t);
            boolean[] touched = new boolean[e.projectCount];
            for (int g2 : e.supporterGroups[w]) {
                int old = groupLevel[g2];
                long n = e.groupCount[g2];
                for (int q : e.groupProjects[g2]) {
                    if (atLevel[q].length <= lv) {
                        atLevel[q] = Arrays.copyOf(atLevel[q], Math.max(lv + 1, atLevel[q].length * 2));
                    }
                    atLevel[q][old] -= n;
                    atLevel[q][lv] += n;
                    touched[q] = true;
                }
                groupLevel[g2] = lv;
            }
            for (int q = 0; q < e.projectCount; q++) {
                if (touched[q]) {
                    BigInteger sum = BigInteger.ZERO;
                    long[] counts = atLevel[q];
                    for (int l = 1; l < counts.length && l < level.size(); l++) {
                        if (counts[l] != 0) {
                            sum = sum.add(level.get(l).multiply(BigInteger.valueOf(counts[l])));
                        }
                    }
                    loadSum[q] = sum;
                }
            }
        }
    }
}
