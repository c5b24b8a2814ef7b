package nl.buurtbegroting.core.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
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
 */
final class EqualSharesEngine {

    private static final double RELATIVE_MARGIN = 1e-9;
    private static final double ABSOLUTE_MARGIN = 1e-12;

    private final CompiledElection e;
    private final boolean[] candidate;
    private final boolean weighted;
    /** Per project, the weight of each supporter group (points ballots only). */
    private final long[][] supporterWeight;
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
    private BudgetState budgetTemplate() {
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
        return new Run(start, explain, false).execute();
    }

    /** Runs MES with the integral share {@code share} per voter and finds where its decisions could change. */
    Result runParametric(long share, boolean explain) {
        return new Run(Rational.of(share), explain, true).execute();
    }

    /** A price: rho = num / den, affine in the share with slope numSlope / den; or not affordable. */
    private static final class Price {
        boolean affordable;
        BigInteger num;
        BigInteger numSlope;
        BigInteger den;
    }

    /**
     * A priced candidate. {@code approx} and {@code approxSlope} are num / den and numSlope / den to within
     * a relative error below 1e-15 (see {@link #approxRatio}): a filter that settles comparisons whose
     * answer is clear, never a decision on its own.
     */
    private record Cand(int p, BigInteger num, BigInteger numSlope, BigInteger den, int round,
                        double approx, double approxSlope) {
        Cand(int p, BigInteger num, BigInteger numSlope, BigInteger den, int round) {
            this(p, num, numSlope, den, round, approxRatio(num, den), approxRatio(numSlope, den));
        }
    }

    /** Relative distance beyond which two approximations decide a comparison (far above their error). */
    private static final double CLEAR = 1e-12;

    /** Compares x and y when they are clearly apart; 0 when only the exact values can tell. */
    private static int clearly(double x, double y) {
        double gap = x - y;
        if (Math.abs(gap) > CLEAR * Math.max(Math.abs(x), Math.abs(y))) {
            return gap < 0 ? -1 : 1;
        }
        return 0;
    }

    private record ClassWeight(int cls, long weight) {
    }

    private final class Run {
        private final boolean explain;
        private final boolean parametric;
        private final BigInteger e0;
        private long nextEvent = Long.MAX_VALUE;
        /** e0 + 1: once nextEvent is there, no event can come earlier and none needs computing. */
        private final long soonest;

        // money classes: value (and slope) in units of the denominator of their epoch
        private BigInteger denom;
        private final BigInteger startNum;
        private final BigInteger startDen;
        private int epoch;
        /** factor.get(t) turns an amount of epoch t into units of the current epoch. */
        private final List<BigInteger> factor = new ArrayList<>();
        private BigInteger[] num = new BigInteger[64];
        private BigInteger[] slope = new BigInteger[64];
        private int[] epochOf = new int[64];
        private double[] approx = new double[64];
        private long[] cnt = new long[64];
        private int[] newClassOf = new int[64];
        private int[] seen = new int[64];
        private int classCount;
        private final int[] groupClass;

        // water-filling scratch, filled by price()
        private int itemCount;
        private int[] itemClass = new int[64];
        private long[] itemWeight = new long[64];
        private long[] itemVoters = new long[64];
        private int[] itemGroup = new int[64];
        private boolean[] itemPoor = new boolean[64];
        private BigInteger rest;
        private BigInteger restSlope;
        private long weightLeft;

        private final BudgetState budget;
        private final Decision[] rejected;
        private final boolean[] funded;
        private final List<Integer> order = new ArrayList<>();
        private final List<int[]> ties = new ArrayList<>();
        private final List<Integer> tieWinners = new ArrayList<>();
        private final List<Map<String, String>> details = new ArrayList<>();
        private final Rational[] rho;

        // explain data: who paid what, per round
        private int[] histGroup = new int[0];
        private int[] histRound = new int[0];
        private int[] histAmount = new int[0];
        private int histSize;
        private final List<BigInteger[]> roundAmounts = new ArrayList<>();
        private final List<BigInteger> roundDenom = new ArrayList<>();

