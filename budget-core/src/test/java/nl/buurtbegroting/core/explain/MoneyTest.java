package nl.buurtbegroting.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Money NL = new Money(Language.NL, "EUR");
    private static final Money EN = new Money(Language.EN, "EUR");

    @Test
    void writesWholeEurosWithoutCentsTheDutchAndTheEnglishWay() {
        assertEquals("€ 1.234", NL.format(1234));
        assertEquals("€1,234", EN.format(1234));
        assertEquals("€ 0", NL.format(0));
        assertEquals("€ 100", NL.format(100));
        assertEquals("€ 1.234.567", NL.format(1_234_567));
        assertEquals("€1,234,567", EN.format(1_234_567));
    }

    @Test
    void roundsAnExactRationalToCentsForDisplay() {
        assertEquals("€ 1.190,48", NL.format("100000/84"));
        assertEquals("€1,190.48", EN.format("100000/84"));
        assertEquals("€ 0,33", NL.format("1/3"));
        assertEquals("€ 0,67", NL.format("2/3"));
        assertEquals("€ 12,50", NL.format("25/2"));
        assertEquals("€ 500", NL.format("1000/2"));
        assertEquals("€ 7", NL.format("7"));
        assertEquals("€1,234.05", EN.format("1234.05"));
    }

    @Test
    void showsNoCentsWhenTheyRoundAway() {
        assertEquals("€ 150", NL.format("150001/1000"));
        assertEquals("€ 0,01", NL.format("1/200"));
    }

    @Test
    void writesOtherCurrenciesByTheirCode() {
        assertEquals("PLN 197.857", new Money(Language.NL, "PLN").format(197_857));
        assertEquals("USD 1,500.25", new Money(Language.EN, " usd ").format("6001/4"));
        assertEquals("€ 5", new Money(Language.NL, null).format(5));
    }

    @Test
    void groupsCountsToo() {
        assertEquals("12.345", NL.number(12_345));
        assertEquals("12,345", EN.number(12_345));
        assertEquals("999", EN.number(999));
    }
}
