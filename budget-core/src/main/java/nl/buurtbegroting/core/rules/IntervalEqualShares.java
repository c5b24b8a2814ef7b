package nl.buurtbegroting.core.rules;

import static nl.buurtbegroting.core.rules.Outward.addDown;
import static nl.buurtbegroting.core.rules.Outward.addUp;
import static nl.buurtbegroting.core.rules.Outward.divDown;
import static nl.buurtbegroting.core.rules.Outward.divExact;
import static nl.buurtbegroting.core.rules.Outward.divUp;
import static nl.buurtbegroting.core.rules.Outward.mulDown;
import static nl.buurtbegroting.core.rules.Outward.mulUp;
import static nl.buurtbegroting.core.rules.Outward.plainSumError;
import static nl.buurtbegroting.core.rules.Outward.sumError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A run of the Method of Equal Shares in floating point that either proves its outcome or gives up: a
 * fast filter for the add-one completion, which needs the outcome of MES at many shares but the exact
 * figures only at the share it takes.
 *
 * <p>Every amount of money is kept as an interval [lo, hi] that certainly contains the exact amount;
 * every operation rounds outward (the result of each floating-point operation is moved one unit in the
 * last place away, which covers round-to-nearest). A price is an interval too: the water level computed
 * on everybody's lower amount bounds it from above, and any choice of "who pays all they have" computed
 * on the upper amounts bounds it from below (the exact level is the largest of those). A decision is
 * taken only when the intervals leave no doubt: a project is bought only when its price interval lies
 * below every other project's lower bound (equal bounds: the tie-breaking rank decides), a project is
 * dropped only when even its supporters' upper amounts fall short. When any decision is in doubt (an
 * exact tie, or two prices closer than the rounding), the run returns null and the caller runs the exact
 * {@link EqualSharesEngine}. A proven outcome is therefore exactly the outcome of the exact run.
 *
 * <p>Complexity: as {@link EqualSharesEngine}, with every exact operation replaced by a few
 * floating-point ones. An instance reuses its scratch space from run to run: use it on one thread.
 */
final class IntervalEqualShares {

    private final CompiledElection e;
    private final boolean[] candidate;
    private final boolean weighted;
    private final long[][] supporterWeight;

    /** Per project (weights all 1): the first round's price, 1 / supporters, once all can pay cost / supporters. */
    private final IntervalCandidate[] firstPrice;
    /** Per project: the least share from which every supporter can pay cost / supporters (0: not used). */
    private final long[] firstShare;

    IntervalEqualShares(CompiledElection e, boolean[] candidate, long[][] supporterWeight) {
        this.e = e;
        this.candidate = candidate;
        this.weighted = e.pointsBallots;
        this.supporterWeight = supporterWeight;
        this.firstPrice = new IntervalCandidate[e.projectCount];
        this.firstShare = new long[e.projectCount];
        for (int p = 0; p < e.projectCount && !weighted; p++) {
            long w = e.support[p];
            long cost = e.cost[p];
            if (!candidate[p] || w <= 0 || cost <= 0 || cost >= (1L << 53) || w >= (1L << 53)) {
                continue;
            }
            firstShare[p] = (cost + w - 1) / w;
            firstPrice[p] = IntervalCandidate.allPayEqually(p, w, cost);
        }
    }

    /** The projects MES buys, in order, with {@code share} per voter; null when the run cannot prove it. */
    int[] run(long share) {
        return run(share, share);
    }

    /**
     * The projects MES buys, in order, with any share from {@code from} to {@code to} per voter: one run
     * on the interval [from, to] of starting money proves that every share in it buys these projects in
     * this order (each step of the run is sound for any exact amounts inside its intervals, and the voters
     * of a class hold equal amounts at each share, since the classes follow the one course proven for
     * all). Null when it cannot prove that.
     */
    int[] run(long from, long to) {
        if (from < 0 || to < from || to >= (1L << 52)) {
            return null;
        }
        return new Run(from, to).execute();
    }