        Run(Rational start, boolean explain, boolean parametric) {
            this.explain = explain;
            this.parametric = parametric;
            this.e0 = parametric ? start.numerator() : BigInteger.ZERO;
            this.soonest = parametric ? e0.longValue() + 1 : Long.MIN_VALUE;
            this.denom = start.denominator();
            this.startNum = start.numerator();
            this.startDen = start.denominator();
            factor.add(BigInteger.ONE);
            this.groupClass = new int[e.groups()];
            num[0] = BigInteger.ZERO;
            slope[0] = BigInteger.ZERO;
            classCount = 1;
            if (start.signum() > 0 || parametric) {
                int c = newClass(start.numerator(), parametric ? BigInteger.ONE : BigInteger.ZERO);
                Arrays.fill(groupClass, c);
            }
            this.budget = new BudgetState(budgetTemplate(), Long.MAX_VALUE / 4);
            this.rejected = new Decision[e.projectCount];
            this.funded = new boolean[e.projectCount];
            this.rho = new Rational[e.projectCount];
            for (int p = 0; p < e.projectCount; p++) {
                details.add(explain ? new HashMap<>() : Map.of());
            }
        }

        Result execute() {
            Comparator<Cand> byPrice = (a, b) -> {
                int c = clearly(a.approx, b.approx);
                if (c == 0) {
                    c = a.num.multiply(b.den).compareTo(b.num.multiply(a.den));
                }
                return c != 0 ? c : Integer.compare(e.tieRank[a.p], e.tieRank[b.p]);
            };
            PriorityQueue<Cand> queue = new PriorityQueue<>(Math.max(1, e.projectCount), byPrice);
            List<Integer> dropped = new ArrayList<>();
            for (int p = 0; p < e.projectCount; p++) {
                if (!candidate[p]) {
                    continue;
                }
                Price price = price(p);
                if (price.affordable) {
                    queue.add(new Cand(p, price.num, price.numSlope, price.den, 0));
                } else {
                    dropped.add(p);
                }
            }
            int round = 0;
            while (!queue.isEmpty()) {
                Cand top = queue.poll();
                if (top.round != round) {
                    Price price = price(top.p);
                    if (price.affordable) {
                        queue.add(new Cand(top.p, price.num, price.numSlope, price.den, round));
                    } else {
                        dropped.add(top.p);
                    }
                    continue;
                }
                Decision blocker = budget.blocker(top.p);
                if (blocker != null) {
                    // Caps only fill up and an incompatible partner stays funded: the project stays out.
                    rejected[top.p] = blocker;
                    continue;
                }
                recordTie(queue, top, round);
                if (parametric) {
                    for (Cand q : queue) {
                        priceOrderEvent(top, q);
                    }
                }
                buy(top.p, round);
                round++;
            }
            for (int p : dropped) {
                if (rejected[p] == null) {
                    rejected[p] = notAffordable(p);
                }
            }
            int[] sel = order.stream().mapToInt(Integer::intValue).toArray();
            long cost = 0;
            for (int p : sel) {
                cost = Math.addExact(cost, e.cost[p]);
            }
            return new Result(sel, cost, funded, rejected, details, ties, tieWinners, nextEvent);
        }

        /** Projects with exactly the winner's price lost only on the tie-breaking rank: record them. */
        private void recordTie(PriorityQueue<Cand> queue, Cand top, int round) {
            List<Cand> equal = new ArrayList<>();
            List<Cand> back = new ArrayList<>();
            while (!queue.isEmpty() && samePrice(queue.peek(), top)) {
                Cand c = queue.poll();
                if (c.round != round) {
                    Price price = price(c.p);
                    if (!price.affordable) {
                        back.add(c);
                        continue;
                    }
                    c = new Cand(c.p, price.num, price.numSlope, price.den, round);
                }
                back.add(c);
                if (samePrice(c, top) && budget.blocker(c.p) == null) {
                    equal.add(c);
                }
            }
            queue.addAll(back);
            if (!equal.isEmpty()) {
                int[] tied = new int[equal.size() + 1];
                tied[0] = top.p;
                for (int i = 0; i < equal.size(); i++) {
                    tied[i + 1] = equal.get(i).p;
                }
                ties.add(tied);
                tieWinners.add(top.p);
            }
        }

