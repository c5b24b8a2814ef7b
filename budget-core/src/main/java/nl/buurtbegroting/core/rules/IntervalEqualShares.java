package nl.buurtbegroting.core.rules;

import java.util.Arrays;
import java.util.HashMap;
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

    private record Cand(int p, double lower, double upper, int round) {
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

    private final class Run {
        private int classCount;
        private int itemCount;

        /** Water level per unit of weight of the last price: [levelLo, levelHi]. */
        private double levelLo;
        private double levelHi;
        private boolean doubt;
        private int lastPriced = -1;

        private final BudgetState budget;
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
            budget = new BudgetState(e, Long.MAX_VALUE / 4);
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
                // top is freshly priced; make sure nobody else can be cheaper
                boolean settled = false;
                while (!settled) {
                    Cand next = queue.peek();
                    if (next == null || top.upper < next.lower
                            || (top.upper == next.lower && e.tieRank[top.p] < e.tieRank[next.p])) {
                        settled = true;
                    } else if (next.round != round) {
                        queue.poll();
                        Cand fresh = price(next.p, round);
                        if (doubt) {
                            return null;
                        }
                        if (fresh != null) {
                            queue.add(fresh);
                        }
                    } else {
                        return null;
                    }
                }
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
            double totalHi = 0;
            double totalLo = 0;
            long weightTotal = 0;
            for (int i = 0; i < itemCount; i++) {
                totalHi = up(totalHi + up(hi[itemClass[i]] * itemVoters[i]));
                totalLo = down(totalLo + down(lo[itemClass[i]] * itemVoters[i]));
                weightTotal = Math.addExact(weightTotal, Math.multiplyExact(itemVoters[i], itemWeight[i]));
            }
            if (totalHi < cost) {
                return null;
            }
            if (totalLo < cost) {
                doubt = true;
                return null;
            }
            // a lower bound: any set of "pays all she has", on the upper amounts
            levelLo = Math.max(0, boundFromBelow(cost, weightTotal, hi));
            // an upper bound: the level on the lower amounts, checked to cover the cost
            // lo and hi are close, so the level on the upper amounts, slightly raised, usually covers the cost
            // on the lower amounts too; only when it does not is the level on the lower amounts computed
            double estimate = paidAtLevel(up(levelLo * (1 + SLACK[0]))) >= cost ? levelLo
                    : Math.max(levelLo, boundFromBelow(cost, weightTotal, lo));
            double candidateUp = Double.NaN;
            for (double slack : SLACK) {
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
                itemPoor[i] = hi[itemClass[i]] <= down(levelLo * itemWeight[i]);
            }
            double scale = weighted ? 1 : cost;
            return new Cand(p, down(levelLo / scale), up(levelHi / scale), round);
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
                    paidUp = up(paidUp + up(money[itemClass[i]] * itemVoters[i]));
                }
            }
            return down(down(cost - paidUp) / left);
        }

        /** What the supporters pay at level s on their lower amounts, rounded down. */
        private double paidAtLevel(double s) {
            double paid = 0;
            for (int i = 0; i < itemCount; i++) {
                double pays = Math.min(lo[itemClass[i]], down(s * itemWeight[i]));
                paid = down(paid + down(pays * itemVoters[i]));
            }
            return paid;
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
            double newHi = up(hi[c] - down(levelLo * weight));
            if (newHi <= 0) {
                return 0;
            }
            double newLo = Math.max(0, down(lo[c] - up(levelHi * weight)));
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
