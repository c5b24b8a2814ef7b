package nl.buurtbegroting.core.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RationalTest {

    @Test
    void keepsLowestTermsWithAPositiveDenominator() {
        Rational r = Rational.of(6, -4);
        assertEquals(BigInteger.valueOf(-3), r.numerator());
        assertEquals(BigInteger.valueOf(2), r.denominator());
        assertEquals("-3/2", r.toString());
        assertEquals(Rational.ZERO, Rational.of(0, -5));
    }

    @Test
    void computesExactly() {
        Rational third = Rational.of(1, 3);
        assertEquals(Rational.ONE, third.add(third).add(third));
        assertEquals(Rational.of(1, 6), third.subtract(Rational.of(1, 6)));
        assertEquals(Rational.of(2, 9), third.multiply(Rational.of(2, 3)));
        assertEquals(Rational.of(1, 2), third.divide(Rational.of(2, 3)));
        assertEquals(Rational.of(1, 12), third.divide(4));
    }

    @Test
    void comparesByCrossMultiplication() {
        assertTrue(Rational.of(1, 3).compareTo(Rational.of(333_333_333, 1_000_000_000)) > 0);
        assertEquals(0, Rational.of(2, 4).compareTo(Rational.of(1, 2)));
    }

    @Test
    void floorsAndCeilsTowardsTheRightInteger() {
        assertEquals(BigInteger.valueOf(-2), Rational.of(-3, 2).floor());
        assertEquals(BigInteger.valueOf(-1), Rational.of(-3, 2).ceil());
        assertEquals(BigInteger.ONE, Rational.of(3, 2).floor());
        assertEquals(BigInteger.TWO, Rational.of(3, 2).ceil());
    }

    @Test
    void parsesWhatItPrints() {
        assertEquals(Rational.of(-7, 3), Rational.parse(Rational.of(-7, 3).toString()));
        assertEquals(Rational.of(5), Rational.parse("5"));
    }

    @Test
    void refusesDivisionByZero() {
        assertThrows(ArithmeticException.class, () -> Rational.of(1, 0));
        assertThrows(ArithmeticException.class, () -> Rational.ONE.divide(Rational.ZERO));
    }
}