        private boolean samePrice(Cand a, Cand b) {
            return clearly(a.approx, b.approx) == 0 && a.num.multiply(b.den).equals(b.num.multiply(a.den));
        }

        /** The winner w beat q (on price, then on rank): the first share at which that could change. */
        private void priceOrderEvent(Cand w, Cand q) {
            if (nextEvent == soonest || eventClearlyLater(w, q)) {
                // nothing can come earlier than the next share, or this event certainly not before nextEvent
                return;
            }
            BigInteger gap = q.num.multiply(w.den).subtract(w.num.multiply(q.den));
            BigInteger gapSlope = q.numSlope.multiply(w.den).subtract(w.numSlope.multiply(q.den));
            if (e.tieRank[w.p] < e.tieRank[q.p]) {
                eventWhenNegative(gap, gapSlope);
            } else {
                eventWhenNotPositive(gap, gapSlope);
            }
        }

        /**
         * Whether the share at which q's price could fall to w's is certainly not below {@link #nextEvent},
         * judged on the approximations: the prices are a + b (e - e0), so the gap closes after
         * (a_q - a_w) / (b_w - b_q) steps; a lower bound of that (errors taken against it) is compared.
         */
        private boolean eventClearlyLater(Cand w, Cand q) {
            if (nextEvent == Long.MAX_VALUE) {
                return false;
            }
            double gap = q.approx - w.approx;
            double gapError = 1e-14 * (Math.abs(q.approx) + Math.abs(w.approx));
            double closing = w.approxSlope - q.approxSlope;
            double closingError = 1e-14 * (Math.abs(w.approxSlope) + Math.abs(q.approxSlope));
            if (closing + closingError <= 0) {
                return true;
            }
            double low = gap - gapError;
            if (!(low > 0)) {
                return false;
            }
            double steps = low / (closing + closingError) * (1 - 1e-12);
            return steps >= (double) (nextEvent - soonest) + 2;
        }

        /** f(e0) >= 0: records the first integral share above e0 where f becomes negative. */
        private void eventWhenNegative(BigInteger f, BigInteger fSlope) {
            if (fSlope.signum() >= 0) {
                return;
            }
            BigInteger down = fSlope.negate();
            event(e0.add(f.divide(down)).add(BigInteger.ONE));
        }

        /** f(e0) > 0: records the first integral share above e0 where f becomes zero or negative. */
        private void eventWhenNotPositive(BigInteger f, BigInteger fSlope) {
            if (fSlope.signum() >= 0) {
                return;
            }
            BigInteger down = fSlope.negate();
            event(e0.add(f.add(down).subtract(BigInteger.ONE).divide(down)));
        }

        private void event(BigInteger at) {
            if (at.compareTo(e0) <= 0) {
                at = e0.add(BigInteger.ONE);
            }
            if (at.bitLength() < 63) {
                nextEvent = Math.min(nextEvent, at.longValue());
            }
        }

        // ---- money classes ----

        private int newClass(BigInteger value, BigInteger valueSlope) {
            if (classCount == num.length) {
                int size = num.length * 2;
                num = Arrays.copyOf(num, size);
                slope = Arrays.copyOf(slope, size);
                epochOf = Arrays.copyOf(epochOf, size);
                approx = Arrays.copyOf(approx, size);
                cnt = Arrays.copyOf(cnt, size);
                newClassOf = Arrays.copyOf(newClassOf, size);
                seen = Arrays.copyOf(seen, size);
            }
            int c = classCount++;
            num[c] = value;
            slope[c] = valueSlope;
            epochOf[c] = epoch;
            approx[c] = ratio(value, denom);
            return c;
        }