    /** Relative widenings tried for the upper bound of a price, from tight to loose. */
    private static final double[] SLACK = {1e-14, 1e-11, 1e-9};

    private record ClassWeight(int cls, long weight) {
    }

    // Scratch space, reused by every run of this filter (one search uses one filter, on one thread):
    // allocating it per run would make the many runs of a completion mostly work for the collector.
    private double[] lo = new double[64];
    private double[] hi = new double[64];
    private long[] cnt = new long[64];
    private int[] newClassOf = new int[64];
    private int[] groupClass;
    private SupporterItems items;
    private IntervalLevel level;
    private BudgetState budgetTemplate;

    private final class Run {
        private int classCount;
        private final long shareLo;
        private final long shareHi;

        /** Water level per unit of weight of the last price: [levelLo, levelHi]. */
        private double levelLo;
        private double levelHi;
        private boolean doubt;
        private int lastPriced = -1;

        private final BudgetState budget;
        private final List<IntervalCandidate> near = new ArrayList<>();
        private final int[] order;
        private int bought;

        Run(long share, long shareHi) {
            this.shareLo = share;
            this.shareHi = shareHi;
            if (groupClass == null) {
                groupClass = new int[e.groups()];
                int n = Math.max(1, e.groups());
                items = new SupporterItems(n);
                level = new IntervalLevel(items);
            }
            Arrays.fill(cnt, 0);
            classCount = 1;
            lo[0] = 0;
            hi[0] = 0;
            Arrays.fill(groupClass, shareHi > 0 ? 1 : 0);
            if (shareHi > 0) {
                lo[1] = share;
                hi[1] = shareHi;
                classCount = 2;
            }
            if (budgetTemplate == null) {
                budgetTemplate = new BudgetState(e, Long.MAX_VALUE / 4);
            }
            budget = new BudgetState(budgetTemplate, Long.MAX_VALUE / 4);
            order = new int[e.projectCount];
        }

        int[] execute() {
            PriorityQueue<IntervalCandidate> queue = new PriorityQueue<>(Math.max(1, e.projectCount), (a, b) -> {
                int c = Double.compare(a.lower(), b.lower());
                return c != 0 ? c : Integer.compare(e.tieRank[a.p()], e.tieRank[b.p()]);
            });
            for (int p = 0; p < e.projectCount; p++) {
                if (candidate[p]) {
                    IntervalCandidate c;
                    if (firstPrice[p] != null && shareLo >= firstShare[p]) {
                        // every supporter holds the share, at least cost / supporters: all pay that
                        c = firstPrice[p];
                    } else if (firstPrice[p] != null && shareHi < firstShare[p]) {
                        // together they hold at most shareHi x supporters, less than the cost
                        continue;
                    } else {
                        c = price(p, 0);
                    }
                    if (doubt) {
                        return null;
                    }
                    if (c != null) {
                        queue.add(c);
                    }
                }
            }
            int round = 0;
            while (!queue.isEmpty()) {
                IntervalCandidate top = queue.poll();
                if (top.round() != round) {
                    IntervalCandidate fresh = price(top.p(), round);
                    if (doubt) {
                        return null;
                    }
                    if (fresh != null) {
                        queue.add(fresh);
                    }
                    continue;
                }
                // top is freshly priced; make sure nobody else can be cheaper (stale prices are lower bounds)
                near.clear();
                while (!queue.isEmpty() && queue.peek().lower() <= top.upper()) {
                    IntervalCandidate next = queue.poll();
                    if (next.round() != round) {
                        IntervalCandidate fresh = price(next.p(), round);
                        if (doubt) {
                            return null;
                        }
                        if (fresh != null) {
                            queue.add(fresh);
                        }
                    } else if (IntervalCandidate.beats(top, next, e.tieRank)) {
                        near.add(next);
                    } else if (IntervalCandidate.beats(next, top, e.tieRank)) {
                        // next comes first in the exact order (an exact tie it wins on rank): it is the new top
                        queue.addAll(near);
                        near.clear();
                        queue.add(top);
                        top = next;
                    } else {
                        return null;
                    }
                }
                queue.addAll(near);
                if (budget.blocker(top.p()) != null) {
                    continue;
                }
                if (lastPriced != top.p()) {
                    price(top.p(), round);
                }
                buy(top.p());
                round++;
            }
            return Arrays.copyOf(order, bought);
        }

