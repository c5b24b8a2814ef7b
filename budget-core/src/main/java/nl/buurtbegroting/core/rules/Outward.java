package nl.buurtbegroting.core.rules;

/**
 * Floating-point operations rounded outward, for {@link IntervalEqualShares}: each returns the
 * nearest double on the requested side of the exact result, and the exact result itself when it is a
 * double. Plain "compute, then step one unit" would widen every interval at every operation; these
 * keep whole amounts (a share of 16,666 times 12 voters, a cost of 100,000 split over 8) exact, so the
 * filter can prove outcomes where exact ties are common, as in small elections.
 *
 * <p>The error of a product is found exactly with a fused multiply-add, that of a sum with the
 * two-sum of Knuth, and the remainder of a quotient with a fused multiply-add; each is exact in
 * round-to-nearest without overflow, which amounts of money far below 2^1000 never reach.
 */
final class Outward {

    private Outward() {
    }

    static double mulUp(double a, double b) {
        double p = a * b;
        return Math.fma(a, b, -p) > 0 ? Math.nextUp(p) : p;
    }

    static double mulDown(double a, double b) {
        double p = a * b;
        return Math.fma(a, b, -p) < 0 ? Math.nextDown(p) : p;
    }

    /** The rounding error of a + b: (a + b) - fl(a + b), exactly. */
    static double sumError(double a, double b, double s) {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    static double addUp(double a, double b) {
        double s = a + b;
        return sumError(a, b, s) > 0 ? Math.nextUp(s) : s;
    }

    static double addDown(double a, double b) {
        double s = a + b;
        return sumError(a, b, s) < 0 ? Math.nextDown(s) : s;
    }

    /** a / b for b > 0, rounded up. */
    static double divUp(double a, double b) {
        double q = a / b;
        return Math.fma(-q, b, a) > 0 ? Math.nextUp(q) : q;
    }

    /** a / b for b > 0, rounded down. */
    static double divDown(double a, double b) {
        double q = a / b;
        return Math.fma(-q, b, a) < 0 ? Math.nextDown(q) : q;
    }

    /** Whether a / b (b > 0) is exactly the double a / b. */
    static boolean divExact(double a, double b) {
        return Math.fma(-(a / b), b, a) == 0;
    }

    /**
     * An upper bound of a sum of n terms, each a product of two doubles, taken as: {@code sum}, the plain
     * running sum, and {@code err} and {@code errAbs}, the plain sums of the exact errors of every product
     * (by fused multiply-add) and every addition (by {@link #sumError}) and of their absolute values. The
     * exact sum is sum + (the exact sum of those errors), which err approximates to within 2n roundings of
     * at most errAbs each (u = 2^-53; the bound taken is twice that). Exact when every error is 0.
     */
    static double compensatedUp(double sum, double err, double errAbs, int n) {
        if (errAbs == 0) {
            return sum;
        }
        return addUp(sum, addUp(err, errAbs * ((4.0 * n + 8) * 0x1p-53)));
    }

    /**
     * A relative bound on the rounding error of a plain sum of n products of two non-negative factors
     * each ((n + 2) u with u = 2^-53, doubled for the rounding of the bound's own use); exact as a double.
     */
    static double plainSumError(int n) {
        return (n + 4) * 0x1p-52;
    }
}