        /** Brings class c to the current unit and returns its exact value there. */
        private BigInteger value(int c) {
            int t = epochOf[c];
            if (t != epoch) {
                BigInteger f = factor.get(t);
                num[c] = num[c].multiply(f);
                slope[c] = slope[c].multiply(f);
                epochOf[c] = epoch;
            }
            return num[c];
        }

        /** The slope of class c in the current unit (call {@link #value(int)} first). */
        private BigInteger slopeOf(int c) {
            return slope[c];
        }

        /** Multiplies the unit's denominator by f; stored amounts follow lazily. */
        private void rescale(BigInteger f) {
            denom = denom.multiply(f);
            factor.replaceAll(x -> x.multiply(f));
            factor.add(BigInteger.ONE);
            epoch++;
        }

        // ---- prices ----

        /** Water-fills project p's price over its supporters' current money (fills the item scratch). */
        private Price price(int p) {
            collectItems(p);
            Price price = new Price();
            BigInteger target = denom.multiply(BigInteger.valueOf(e.cost[p]));
            if (target.signum() == 0) {
                Arrays.fill(itemPoor, 0, itemCount, false);
                price.affordable = true;
                price.num = BigInteger.ZERO;
                price.numSlope = BigInteger.ZERO;
                price.den = BigInteger.ONE;
                rest = BigInteger.ZERO;
                restSlope = BigInteger.ZERO;
                weightLeft = 1;
                return price;
            }
            if (!estimateAndVerify(p, target)) {
                exactWaterFill(target);
            }
            if (weightLeft == 0) {
                price.affordable = false;
                if (parametric && nextEvent != soonest) {
                    // money held by the supporters, affine in e: they can pay once it reaches the cost
                    BigInteger held = BigInteger.ZERO;
                    BigInteger heldSlope = BigInteger.ZERO;
                    for (int i = 0; i < itemCount; i++) {
                        BigInteger n = BigInteger.valueOf(itemVoters[i]);
                        held = held.add(value(itemClass[i]).multiply(n));
                        heldSlope = heldSlope.add(slopeOf(itemClass[i]).multiply(n));
                    }
                    eventWhenNotPositive(target.subtract(held), heldSlope.negate());
                }
                return price;
            }
            if (parametric && nextEvent != soonest) {
                BigInteger r = BigInteger.valueOf(weightLeft);
                for (int i = 0; i < itemCount; i++) {
                    if (itemPoor[i]) {
                        // a supporter paying all she has stays so while her money <= the share
                        int c = itemClass[i];
                        BigInteger w = BigInteger.valueOf(itemWeight[i]);
                        BigInteger f = rest.multiply(w).subtract(value(c).multiply(r));
                        BigInteger fSlope = restSlope.multiply(w).subtract(slopeOf(c).multiply(r));
                        eventWhenNegative(f, fSlope);
                    }
                }
            }
            price.affordable = true;
            price.num = rest;
            price.numSlope = restSlope;
            long scale = weighted ? 1 : e.cost[p];
            price.den = denom.multiply(BigInteger.valueOf(weightLeft)).multiply(BigInteger.valueOf(scale));
            return price;
        }

