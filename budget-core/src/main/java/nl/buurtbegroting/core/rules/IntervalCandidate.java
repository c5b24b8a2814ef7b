package nl.buurtbegroting.core.rules;

import java.math.BigDecimal;

/**
 * A project priced by {@link IntervalEqualShares}: its price (rho) lies in [lower, upper]. When the run
 * could prove who pays all she has and those amounts are exact, the price is also known exactly as
 * exNum / exDen (exNum an exact double, NaN otherwise): two such prices are compared exactly, so exact
 * ties, common in small electorates (every project whose supporters all pay the share costs them
 * 1 / supporters), are settled by the tie-breaking rank, as the exact run settles them.
 */
record IntervalCandidate(int p, double lower, double upper, int round, double exNum, long exDen) {

    IntervalCandidate(int p, double lower, double upper, int round) {
        this(p, lower, upper, round, Double.NaN, 0);
    }

    /**
     * Priced in the first round with every one of the w supporters (weight 1) paying cost / w: rho = 1 / w,
     * written as IntervalEqualShares writes exact prices, cost / (w x cost), when that product fits.
     */
    static IntervalCandidate allPayEqually(int p, long w, long cost) {
        double lower = Outward.divDown(1, w);
        double upper = Outward.divUp(1, w);
        long den = Math.multiplyHigh(w, cost) == 0 && w * cost > 0 ? w * cost : 0;
        return den == 0 ? new IntervalCandidate(p, lower, upper, 0) : new IntervalCandidate(p, lower, upper, 0, cost, den);
    }

    boolean exact() {
        return !Double.isNaN(exNum);
    }

    /** Whether a certainly comes before b in the exact run: a lower price, or an equal one and a better rank. */
    static boolean beats(IntervalCandidate a, IntervalCandidate b, int[] tieRank) {
        if (a.upper < b.lower || (a.upper == b.lower && tieRank[a.p] < tieRank[b.p])) {
            return true;
        }
        if (!a.exact() || !b.exact()) {
            return false;
        }
        int c = new BigDecimal(a.exNum).multiply(BigDecimal.valueOf(b.exDen))
                .compareTo(new BigDecimal(b.exNum).multiply(BigDecimal.valueOf(a.exDen)));
        return c < 0 || (c == 0 && tieRank[a.p] < tieRank[b.p]);
    }
}
