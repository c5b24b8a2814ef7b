package nl.buurtbegroting.core.rules;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Prices a project in an exact run of {@link EqualSharesEngine}: water-filling over its supporters'
 * money classes. Supporters who cannot pay the equal share pay everything they have, the others pay the
 * share. The water level is first located with the floating-point estimate of each class's money (a
 * filter only) and then <em>verified exactly</em>: the exact level is computed from the estimated split,
 * and every class whose estimate is not clearly on its side of the level is compared exactly; if anything
 * disagrees, the exact sorted procedure decides. In share-parametric runs it also records where each
 * verdict (pays all she has; cannot pay at all) could change ({@link ShareEvents}).
 *
 * <p>After {@link #price(int)}, the items' verdicts, {@link #rest}, {@link #restSlope} and
 * {@link #weightLeft} describe the exact level: the share per unit of weight is rest / (denom x weightLeft).
 */
final class ExactPricing {

    /** A price: rho = num / den, affine in the share with slope numSlope / den; or not affordable. */
    static final class Price {
        boolean affordable;
        BigInteger num;
        BigInteger numSlope;
        BigInteger den;
    }

    private final CompiledElection e;
    private final long[][] supporterWeight;
    private final boolean weighted;
    private final ExactMoney money;
    private final SupporterItems items;
    private final int[] groupClass;
    /** Null unless the run is share-parametric. */
    private final ShareEvents events;

    /** What the supporters who pay the share pay together, in units of the current denominator. */
    BigInteger rest;
    BigInteger restSlope;
    /** Their weight (0: the project is not affordable). */
    long weightLeft;

    ExactPricing(CompiledElection e, long[][] supporterWeight, ExactMoney money, SupporterItems items,
                 int[] groupClass, ShareEvents events) {
        this.e = e;
        this.supporterWeight = supporterWeight;
        this.weighted = e.pointsBallots;
        this.money = money;
        this.items = items;
        this.groupClass = groupClass;
        this.events = events;
    }

    /** Water-fills project p's price over its supporters' current money (fills the item scratch). */
    Price price(int p) {
        items.collect(e, supporterWeight, p, groupClass, money.cnt);
        Price price = new Price();
        BigInteger target = money.denom.multiply(BigInteger.valueOf(e.cost[p]));
        if (target.signum() == 0) {
            Arrays.fill(items.poor, 0, items.count, false);
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
            if (events != null && !events.settled()) {
                // money held by the supporters, affine in e: they can pay once it reaches the cost
                BigInteger held = BigInteger.ZERO;
                BigInteger heldSlope = BigInteger.ZERO;
                for (int i = 0; i < items.count; i++) {
                    BigInteger n = BigInteger.valueOf(items.voters[i]);
                    held = held.add(money.value(items.cls[i]).multiply(n));
                    heldSlope = heldSlope.add(money.slopeOf(items.cls[i]).multiply(n));
                }
                events.eventWhenNotPositive(target.subtract(held), heldSlope.negate());
            }
            return price;
        }
        if (events != null && !events.settled()) {
            BigInteger r = BigInteger.valueOf(weightLeft);
            for (int i = 0; i < items.count; i++) {
                if (items.poor[i]) {
                    // a supporter paying all she has stays so while her money <= the share
                    int c = items.cls[i];
                    BigInteger w = BigInteger.valueOf(items.weight[i]);
                    BigInteger f = rest.multiply(w).subtract(money.value(c).multiply(r));
                    BigInteger fSlope = restSlope.multiply(w).subtract(money.slopeOf(c).multiply(r));
                    events.eventWhenNegative(f, fSlope);
                }
            }
        }
        price.affordable = true;
        price.num = rest;
        price.numSlope = restSlope;
        long scale = weighted ? 1 : e.cost[p];
        price.den = money.denom.multiply(BigInteger.valueOf(weightLeft)).multiply(BigInteger.valueOf(scale));
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
        for (int i = 0; i < items.count; i++) {
            items.poor[i] = false;
            total = Math.addExact(total, Math.multiplyExact(items.voters[i], items.weight[i]));
        }
        double paid = 0;
        long left = total;
        boolean changed = true;
        while (changed && left > 0) {
            changed = false;
            double level = (cost - paid) / left;
            for (int i = 0; i < items.count; i++) {
                if (!items.poor[i] && money.approx[items.cls[i]] < level * items.weight[i]) {
                    items.poor[i] = true;
                    paid += money.approx[items.cls[i]] * items.voters[i];
                    left -= items.voters[i] * items.weight[i];
                    changed = true;
                }
            }
        }
        BigInteger exactPaid = BigInteger.ZERO;
        BigInteger paidSlope = BigInteger.ZERO;
        for (int i = 0; i < items.count; i++) {
            if (items.poor[i]) {
                BigInteger n = BigInteger.valueOf(items.voters[i]);
                exactPaid = exactPaid.add(money.value(items.cls[i]).multiply(n));
                if (events != null) {
                    paidSlope = paidSlope.add(money.slopeOf(items.cls[i]).multiply(n));
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
        double level = EqualSharesEngine.ratio(rest, money.denom.multiply(r));
        for (int i = 0; i < items.count; i++) {
            double held = money.approx[items.cls[i]];
            double share = level * items.weight[i];
            double margin = EqualSharesEngine.RELATIVE_MARGIN * Math.max(held, share) + EqualSharesEngine.ABSOLUTE_MARGIN;
            boolean clear = items.poor[i] ? held <= share - margin : held >= share + margin;
            if (clear) {
                continue;
            }
            int c = comparePoorness(i, r);
            if (items.poor[i] ? c > 0 : c < 0) {
                return false;
            }
        }
        return true;
    }

    /** Compares item i's money with its share at the current level: sign of money * R - rest * weight. */
    private int comparePoorness(int i, BigInteger r) {
        return money.value(items.cls[i]).multiply(r).compareTo(rest.multiply(BigInteger.valueOf(items.weight[i])));
    }

    /** The exact procedure: items in ascending order of money per unit of weight. */
    private void exactWaterFill(BigInteger target) {
        Integer[] idx = new Integer[items.count];
        for (int i = 0; i < items.count; i++) {
            idx[i] = i;
            money.value(items.cls[i]);
        }
        Arrays.sort(idx, (a, b) -> money.num[items.cls[a]].multiply(BigInteger.valueOf(items.weight[b]))
                .compareTo(money.num[items.cls[b]].multiply(BigInteger.valueOf(items.weight[a]))));
        long left = 0;
        for (int i = 0; i < items.count; i++) {
            items.poor[i] = true;
            left = Math.addExact(left, Math.multiplyExact(items.voters[i], items.weight[i]));
        }
        BigInteger paid = BigInteger.ZERO;
        BigInteger paidSlope = BigInteger.ZERO;
        for (int k = 0; k < items.count; k++) {
            int i = idx[k];
            BigInteger toPay = target.subtract(paid);
            BigInteger held = money.num[items.cls[i]];
            if (held.multiply(BigInteger.valueOf(left)).compareTo(toPay.multiply(BigInteger.valueOf(items.weight[i]))) >= 0) {
                for (int j = k; j < items.count; j++) {
                    items.poor[idx[j]] = false;
                }
                break;
            }
            BigInteger n = BigInteger.valueOf(items.voters[i]);
            paid = paid.add(held.multiply(n));
            paidSlope = paidSlope.add(money.slopeOf(items.cls[i]).multiply(n));
            left -= items.voters[i] * items.weight[i];
        }
        rest = target.subtract(paid);
        restSlope = paidSlope.negate();
        weightLeft = left;
    }
}