        /**
         * Locates the water level with the floating-point estimates, then checks it exactly. Returns false
         * when the estimate cannot be confirmed (the caller then decides exactly). On success the items
         * are marked poor or not, and rest, restSlope and weightLeft describe the exact level (weightLeft
         * 0: not affordable).
         */
        private boolean estimateAndVerify(int p, BigInteger target) {
            double cost = e.cost[p];
            long total = 0;
            for (int i = 0; i < itemCount; i++) {
                itemPoor[i] = false;
                total = Math.addExact(total, Math.multiplyExact(itemVoters[i], itemWeight[i]));
            }
            double paid = 0;
            long left = total;
            boolean changed = true;
            while (changed && left > 0) {
                changed = false;
                double level = (cost - paid) / left;
                for (int i = 0; i < itemCount; i++) {
                    if (!itemPoor[i] && approx[itemClass[i]] < level * itemWeight[i]) {
                        itemPoor[i] = true;
                        paid += approx[itemClass[i]] * itemVoters[i];
                        left -= itemVoters[i] * itemWeight[i];
                        changed = true;
                    }
                }
            }
            BigInteger exactPaid = BigInteger.ZERO;
            BigInteger paidSlope = BigInteger.ZERO;
            for (int i = 0; i < itemCount; i++) {
                if (itemPoor[i]) {
                    BigInteger n = BigInteger.valueOf(itemVoters[i]);
                    exactPaid = exactPaid.add(value(itemClass[i]).multiply(n));
                    if (parametric) {
                        paidSlope = paidSlope.add(slopeOf(itemClass[i]).multiply(n));
                    }
                }
            }
            rest = target.subtract(exactPaid);
            restSlope = paidSlope.negate();
            weightLeft = left;
            if (left == 0) {
                return rest.signum() > 0;
            }
            if (rest.signum() <= 0) {
                return false;
            }
            BigInteger r = BigInteger.valueOf(left);
            double level = ratio(rest, denom.multiply(r));
            for (int i = 0; i < itemCount; i++) {
                double money = approx[itemClass[i]];
                double share = level * itemWeight[i];
                double margin = RELATIVE_MARGIN * Math.max(money, share) + ABSOLUTE_MARGIN;
                boolean clear = itemPoor[i] ? money <= share - margin : money >= share + margin;
                if (clear) {
                    continue;
                }
                int c = comparePoorness(i, r);
                if (itemPoor[i] ? c > 0 : c < 0) {
                    return false;
                }
            }
            return true;
        }

        /** Compares item i's money with its share at the current level: sign of money * R - rest * weight. */
        private int comparePoorness(int i, BigInteger r) {
            return value(itemClass[i]).multiply(r).compareTo(rest.multiply(BigInteger.valueOf(itemWeight[i])));
        }

        /** The exact procedure: items in ascending order of money per unit of weight. */
        private void exactWaterFill(BigInteger target) {
            Integer[] idx = new Integer[itemCount];
            for (int i = 0; i < itemCount; i++) {
                idx[i] = i;
                value(itemClass[i]);
            }
            Arrays.sort(idx, (a, b) -> num[itemClass[a]].multiply(BigInteger.valueOf(itemWeight[b]))
                    .compareTo(num[itemClass[b]].multiply(BigInteger.valueOf(itemWeight[a]))));
            long left = 0;
            for (int i = 0; i < itemCount; i++) {
                itemPoor[i] = true;
                left = Math.addExact(left, Math.multiplyExact(itemVoters[i], itemWeight[i]));
            }
            BigInteger paid = BigInteger.ZERO;
            BigInteger paidSlope = BigInteger.ZERO;
            for (int k = 0; k < itemCount; k++) {
                int i = idx[k];
                BigInteger toPay = target.subtract(paid);
                BigInteger money = num[itemClass[i]];
                if (money.multiply(BigInteger.valueOf(left)).compareTo(toPay.multiply(BigInteger.valueOf(itemWeight[i]))) >= 0) {
                    for (int j = k; j < itemCount; j++) {
                        itemPoor[idx[j]] = false;
                    }
                    break;
                }
                BigInteger n = BigInteger.valueOf(itemVoters[i]);
                paid = paid.add(money.multiply(n));
                paidSlope = paidSlope.add(slope[itemClass[i]].multiply(n));
                left -= itemVoters[i] * itemWeight[i];
            }
            rest = target.subtract(paid);
            restSlope = paidSlope.negate();
            weightLeft = left;
        }

