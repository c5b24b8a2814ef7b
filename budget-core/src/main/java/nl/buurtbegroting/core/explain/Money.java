package nl.buurtbegroting.core.explain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Amounts as residents read them: "€ 1.234,56" in Dutch, "€1,234.56" in English. Whole amounts have
 * no cents ("€ 7.200"); a rational amount ("n/d" in an outcome's details) is rounded half up to cents.
 * This is the one place where exact values are rounded, and only for display.
 */
final class Money {

    private final Language language;
    /** ISO code; {@code EUR} is written as the euro sign. */
    private final String currency;

    Money(Language language, String currency) {
        this.language = language;
        this.currency = currency == null || currency.isBlank() ? "EUR" : currency.strip().toUpperCase(Locale.ROOT);
    }

    /** A count with the language's thousands separator: "12.345" (nl), "12,345" (en). */
    String number(long n) {
        String digits = group(Long.toString(Math.abs(n)), language == Language.NL ? '.' : ',');
        return n < 0 ? "-" + digits : digits;
    }

    String format(long amount) {
        return format(BigDecimal.valueOf(amount));
    }

    /** Formats an exact amount given as text: an integer, {@code n/d}, or a decimal. */
    String format(String exact) {
        return format(parse(exact));
    }

    static BigDecimal parse(String exact) {
        String t = exact.strip();
        int slash = t.indexOf('/');
        if (slash < 0) {
            return new BigDecimal(t);
        }
        BigInteger n = new BigInteger(t.substring(0, slash).strip());
        BigInteger d = new BigInteger(t.substring(slash + 1).strip());
        return new BigDecimal(n).divide(new BigDecimal(d), 2, RoundingMode.HALF_UP);
    }

    String format(BigDecimal amount) {
        BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
        boolean whole = cents.remainder(BigDecimal.ONE).signum() == 0;
        String sign = cents.signum() < 0 ? "-" : "";
        BigDecimal abs = cents.abs();
        String units = group(abs.toBigInteger().toString(), language == Language.NL ? '.' : ',');
        String number = whole ? units : units + (language == Language.NL ? ',' : '.')
                + abs.remainder(BigDecimal.ONE).movePointRight(2).setScale(0, RoundingMode.UNNECESSARY).toPlainString()
                        .transform(c -> c.length() < 2 ? "0" + c : c);
        if (currency.equals("EUR")) {
            return language == Language.NL ? sign + "€ " + number : sign + "€" + number;
        }
        return sign + currency + " " + number;
    }

    private static String group(String digits, char separator) {
        StringBuilder out = new StringBuilder();
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            out.append(separator).append(digits, i, i + 3);
        }
        return out.toString();
    }
}
