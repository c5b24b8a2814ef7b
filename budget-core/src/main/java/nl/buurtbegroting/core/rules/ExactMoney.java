package nl.buurtbegroting.core.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The money of one exact run of {@link EqualSharesEngine}, per <em>money class</em> (groups of voters
 * holding the same amount). Every amount is an integer number of units 1/D of one common denominator D;
 * when a purchase needs a finer unit, D is multiplied by a factor and stored amounts follow lazily: each
 * remembers the "epoch" of its unit and is brought to the current unit when it is next read, so a round
 * costs nothing for the voters it does not touch. Share-parametric runs also keep each amount's slope in
 * the share. Class 0 is "no money left".
 */
final class ExactMoney {

    /** The current unit is 1 / denom. */
    BigInteger denom;
    private int epoch;
    /** factor.get(t) turns an amount of epoch t into units of the current epoch. */
    private final List<BigInteger> factor = new ArrayList<>();
    /** Per class: the amount in units of its epoch (current after {@link #value(int)}). */
    BigInteger[] num = new BigInteger[64];
    private BigInteger[] slope = new BigInteger[64];
    private int[] epochOf = new int[64];
    /** Per class: the amount as a double, a filter only. */
    double[] approx = new double[64];
    /** Per class scratch: voters counted (by {@link SupporterItems}), the class after a purchase, an index. */
    long[] cnt = new long[64];
    int[] newClassOf = new int[64];
    int[] seen = new int[64];
    private int classCount;

    ExactMoney(BigInteger denom) {
        this.denom = denom;
        factor.add(BigInteger.ONE);
        num[0] = BigInteger.ZERO;
        slope[0] = BigInteger.ZERO;
        classCount = 1;
    }

    int newClass(BigInteger value, BigInteger valueSlope) {
        if (classCount == num.length) {
            int size = num.length * 2;
            num = Arrays.copyOf(num, size);
            slope = Arrays.copyOf(slope, size);
            epochOf = Arrays.copyOf(epochOf, size);
            approx = Arrays.copyOf(approx, size);
            cnt = Arrays.copyOf(cnt, size);
            newClassOf = Arrays.copyOf(newClassOf, size);
            seen = Arrays.copyOf(seen, size);
        }
        int c = classCount++;
        num[c] = value;
        slope[c] = valueSlope;
        epochOf[c] = epoch;
        approx[c] = EqualSharesEngine.ratio(value, denom);
        return c;
    }

    /** Brings class c to the current unit and returns its exact value there. */
    BigInteger value(int c) {
        int t = epochOf[c];
        if (t != epoch) {
            BigInteger f = factor.get(t);
            num[c] = num[c].multiply(f);
            slope[c] = slope[c].multiply(f);
            epochOf[c] = epoch;
        }
        return num[c];
    }

    /** The slope of class c in the current unit (call {@link #value(int)} first). */
    BigInteger slopeOf(int c) {
        return slope[c];
    }

    /** Multiplies the unit's denominator by f; stored amounts follow lazily. */
    void rescale(BigInteger f) {
        denom = denom.multiply(f);
        factor.replaceAll(x -> x.multiply(f));
        factor.add(BigInteger.ONE);
        epoch++;
    }
}