        /** Project p's supporters with money, as items: per class (approval) or per group (points). */
        private void collectItems(int p) {
            int[] gs = e.supporterGroups[p];
            itemCount = 0;
            if (!weighted) {
                int k = 0;
                for (int g : gs) {
                    int c = groupClass[g];
                    if (c == 0) {
                        continue;
                    }
                    if (cnt[c] == 0) {
                        ensureItems(k + 1);
                        itemClass[k++] = c;
                    }
                    cnt[c] += e.groupCount[g];
                }
                for (int i = 0; i < k; i++) {
                    int c = itemClass[i];
                    itemWeight[i] = 1;
                    itemVoters[i] = cnt[c];
                    itemGroup[i] = -1;
                    cnt[c] = 0;
                }
                itemCount = k;
                return;
            }
            long[] ws = supporterWeight[p];
            ensureItems(gs.length);
            int k = 0;
            for (int i = 0; i < gs.length; i++) {
                int c = groupClass[gs[i]];
                if (c != 0 && ws[i] > 0) {
                    itemClass[k] = c;
                    itemWeight[k] = ws[i];
                    itemVoters[k] = e.groupCount[gs[i]];
                    itemGroup[k] = gs[i];
                    k++;
                }
            }
            itemCount = k;
        }

        // ---- buying ----

        /** Buys p (priced freshly): poor supporters pay all they have, the others pay the share. */
        private void buy(int p, int round) {
            Price price = price(p);
            rho[p] = Rational.of(price.num, price.den);
            budget.fund(p);
            funded[p] = true;
            order.add(p);
            if (rest.signum() == 0) {
                // a project that costs nothing: nobody pays
                if (explain) {
                    roundAmounts.add(new BigInteger[0]);
                    roundDenom.add(BigInteger.ONE);
                    describePayments(p, new TreeMap<>(), BigInteger.ONE);
                }
                return;
            }
            BigInteger r = BigInteger.valueOf(weightLeft);
            BigInteger g = rest.gcd(r).gcd(restSlope);
            BigInteger f = r.divide(g);
            if (!f.equals(BigInteger.ONE)) {
                rescale(f);
            }
            // the share per unit of weight, and its slope, are whole numbers of the (new) unit
            BigInteger share = rest.divide(g);
            BigInteger shareSlope = restSlope.divide(g);
            Map<BigInteger, Long> paidBy = explain ? new TreeMap<>() : null;
            List<BigInteger> amounts = explain ? new ArrayList<>() : null;
            if (explain) {
                amounts.add(share);
            }
            if (!weighted) {
                for (int i = 0; i < itemCount; i++) {
                    int c = itemClass[i];
                    BigInteger v = value(c);
                    if (itemPoor[i]) {
                        newClassOf[c] = 0;
                        if (explain) {
                            amounts.add(v);
                            seen[c] = amounts.size() - 1;
                            paidBy.merge(v, itemVoters[i], Long::sum);
                        }
                    } else {
                        int after = afterPaying(v, slopeOf(c), share, shareSlope);
                        newClassOf[c] = after;
                        if (explain) {
                            seen[c] = 0;
                            paidBy.merge(share, itemVoters[i], Long::sum);
                        }
                    }
                }
                for (int grp : e.supporterGroups[p]) {
                    int c = groupClass[grp];
                    if (c != 0) {
                        if (explain) {
                            remember(grp, round, seen[c]);
                        }
                        groupClass[grp] = newClassOf[c];
                    }
                }
            } else {
                Map<ClassWeight, Integer> made = new HashMap<>();
                for (int i = 0; i < itemCount; i++) {
                    int c = itemClass[i];
                    int grp = itemGroup[i];
                    BigInteger v = value(c);
                    BigInteger w = BigInteger.valueOf(itemWeight[i]);
                    int n;
                    BigInteger pays;
                    if (itemPoor[i]) {
                        n = 0;
                        pays = v;
                    } else {
                        pays = share.multiply(w);
                        ClassWeight key = new ClassWeight(c, itemWeight[i]);
                        Integer known = made.get(key);
                        if (known == null) {
                            known = afterPaying(v, slopeOf(c), pays, shareSlope.multiply(w));
                            made.put(key, known);
                        }
                        n = known;
                    }
                    if (explain) {
                        amounts.add(pays);
                        paidBy.merge(pays, itemVoters[i], Long::sum);
                        remember(grp, round, amounts.size() - 1);
                    }
                    groupClass[grp] = n;
                }
            }
            if (explain) {
                roundAmounts.add(amounts.toArray(new BigInteger[0]));
                roundDenom.add(denom);
                describePayments(p, paidBy, denom);
            }
        }

