package nl.buurtbegroting.core.rules;

import static nl.buurtbegroting.core.rules.Outward.addDown;
import static nl.buurtbegroting.core.rules.Outward.addUp;
import static nl.buurtbegroting.core.rules.Outward.divDown;
import static nl.buurtbegroting.core.rules.Outward.divExact;
import static nl.buurtbegroting.core.rules.Outward.divUp;
import static nl.buurtbegroting.core.rules.Outward.mulDown;
import static nl.buurtbegroting.core.rules.Outward.mulUp;
import static nl.buurtbegroting.core.rules.Outward.sumError;

import java.math.BigDecimal;
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

    IntervalEqualShares(CompiledElection e, boolean[] candidate, long[][] supporterWeight) {
        this.e = e;
        this.candidate = candidate;
        this.weighted = e.pointsBallots;
        this.supporterWeight = supporterWeight;
    }

    /** The projects MES buys, in order, with {@code share} per voter; null when the run cannot prove it. */
    int[] run(long share) {
        if (share >= (1L << 52)) {
            return null;
        }
        return new Run(share).execute();
    }

    /** Relative widenings tried for the upper bound of a price, from tight to loose. */
    private static final double[] SLACK = {1e-14, 1e-11, 1e-9};

    private static double up(double x) {
        return Math.nextUp(x);
    }

    private static double down(double x) {
        return Math.nextDown(x);
    }

    /**
     * A relative bound on the rounding error of a plain sum of n products of two non-negative factors
     * each ((n + 2) u with u = 2^-53, doubled for the rounding of the bound's own use); exact as a double.
     */
    private static double plainSumError(int n) {
        return (n + 4) * 0x1p-52;
    }

    /**
     * A priced project: its price lies in [lower, upper]. When the run could prove who pays all she has
     * and those amounts are exact, the price is also known exactly as exNum / exDen (exNum an exact
     * double, NaN otherwise): two such prices are compared exactly, so exact ties are settled by the
     * tie-breaking rank, as the exact run settles them.
     */
    private record Cand(int p, double lower, double upper, int round, double exNum, long exDen) {
        Cand(int p, double lower, double upper, int round) {
            this(p, lower, upper, round, Double.NaN, 0);
        }

        boolean exact() {
            return !Double.isNaN(exNum);
        }
    }

    /** Whether a certainly comes before b in the exact run: a lower price, or an equal one and a better rank. */
    private boolean beats(Cand a, Cand b) {
        if (a.upper < b.lower || (a.upper == b.lower && e.tieRank[a.p] < e.tieRank[b.p])) {
            return true;
        }
        if (!a.exact() || !b.exact()) {
            return false;
        }
        int c = new BigDecimal(a.exNum).multiply(BigDecimal.valueOf(b.exDen))
                .compareTo(new BigDecimal(b.exNum).multiply(BigDecimal.valueOf(a.exDen)));
        return c < 0 || (c == 0 && e.tieRank[a.p] < e.tieRank[b.p]);
    }

    private record ClassWeight(int cls, long weight) {
    }

    // Scratch space, reused by every run of this filter (one search uses one filter, on one thread):
    // allocating it per run would make the many runs of a completion mostly work for the collector.
    private double[] lo = new double[64];
    private double[] hi = new double[64];
    private long[] cnt = new long[64];
    private int[] newClassOf = new int[64];
    private int[] groupClass;
    private int[] itemClass;
    private long[] itemWeight;
    private long[] itemVoters;
    private int[] itemGroup;
    private boolean[] itemPoor;
    private BudgetState budgetTemplate;

    private final class Run {
        private int classCount;
        private int itemCount;

        /** Water level per unit of weight of the last price: [levelLo, levelHi]. */
        private double levelLo;
        private double levelHi;
        private boolean doubt;
        private int lastPriced = -1;

        private final BudgetState budget;
        private final List<Cand> near = new ArrayList<>();
        private final int[] order;
        private int bought;

        Run(long share) {
            if (groupClass == null) {
                groupClass = new int[e.groups()];
                int n = Math.max(1, e.groups());
                itemClass = new int[n];
                itemWeight = new long[n];
                itemVoters = new long[n];
                itemGroup = new int[n];
                itemPoor = new boolean[n];
            }
            Arrays.fill(cnt, 0);
            classCount = 1;
            lo[0] = 0;
            hi[0] = 0;
            Arrays.fill(groupClass, share > 0 ? 1 : 0);
            if (share > 0) {
                lo[1] = share;
                hi[1] = share;
                classCount = 2;
            }
            if (budgetTemplate == null) {
                budgetTemplate = new BudgetState(e, Long.MAX_VALUE / 4);
            }
            budget = new BudgetState(budgetTemplate, Long.MAX_VALUE / 4);
            order = new int[e.projectCount];
        }

        int[] execute() {
            PriorityQueue<Cand> queue = new PriorityQueue<>(Math.max(1, e.projectCount), (a, b) -> {
                int c = Double.compare(a.lower, b.lower);
                return c != 0 ? c : Integer.compare(e.tieRank[a.p], e.tieRank[b.p]);
            });
            for (int p = 0; p < e.projectCount; p++) {
                if (candidate[p]) {
                    Cand c = price(p, 0);
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
                Cand top = queue.poll();
                if (top.round != round) {
                    Cand fresh = price(top.p, round);
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
                while (!queue.isEmpty() && queue.peek().lower <= top.upper) {
                    Cand next = queue.poll();
                    if (next.round != round) {
                        Cand fresh = price(next.p, round);
                        if (doubt) {
                            return null;
                        }
                        if (fresh != null) {
                            queue.add(fresh);
                        }
                    } else if (beats(top, next)) {
                        near.add(next);
                    } else if (beats(next, top)) {
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
                if (budget.blocker(top.p) != null) {
                    continue;
                }
                if (lastPriced != top.p) {
                    price(top.p, round);
                }
                buy(top.p);
                round++;
            }
            return Arrays.copyOf(order, bought);
        }

        /** Prices p: a candidate, null when certainly not affordable; sets doubt when it cannot tell. */
        private Cand price(int p, int round) {
            lastPriced = -1;
            collectItems(p);
            double cost = e.cost[p];
            if (cost == 0) {
                levelLo = 0;
                levelHi = 0;
                lastPriced = p;
                Arrays.fill(itemPoor, 0, itemCount, false);
                return new Cand(p, 0, 0, round);
            }
            // what the supporters hold: plain sums, bounded by their rounding error, settle most projects;
            // only when the cost lies within that error are the sums taken outward-rounded, exact where they can be
            double sumHi = 0;
            double sumLo = 0;
            long weightTotal = 0;
            for (int i = 0; i < itemCount; i++) {
                sumHi += hi[itemClass[i]] * itemVoters[i];
                sumLo += lo[itemClass[i]] * itemVoters[i];
                weightTotal = Math.addExact(weightTotal, Math.multiplyExact(itemVoters[i], itemWeight[i]));
            }
            double error = plainSumError(itemCount);
            if (up(sumHi * (1 + error)) < cost) {
                return null;
            }
            if (down(sumLo * (1 - error)) < cost) {
                double totalHi = 0;
                double totalLo = 0;
                for (int i = 0; i < itemCount; i++) {
                    totalHi = addUp(totalHi, mulUp(hi[itemClass[i]], itemVoters[i]));
                    totalLo = addDown(totalLo, mulDown(lo[itemClass[i]], itemVoters[i]));
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
            levelLo = Math.max(0, boundFromBelow(cost, weightTotal, hi));
            // an upper bound: the level on the lower amounts, checked to cover the cost
            // lo and hi are close, so the level on the upper amounts, slightly raised, usually covers the cost
            // on the lower amounts too; only when it does not is the level on the lower amounts computed
            double first = up(levelLo * (1 + SLACK[0]));
            boolean firstCovers = paidAtLevel(first) >= cost;
            double estimate = firstCovers ? levelLo : Math.max(levelLo, boundFromBelow(cost, weightTotal, lo));
            double candidateUp = firstCovers ? first : Double.NaN;
            for (int k = firstCovers ? SLACK.length : 0; k < SLACK.length; k++) {
                double slack = SLACK[k];
                double u = up(estimate * (1 + slack));
                if (paidAtLevel(u) >= cost) {
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
            for (int i = 0; i < itemCount; i++) {
                double share = itemWeight[i] == 1 ? levelLo : mulDown(levelLo, itemWeight[i]);
                itemPoor[i] = hi[itemClass[i]] <= share;
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
        private Cand exactPrice(int p, int round, double cost, double scale) {
            double poorPay = 0;
            long richWeight = 0;
            boolean exact = true;
            for (int i = 0; i < itemCount && exact; i++) {
                int c = itemClass[i];
                if (itemPoor[i]) {
                    double pays = hi[c] * itemVoters[i];
                    double sum = poorPay + pays;
                    exact = lo[c] == hi[c] && Math.fma(hi[c], itemVoters[i], -pays) == 0
                            && sumError(poorPay, pays, sum) == 0;
                    poorPay = sum;
                } else if (lo[c] >= (itemWeight[i] == 1 ? levelHi : mulUp(levelHi, itemWeight[i]))) {
                    richWeight += itemVoters[i] * itemWeight[i];
                } else {
                    exact = false;
                }
            }
            double rest = cost - poorPay;
            if (!exact || richWeight == 0 || richWeight >= (1L << 53) || sumError(cost, -poorPay, rest) != 0) {
                return new Cand(p, divDown(levelLo, scale), divUp(levelHi, scale), round);
            }
            if (divExact(rest, richWeight)) {
                levelLo = rest / richWeight;
                levelHi = levelLo;
            }
            long den = weighted ? richWeight : Math.multiplyHigh(richWeight, (long) cost) == 0
                    ? richWeight * (long) cost : 0;
            if (den <= 0) {
                return new Cand(p, divDown(levelLo, scale), divUp(levelHi, scale), round);
            }
            return new Cand(p, divDown(levelLo, scale), divUp(levelHi, scale), round, rest, den);
        }

        /**
         * Water-fills the items on the given amounts and returns (cost - what the poor pay) / weight of the
         * others, rounded down: a lower bound of the exact level for those amounts, whatever set is found.
         */
        private double boundFromBelow(double cost, long weightTotal, double[] money) {
            for (int i = 0; i < itemCount; i++) {
                itemPoor[i] = false;
            }
            double paid = 0;
            long left = weightTotal;
            boolean changed = true;
            while (changed && left > 0) {
                changed = false;
                double level = (cost - paid) / left;
                for (int i = 0; i < itemCount; i++) {
                    if (!itemPoor[i] && money[itemClass[i]] < level * itemWeight[i]
                            && left - itemVoters[i] * itemWeight[i] > 0) {
                        itemPoor[i] = true;
                        paid += money[itemClass[i]] * itemVoters[i];
                        left -= itemVoters[i] * itemWeight[i];
                        changed = true;
                    }
                }
            }
            double paidUp = 0;
            for (int i = 0; i < itemCount; i++) {
                if (itemPoor[i]) {
                    paidUp = addUp(paidUp, mulUp(money[itemClass[i]], itemVoters[i]));
                }
            }
            return divDown(addDown(cost, -paidUp), left);
        }

        /**
         * What the supporters pay at level s on their lower amounts, rounded down: a plain sum of positive
         * terms, lowered by the bound on its rounding error (n terms, two products each: below (n + 2) u of
         * the sum, u = 2^-53; {@link #plainSumError(int)} doubles that).
         */
        private double paidAtLevel(double s) {
            double paid = 0;
            for (int i = 0; i < itemCount; i++) {
                paid += Math.min(lo[itemClass[i]], s * itemWeight[i]) * itemVoters[i];
            }
            return down(paid * (1 - plainSumError(itemCount)));
        }

        private void collectItems(int p) {
            int[] gs = e.supporterGroups[p];
            if (!weighted) {
                int k = 0;
                for (int g : gs) {
                    int c = groupClass[g];
                    if (c == 0) {
                        continue;
                    }
                    if (cnt[c] == 0) {
                        itemClass[k++] = c;
                    }
                    cnt[c] += e.groupCount[g];
                }
                for (int i = 0; i < k; i++) {
                    int c = itemClass[i];
                    itemWeight[i] = 1;
                    itemVoters[i] = cnt[c];
                    cnt[c] = 0;
                }
                itemCount = k;
                return;
            }
            long[] ws = supporterWeight[p];
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

        /** Pays for p at the level of its last price: new amounts stay intervals around the exact ones. */
        private void buy(int p) {
            budget.fund(p);
            order[bought++] = p;
            if (levelHi == 0) {
                return;
            }
            if (!weighted) {
                for (int i = 0; i < itemCount; i++) {
                    int c = itemClass[i];
                    int after = itemPoor[i] ? 0 : afterPaying(c, 1);
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
                for (int i = 0; i < itemCount; i++) {
                    int c = itemClass[i];
                    int n = 0;
                    if (!itemPoor[i]) {
                        ClassWeight key = new ClassWeight(c, itemWeight[i]);
                        Integer known = made.get(key);
                        if (known == null) {
                            known = afterPaying(c, itemWeight[i]);
                            made.put(key, known);
                        }
                        n = known;
                    }
                    groupClass[itemGroup[i]] = n;
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
