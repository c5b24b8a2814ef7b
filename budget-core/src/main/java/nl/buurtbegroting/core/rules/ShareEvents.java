package nl.buurtbegroting.core.rules;

import java.math.BigInteger;

/**
 * For a share-parametric run of {@link EqualSharesEngine} from the integral share e0: the smallest integral
 * share above e0 at which any decision the run took could come out differently. Each decision is the sign
 * of a function affine in the share along the run's course, f(e) = f + fSlope (e - e0); each records where
 * that sign could first change, and {@link #nextEvent} is the least of them.
 */
final class ShareEvents {

    private final BigInteger e0;
    /** e0 + 1: once nextEvent is there, no event can come earlier and none needs computing. */
    private final long soonest;
    private long nextEvent = Long.MAX_VALUE;

    ShareEvents(long e0) {
        this.e0 = BigInteger.valueOf(e0);
        this.soonest = e0 + 1;
    }

    long nextEvent() {
        return nextEvent;
    }

    /** Whether no later event can change {@link #nextEvent}: it is already the next share. */
    boolean settled() {
        return nextEvent == soonest;
    }

    /** The winner w beat q (on price, then on rank): the first share at which that could change. */
    void priceOrderEvent(MesCandidate w, MesCandidate q, int[] tieRank) {
        if (nextEvent == soonest || eventClearlyLater(w, q)) {
            // nothing can come earlier than the next share, or this event certainly not before nextEvent
            return;
        }
        BigInteger gap = q.num().multiply(w.den()).subtract(w.num().multiply(q.den()));
        BigInteger gapSlope = q.numSlope().multiply(w.den()).subtract(w.numSlope().multiply(q.den()));
        if (tieRank[w.p()] < tieRank[q.p()]) {
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
    private boolean eventClearlyLater(MesCandidate w, MesCandidate q) {
        if (nextEvent == Long.MAX_VALUE) {
            return false;
        }
        double gap = q.approx() - w.approx();
        double gapError = 1e-14 * (Math.abs(q.approx()) + Math.abs(w.approx()));
        double closing = w.approxSlope() - q.approxSlope();
        double closingError = 1e-14 * (Math.abs(w.approxSlope()) + Math.abs(q.approxSlope()));
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
    void eventWhenNegative(BigInteger f, BigInteger fSlope) {
        if (fSlope.signum() >= 0) {
            return;
        }
        BigInteger down = fSlope.negate();
        event(e0.add(f.divide(down)).add(BigInteger.ONE));
    }

    /** f(e0) > 0: records the first integral share above e0 where f becomes zero or negative. */
    void eventWhenNotPositive(BigInteger f, BigInteger fSlope) {
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
}