        /** The class of voters holding v (slope s) after paying {@code pays} (slope {@code paysSlope}). */
        private int afterPaying(BigInteger v, BigInteger s, BigInteger pays, BigInteger paysSlope) {
            BigInteger left = v.subtract(pays);
            BigInteger leftSlope = s.subtract(paysSlope);
            if (left.signum() == 0 && leftSlope.signum() == 0) {
                return 0;
            }
            return newClass(left, leftSlope);
        }

        // ---- explanations ----

        private void remember(int group, int round, int amount) {
            if (histSize == histGroup.length) {
                int size = Math.max(1024, histSize * 2);
                histGroup = Arrays.copyOf(histGroup, size);
                histRound = Arrays.copyOf(histRound, size);
                histAmount = Arrays.copyOf(histAmount, size);
            }
            histGroup[histSize] = group;
            histRound[histSize] = round;
            histAmount[histSize] = amount;
            histSize++;
        }

        private void describePayments(int p, Map<BigInteger, Long> paidBy, BigInteger unit) {
            Map<String, String> d = details.get(p);
            d.put("rho", rho[p].toString());
            Rational shareR = rho[p].multiply(e.cost[p]);
            if (!weighted) {
                d.put("share", shareR.toString());
            }
            // paidBy is keyed by numerators over one unit, so its order is the order of the amounts
            long payers = 0;
            long fullShare = 0;
            BigInteger shareNum = weighted ? null : shareR.numerator().multiply(unit).divide(shareR.denominator());
            StringBuilder list = new StringBuilder();
            for (Map.Entry<BigInteger, Long> en : paidBy.entrySet()) {
                if (en.getKey().signum() == 0) {
                    continue;
                }
                payers += en.getValue();
                if (!weighted && en.getKey().equals(shareNum)) {
                    fullShare += en.getValue();
                }
                if (paidBy.size() <= 12) {
                    if (list.length() > 0) {
                        list.append(';');
                    }
                    list.append(en.getValue()).append('x').append(Rational.of(en.getKey(), unit));
                }
            }
            BigInteger lowest = null;
            for (BigInteger k : paidBy.keySet()) {
                if (k.signum() > 0) {
                    lowest = k;
                    break;
                }
            }
            d.put("payers", Long.toString(payers));
            d.put("minPayment", lowest == null ? "0" : Rational.of(lowest, unit).toString());
            d.put("maxPayment", paidBy.isEmpty() ? "0" : Rational.of(((TreeMap<BigInteger, Long>) paidBy).lastKey(), unit).toString());
            if (!weighted) {
                d.put("paidFullShare", Long.toString(fullShare));
                d.put("paidAllTheyHad", Long.toString(payers - fullShare));
            }
            if (paidBy.size() <= 12) {
                d.put("payments", list.toString());
            }
        }