        /** Prices p: a candidate, null when certainly not affordable; sets doubt when it cannot tell. */
        private IntervalCandidate price(int p, int round) {
            lastPriced = -1;
            if (weighted) {
                items.collect(e, supporterWeight, p, groupClass, cnt);
            } else {
                items.collectUnweighted(e, p, groupClass, cnt);
            }
            double cost = e.cost[p];
            if (cost == 0) {
                levelLo = 0;
                levelHi = 0;
                lastPriced = p;
                Arrays.fill(items.poor, 0, items.count, false);
                return new IntervalCandidate(p, 0, 0, round);
            }
            // what the supporters hold: plain sums, bounded by their rounding error, settle most projects;
            // only when the cost lies within that error are the sums taken outward-rounded, exact where they can be
            double sumHi = 0;
            double sumLo = 0;
            long weightTotal = 0;
            for (int i = 0; i < items.count; i++) {
                sumHi += hi[items.cls[i]] * items.voters[i];
                sumLo += lo[items.cls[i]] * items.voters[i];
                weightTotal = Math.addExact(weightTotal, Math.multiplyExact(items.voters[i], items.weight[i]));
            }
            double error = plainSumError(items.count);
            if (Math.nextUp(sumHi * (1 + error)) < cost) {
                return null;
            }
            if (Math.nextDown(sumLo * (1 - error)) < cost) {
                double totalHi = 0;
                double totalLo = 0;
                for (int i = 0; i < items.count; i++) {
                    totalHi = addUp(totalHi, mulUp(hi[items.cls[i]], items.voters[i]));
                    totalLo = addDown(totalLo, mulDown(lo[items.cls[i]], items.voters[i]));
                }
                if (totalHi < cost) {
                    return null;
                }
                if (totalLo < cost) {
                    doubt = true;
                    return null;
                }
            }
            // a lower bound: any set of "pays all she has", on the upper amounts
            levelLo = Math.max(0, level.boundFromBelow(cost, weightTotal, hi, lo));
            // an upper bound: the level on the lower amounts, checked to cover the cost
            // lo and hi are close, so the level on the upper amounts, slightly raised, usually covers the cost
            // on the lower amounts too; only when it does not is the level on the lower amounts computed
            // (the first try: the level on the lower amounts if the same supporters paid all they have, raised
            // past the error bound that paidAtLevel takes off, which grows with the number of items)
            double first = Math.nextUp(Math.max(levelLo, level.sameSetLevel)
                    * (1 + SLACK[0] + 2 * plainSumError(items.count)));
            boolean firstCovers = level.paidAtLevel(first, lo) >= cost;
            double estimate = firstCovers ? levelLo : Math.max(levelLo, level.boundFromBelow(cost, weightTotal, lo, lo));
            double candidateUp = firstCovers ? first : Double.NaN;
            for (int k = firstCovers ? SLACK.length : 0; k < SLACK.length; k++) {
                double slack = SLACK[k];
                double u = Math.nextUp(estimate * (1 + slack));
                if (level.paidAtLevel(u, lo) >= cost) {
                    candidateUp = u;
                    break;
                }
            }
            if (Double.isNaN(candidateUp)) {
                doubt = true;
                return null;
            }
            levelHi = candidateUp;
            lastPriced = p;
            for (int i = 0; i < items.count; i++) {
                double share = items.weight[i] == 1 ? levelLo : mulDown(levelLo, items.weight[i]);
                items.poor[i] = hi[items.cls[i]] <= share;
            }
            double scale = weighted ? 1 : cost;
            return exactPrice(p, round, cost, scale);
        }

