package nl.buurtbegroting.core.rules;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.buurtbegroting.core.arith.Rational;
import nl.buurtbegroting.core.outcome.Decision;

/**
 * One run of the Method of Equal Shares from a given amount of money per voter, exact and fast.
 *
 * <p><b>Exactness.</b> Every amount of money is an integer number of units 1/D of one common
 * denominator D: at the start D is the denominator of the starting money (n for B/n, 1 for an
 * integral share). When a project is bought and the equal share is not a whole number of units, D is
 * multiplied by the share's denominator. Amounts stored before such a step are brought to the new
 * unit only when they are next used (each amount remembers the "epoch" of its unit, and the run keeps
 * the factor from every epoch to the current one), so a round costs nothing for the voters it does
 * not touch. Every decision compares exact integers; nothing is rounded.
 *
 * <p><b>Speed.</b> Voters with identical ballots hold the same money throughout, so the run works on
 * the groups of {@link CompiledElection}, and groups holding the same amount share a <em>money
 * class</em>. A project's price is found by counting its supporters per class (integer work) and
 * water-filling: supporters who cannot pay the equal share pay everything they have, the others pay
 * the share. The water level is first located with a floating-point estimate of each class's money
 * (a filter only) and then <em>verified exactly</em>: the exact level is computed from the estimated
 * split, and every class whose estimate is not clearly on its side of the level is compared exactly;
 * if anything disagrees, the exact sorted procedure decides. Prices only rise during a run (money only
 * falls), so an earlier price is a lower bound: projects wait in a priority queue by that bound and
 * only the project at the front is repriced, until a freshly priced project is at the front (the lazy
 * evaluation of equalshares.net and pabutools, exact here).
 *
 * <p><b>Share-parametric runs</b> (for the add-one completion). When the run starts from an integral
 * share e0, every amount is also tracked as an affine function of the share e (value at e0 plus a
 * slope). Along a fixed course of decisions every quantity of the run is affine in e; every decision
 * (which supporters pay all they have, which projects are affordable, which price is lowest) is a sign
 * of such a function, so the run also computes {@link Result#nextEvent}: the smallest integral share
 * above e0 at which any decision the run took could come out differently. Every share in between gives
 * the same projects, so the completion may skip to it. (Money never falls when e rises along a fixed
 * course, so supporters who pay the share and affordable projects stay so; only the other decisions
 * can change.)
 *
 * <p>Complexity per run: O(S + R (E + c K)) where S is the size of the compressed ballots, R the rounds,
 * c the projects repriced per round (a handful), K the money classes among a project's supporters and E
 * the exact operations, which are only those for supporters below the water level.
 *
 * <p>The parts: {@link EqualSharesRun} (rounds, queue, payments), {@link ExactMoney} (money classes and
 * their units), {@link ExactPricing} (water-filling), {@link ShareEvents} (share-parametric runs),
 * {@link PaymentHistory} (figures for explanations); {@link SupporterItems} is shared with the
 * floating-point filter {@link IntervalEqualShares}.
 */
final class EqualSharesEngine {

    /** Margins of the floating-point estimates, far above their error: beyond them an estimate decides. */
    static final double RELATIVE_MARGIN = 1e-9;
    static final double ABSOLUTE_MARGIN = 1e-12;

    final CompiledElection e;
    final boolean[] candidate;
    private final boolean weighted;
    /** Per project, the weight of each supporter group (points ballots only). */
    final long[][] supporterWeight;
    private BudgetState budgetTemplate;

    /**
     * @param candidate projects MES may fund (eligible and supported); others are left alone
     */
    EqualSharesEngine(CompiledElection e, boolean[] candidate) {
        this.e = e;
        this.candidate = candidate.clone();
        this.weighted = e.pointsBallots;
        this.supporterWeight = new long[e.projectCount][];
        if (weighted) {
            for (int p = 0; p < e.projectCount; p++) {
                int[] gs = e.supporterGroups[p];
                long[] ws = new long[gs.length];
                for (int i = 0; i < gs.length; i++) {
                    int g = gs[i];
                    ws[i] = e.groupWeights[g][Arrays.binarySearch(e.groupProjects[g], p)];
                }
                supporterWeight[p] = ws;
            }
        }
    }

    /** What a run decided: the projects bought in order, and for each other candidate why not. */
    static final class Result {
        final int[] selected;
        final long cost;
        final boolean[] funded;
        /** Per project: null when funded or not a candidate; otherwise the reason it was not bought. */
        final Decision[] rejected;
        /** Per project: exact figures for explanations (explain runs only). */
        final List<Map<String, String>> details;
        final List<int[]> ties;
        final List<Integer> tieWinners;
        /** Share-parametric runs: the smallest integral share above the start that may buy other projects. */
        final long nextEvent;

        Result(int[] selected, long cost, boolean[] funded, Decision[] rejected, List<Map<String, String>> details,
               List<int[]> ties, List<Integer> tieWinners, long nextEvent) {
            this.selected = selected;
            this.cost = cost;
            this.funded = funded;
            this.rejected = rejected;
            this.details = details;
            this.ties = ties;
            this.tieWinners = tieWinners;
            this.nextEvent = nextEvent;
        }
    }

    /** The election's constraint tables, built once for all runs. */
    BudgetState budgetTemplate() {
        if (budgetTemplate == null) {
            budgetTemplate = new BudgetState(e, Long.MAX_VALUE / 4);
        }
        return budgetTemplate;
    }

    /** The floating-point filter over the same candidates (see {@link IntervalEqualShares}). */
    IntervalEqualShares intervals() {
        return new IntervalEqualShares(e, candidate, supporterWeight);
    }

    /** Runs MES with {@code start} money per voter; {@code explain} also gathers the figures for explanations. */
    Result run(Rational start, boolean explain) {
        return new EqualSharesRun(this, start, explain, false).execute();
    }

    /** Runs MES with the integral share {@code share} per voter and finds where its decisions could change. */
    Result runParametric(long share, boolean explain) {
        return new EqualSharesRun(this, Rational.of(share), explain, true).execute();
    }

    /**
     * a / b (b > 0) as a double with a relative error below 1e-15 whatever the sizes of a and b (each is
     * cut to its leading 62 bits separately, then rounded once more to a double), or 0 when a is 0. For filters only, never for a decision.
     */
    static double approxRatio(BigInteger a, BigInteger b) {
        if (a.signum() == 0) {
            return 0;
        }
        int sa = Math.max(0, a.bitLength() - 62);
        int sb = Math.max(0, b.bitLength() - 62);
        double x = (sa == 0 ? a : a.shiftRight(sa)).doubleValue();
        double y = (sb == 0 ? b : b.shiftRight(sb)).doubleValue();
        return Math.scalb(x / y, sa - sb);
    }

    /** a / b as a double, for the floating-point filter only (never for a decision). */
    static double ratio(BigInteger a, BigInteger b) {
        int shift = Math.max(0, b.bitLength() - 62);
        if (shift == 0) {
            return a.doubleValue() / b.doubleValue();
        }
        return a.shiftRight(shift).doubleValue() / b.shiftRight(shift).doubleValue();
    }
}