        /** Not affordable: what the supporters hold at the end, what they lack, and where their money went. */
        private Decision notAffordable(int p) {
            if (!explain) {
                return new Decision.NotAffordable("", "", "");
            }
            int[] gs = e.supporterGroups[p];
            // voters per (round, amount) among p's supporters, then one exact sum per round
            if (historyStart == null) {
                indexHistory();
            }
            int touched = 0;
            for (int g : gs) {
                for (int h = historyStart[g]; h < historyStart[g + 1]; h++) {
                    int x = historyEntry[h];
                    int slot = roundOffset[histRound[x]] + histAmount[x];
                    if (slotVoters[slot] == 0) {
                        slotTouched[touched++] = slot;
                    }
                    slotVoters[slot] += e.groupCount[g];
                }
            }
            BigInteger[] perRound = new BigInteger[order.size()];
            for (int t = 0; t < touched; t++) {
                int slot = slotTouched[t];
                int r = slotRound[slot];
                BigInteger add = roundAmounts.get(r)[slot - roundOffset[r]].multiply(BigInteger.valueOf(slotVoters[slot]));
                perRound[r] = perRound[r] == null ? add : perRound[r].add(add);
                slotVoters[slot] = 0;
            }
            // where their money went, largest first (exact order; equal amounts in the order funded)
            List<Integer> top = new ArrayList<>();
            double[] approxSpent = new double[perRound.length];
            for (int r = 0; r < perRound.length; r++) {
                if (perRound[r] != null && perRound[r].signum() > 0) {
                    top.add(r);
                    approxSpent[r] = ratio(perRound[r], roundDenom.get(r));
                }
            }
            top.sort((a, b) -> {
                double x = approxSpent[a];
                double y = approxSpent[b];
                if (Math.abs(x - y) > RELATIVE_MARGIN * Math.max(x, y) + ABSOLUTE_MARGIN) {
                    return x > y ? -1 : 1;
                }
                int c = perRound[b].multiply(roundDenom.get(a)).compareTo(perRound[a].multiply(roundDenom.get(b)));
                return c != 0 ? c : Integer.compare(a, b);
            });
            // what they hold = what they got - what they paid (cheaper than reading every money class)
            long voters = 0;
            for (int g : gs) {
                voters += e.groupCount[g];
            }
            BigInteger held = startNum.multiply(BigInteger.valueOf(voters)).multiply(denom.divide(startDen));
            for (int r = 0; r < perRound.length; r++) {
                if (perRound[r] != null) {
                    held = held.subtract(perRound[r].multiply(denom.divide(roundDenom.get(r))));
                }
            }
            Rational available = Rational.of(held, denom);
            Rational lacking = Rational.of(e.cost[p]).subtract(available);
            Map<String, String> d = details.get(p);
            d.put("available", available.toString());
            d.put("lacking", lacking.toString());
            StringBuilder spent = new StringBuilder();
            for (int r : top) {
                if (spent.length() > 0) {
                    spent.append(';');
                }
                spent.append(e.projects.get(order.get(r)).id()).append(':').append(Rational.of(perRound[r], roundDenom.get(r)));
            }
            d.put("spentOn", spent.toString());
            String took = top.isEmpty() ? "" : e.projects.get(order.get(top.get(0))).id();
            return new Decision.NotAffordable(available.toString(), lacking.toString(), took);
        }

        private int[] historyStart;
        private int[] historyEntry;

        /** Groups the payment history by group (a counting sort), so a project's supporters find theirs. */
        private int[] roundOffset;
        private int[] slotRound;
        private long[] slotVoters;
        private int[] slotTouched;

        private void indexHistory() {
            roundOffset = new int[roundAmounts.size() + 1];
            for (int r = 0; r < roundAmounts.size(); r++) {
                roundOffset[r + 1] = roundOffset[r] + roundAmounts.get(r).length;
            }
            int slots = roundOffset[roundAmounts.size()];
            slotRound = new int[slots];
            for (int r = 0; r < roundAmounts.size(); r++) {
                Arrays.fill(slotRound, roundOffset[r], roundOffset[r + 1], r);
            }
            slotVoters = new long[slots];
            slotTouched = new int[slots];
            historyStart = new int[e.groups() + 1];
            for (int h = 0; h < histSize; h++) {
                historyStart[histGroup[h] + 1]++;
            }
            for (int g = 0; g < e.groups(); g++) {
                historyStart[g + 1] += historyStart[g];
            }
            int[] fill = Arrays.copyOf(historyStart, e.groups());
            historyEntry = new int[histSize];
            for (int h = 0; h < histSize; h++) {
                historyEntry[fill[histGroup[h]]++] = h;
            }
        }

        private void ensureItems(int n) {
            if (n > itemClass.length) {
                int size = Math.max(n, itemClass.length * 2);
                itemClass = Arrays.copyOf(itemClass, size);
                itemWeight = Arrays.copyOf(itemWeight, size);
                itemVoters = Arrays.copyOf(itemVoters, size);
                itemGroup = Arrays.copyOf(itemGroup, size);
                itemPoor = Arrays.copyOf(itemPoor, size);
            }
        }
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
