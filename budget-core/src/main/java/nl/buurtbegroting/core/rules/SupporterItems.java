package nl.buurtbegroting.core.rules;

import java.util.Arrays;

/**
 * A project's supporters who still have money, as <em>items</em>: one per money class (approval and
 * choose-one ballots, where every supporter's weight is 1) or one per group of identical ballots (points
 * ballots), with the voters and weight of each. Scratch space shared by the exact run of
 * {@link EqualSharesEngine} and the floating-point filter {@link IntervalEqualShares}, which both
 * water-fill over these items; {@link #poor} is their verdict per item (pays all she has).
 */
final class SupporterItems {

    int count;
    int[] cls;
    long[] weight;
    long[] voters;
    int[] group;
    boolean[] poor;

    SupporterItems(int capacity) {
        int n = Math.max(1, capacity);
        cls = new int[n];
        weight = new long[n];
        voters = new long[n];
        group = new int[n];
        poor = new boolean[n];
    }

    /**
     * Collects project p's supporters with money: {@code groupClass} gives each group's class (0: none
     * left) and {@code cnt}, indexed by class, must be all zero (it is left so).
     */
    void collect(CompiledElection e, long[][] supporterWeight, int p, int[] groupClass, long[] cnt) {
        int[] gs = e.supporterGroups[p];
        count = 0;
        if (!e.pointsBallots) {
            long[] counts = e.supporterCounts[p];
            int k = 0;
            for (int j = 0; j < gs.length; j++) {
                int c = groupClass[gs[j]];
                if (c == 0) {
                    continue;
                }
                if (cnt[c] == 0) {
                    ensure(k + 1);
                    cls[k++] = c;
                }
                cnt[c] += counts[j];
            }
            for (int i = 0; i < k; i++) {
                int c = cls[i];
                weight[i] = 1;
                voters[i] = cnt[c];
                group[i] = -1;
                cnt[c] = 0;
            }
            count = k;
            return;
        }
        long[] ws = supporterWeight[p];
        ensure(gs.length);
        int k = 0;
        for (int i = 0; i < gs.length; i++) {
            int c = groupClass[gs[i]];
            if (c != 0 && ws[i] > 0) {
                cls[k] = c;
                weight[k] = ws[i];
                voters[k] = e.groupCount[gs[i]];
                group[k] = gs[i];
                k++;
            }
        }
        count = k;
    }

    /**
     * As {@link #collect} for ballots of weight 1, in an order of its own (the floating-point filter's; the
     * exact run keeps collect's order): every group is written as a possible new item and kept only when
     * its class is new, and class 0 (no money) is dropped at the end, so the loop has no branch that
     * depends on the data.
     */
    void collectUnweighted(CompiledElection e, int p, int[] groupClass, long[] cnt) {
        int[] gs = e.supporterGroups[p];
        long[] counts = e.supporterCounts[p];
        ensure(gs.length + 1);
        int[] cl = cls;
        int k = 0;
        for (int j = 0; j < gs.length; j++) {
            int c = groupClass[gs[j]];
            cl[k] = c;
            k += cnt[c] == 0 ? 1 : 0;
            cnt[c] += counts[j];
        }
        int none = -1;
        for (int i = 0; i < k; i++) {
            int c = cl[i];
            weight[i] = 1;
            voters[i] = cnt[c];
            group[i] = -1;
            cnt[c] = 0;
            if (c == 0) {
                none = i;
            }
        }
        if (none >= 0) {
            k--;
            cl[none] = cl[k];
            voters[none] = voters[k];
        }
        count = k;
    }

    private void ensure(int n) {
        if (n > cls.length) {
            int size = Math.max(n, cls.length * 2);
            cls = Arrays.copyOf(cls, size);
            weight = Arrays.copyOf(weight, size);
            voters = Arrays.copyOf(voters, size);
            group = Arrays.copyOf(group, size);
            poor = Arrays.copyOf(poor, size);
        }
    }
}
