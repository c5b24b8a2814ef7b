package nl.buurtbegroting.core.rules;

import java.math.BigInteger;

/**
 * A project priced by an exact run of {@link EqualSharesEngine}: rho = num / den, affine in the share with
 * slope numSlope / den (share-parametric runs), priced in round {@code round}. {@code approx} and
 * {@code approxSlope} are num / den and numSlope / den to within a relative error below 1e-15 (see
 * {@link EqualSharesEngine#approxRatio}): a filter that settles comparisons whose answer is clear, never a
 * decision on its own.
 */
record MesCandidate(int p, BigInteger num, BigInteger numSlope, BigInteger den, int round,
                    double approx, double approxSlope) {

    /** Relative distance beyond which two approximations decide a comparison (far above their error). */
    private static final double CLEAR = 1e-12;

    MesCandidate(int p, BigInteger num, BigInteger numSlope, BigInteger den, int round) {
        this(p, num, numSlope, den, round, EqualSharesEngine.approxRatio(num, den),
                EqualSharesEngine.approxRatio(numSlope, den));
    }

    /** Compares the prices exactly (the approximations settle what is clear); 0 when equal. */
    int comparePrice(MesCandidate b) {
        int c = clearly(approx, b.approx);
        return c != 0 ? c : num.multiply(b.den).compareTo(b.num.multiply(den));
    }

    boolean samePrice(MesCandidate b) {
        return clearly(approx, b.approx) == 0 && num.multiply(b.den).equals(b.num.multiply(den));
    }

    /** Compares x and y when they are clearly apart; 0 when only the exact values can tell. */
    private static int clearly(double x, double y) {
        double gap = x - y;
        if (Math.abs(gap) > CLEAR * Math.max(Math.abs(x), Math.abs(y))) {
            return gap < 0 ? -1 : 1;
        }
        return 0;
    }
}