        /**
         * The candidate for p from the level just found. When every supporter is certainly on one side of
         * the level and those who pay all they have hold exact amounts, the level is exactly (cost - what
         * they pay) / (weight of the others): the price is then exact as well, and so is the level itself
         * when that division is exact (then the payers' new amounts stay exact too).
         */
        private IntervalCandidate exactPrice(int p, int round, double cost, double scale) {
            double poorPay = 0;
            long richWeight = 0;
            boolean exact = true;
            for (int i = 0; i < items.count && exact; i++) {
                double h = hi[items.cls[i]];
                double l = lo[items.cls[i]];
                if (items.poor[i]) {
                    double pays = h * items.voters[i];
                    double sum = poorPay + pays;
                    exact = l == h && Math.fma(h, items.voters[i], -pays) == 0
                            && sumError(poorPay, pays, sum) == 0;
                    poorPay = sum;
                } else if (l >= (items.weight[i] == 1 ? levelHi : mulUp(levelHi, items.weight[i]))) {
                    richWeight += items.voters[i] * items.weight[i];
                } else {
                    exact = false;
                }
            }
            double rest = cost - poorPay;
            if (!exact || richWeight == 0 || richWeight >= (1L << 53) || sumError(cost, -poorPay, rest) != 0) {
                return new IntervalCandidate(p, divDown(levelLo, scale), divUp(levelHi, scale), round);
            }
            if (divExact(rest, richWeight)) {
                levelLo = rest / richWeight;
                levelHi = levelLo;
            }
            long den = weighted ? richWeight : Math.multiplyHigh(richWeight, (long) cost) == 0
                    ? richWeight * (long) cost : 0;
            if (den <= 0) {
                return new IntervalCandidate(p, divDown(levelLo, scale), divUp(levelHi, scale), round);
            }
            return new IntervalCandidate(p, divDown(levelLo, scale), divUp(levelHi, scale), round, rest, den);
        }

        /** Pays for p at the level of its last price: new amounts stay intervals around the exact ones. */
        private void buy(int p) {
            budget.fund(p);
            order[bought++] = p;
            if (levelHi == 0) {
                return;
            }
            if (!weighted) {
                for (int i = 0; i < items.count; i++) {
                    int c = items.cls[i];
                    int after = items.poor[i] ? 0 : afterPaying(c, 1);
                    newClassOf[c] = after;
                }
                for (int g : e.supporterGroups[p]) {
                    int c = groupClass[g];
                    if (c != 0) {
                        groupClass[g] = newClassOf[c];
                    }
                }
            } else {
                Map<ClassWeight, Integer> made = new HashMap<>();
                for (int i = 0; i < items.count; i++) {
                    int c = items.cls[i];
                    int n = 0;
                    if (!items.poor[i]) {
                        ClassWeight key = new ClassWeight(c, items.weight[i]);
                        Integer known = made.get(key);
                        if (known == null) {
                            known = afterPaying(c, items.weight[i]);
                            made.put(key, known);
                        }
                        n = known;
                    }
                    groupClass[items.group[i]] = n;
                }
            }
        }

        /** The class of voters of class c after paying min(money, level x weight). */
        private int afterPaying(int c, long weight) {
            double newHi = addUp(hi[c], -mulDown(levelLo, weight));
            if (newHi <= 0) {
                return 0;
            }
            double newLo = Math.max(0, addDown(lo[c], -mulUp(levelHi, weight)));
            if (classCount == lo.length) {
                int size = lo.length * 2;
                lo = Arrays.copyOf(lo, size);
                hi = Arrays.copyOf(hi, size);
                cnt = Arrays.copyOf(cnt, size);
                newClassOf = Arrays.copyOf(newClassOf, size);
            }
            lo[classCount] = newLo;
            hi[classCount] = newHi;
            return classCount++;
        }
    }
}
