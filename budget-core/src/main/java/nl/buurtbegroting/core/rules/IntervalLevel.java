package nl.buurtbegroting.core.rules;

import static nl.buurtbegroting.core.rules.Outward.addDown;
import static nl.buurtbegroting.core.rules.Outward.compensatedUp;
import static nl.buurtbegroting.core.rules.Outward.divDown;
import static nl.buurtbegroting.core.rules.Outward.plainSumError;
import static nl.buurtbegroting.core.rules.Outward.sumError;

/**
 * The water level of one project's price in {@link IntervalEqualShares}: bounds from below and checks from
 * above, on the supporters' lower and upper amounts (read through their money class).
 */
final class IntervalLevel {

    private final SupporterItems items;
    /** Set by {@link #boundFromBelow}: an estimate of the level on the lower amounts (a guess, never a bound). */
    double sameSetLevel;

    IntervalLevel(SupporterItems items) {
        this.items = items;
    }

    /**
     * Water-fills the items on the upper (or lower) amounts, marks them poor or not, and returns (cost -
     * what the poor pay) / weight of the others, rounded down: a lower bound of the exact level for those
     * amounts, whatever set is found (the exact level is the largest of those), so also for any amounts
     * below them.
     */
    double boundFromBelow(double cost, long weightTotal, double[] money, double[] lo) {
        int n = items.count;
        boolean[] poor = items.poor;
        long[] weight = items.weight;
        long[] voters = items.voters;
        int[] cls = items.cls;
        for (int i = 0; i < n; i++) {
            poor[i] = false;
        }
        double paid = 0;
        long left = weightTotal;
        // the level only rises as supporters join the poor, so it is raised at once within a pass: a pass
        // then catches most of them, and one pass without change confirms the set (compared as
        // m x left < (cost - paid) x weight: no division in the loop)
        boolean changed = true;
        double rest = cost;
        double leftD = left;
        while (changed && left > 0) {
            changed = false;
            for (int i = 0; i < n; i++) {
                double m = money[cls[i]];
                if (!poor[i] && m * leftD < rest * weight[i] && left - voters[i] * weight[i] > 0) {
                    poor[i] = true;
                    paid += m * voters[i];
                    left -= voters[i] * weight[i];
                    rest = cost - paid;
                    leftD = left;
                    changed = true;
                }
            }
        }
        // what the poor pay, rounded up: a sum that carries its exact rounding errors beside it (no
        // data-dependent branch per term, and exact when every term and partial sum is)
        double sum = 0;
        double err = 0;
        double errAbs = 0;
        int terms = 0;
        double paidLower = 0;
        for (int i = 0; i < n; i++) {
            if (poor[i]) {
                double m = money[cls[i]];
                double v = voters[i];
                double x = m * v;
                double ex = Math.fma(m, v, -x);
                double t = sum + x;
                double es = sumError(sum, x, t);
                sum = t;
                err += ex + es;
                errAbs += Math.abs(ex) + Math.abs(es);
                terms++;
                paidLower += lo[cls[i]] * v;
            }
        }
        sameSetLevel = (cost - paidLower) / left;
        return divDown(addDown(cost, -compensatedUp(sum, err, errAbs, terms)), left);
    }

    /**
     * What the supporters pay at level s on their lower amounts, rounded down: a plain sum of positive
     * terms, lowered by the bound on its rounding error (n terms, two products each: below (n + 2) u of
     * the sum, u = 2^-53; {@link Outward#plainSumError(int)} doubles that).
     */
    double paidAtLevel(double s, double[] lo) {
        int n = items.count;
        double paid = 0;
        for (int i = 0; i < n; i++) {
            paid += Math.min(lo[items.cls[i]], s * items.weight[i]) * items.voters[i];
        }
        return Math.nextDown(paid * (1 - plainSumError(n)));
    }
}
