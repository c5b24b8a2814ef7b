package nl.buurtbegroting.core.pabulib;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import nl.buurtbegroting.core.pabulib.PabulibFormatException.ErrorCode;

/**
 * The numbers and lists of a Pabulib file: whole amounts (costs, the budget, limits), points, and
 * comma-separated lists. Plain digits take a fast path; anything else is read as a decimal and checked,
 * so that {@code 20000.0} is a whole amount, {@code 1e999999999} is refused before it is expanded, and
 * every refusal names the line and field.
 */
final class PabulibNumbers {

    private PabulibNumbers() {
    }

    /** Non-negative value of a string of at most 18 ASCII digits, else -1 (then the slow path decides). */
    static long digits(String s) {
        int n = s.length();
        if (n == 0 || n > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static long amount(String source, String raw, int line, String field, boolean floor) {
        String s = raw.strip();
        long fast = digits(s);
        if (fast >= 0) {
            return fast;
        }
        if (s.isEmpty()) {
            throw error(source, ErrorCode.INVALID_NUMBER, line, field, "the value is empty; expected a whole amount");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw error(source, ErrorCode.INVALID_NUMBER, line, field, "'" + raw + "' is not a whole amount");
        }
        if (value.signum() < 0) {
            throw error(source, ErrorCode.NEGATIVE_AMOUNT, line, field, "'" + raw + "' is negative");
        }
        // Checked before any rescaling so that 1e999999999 cannot make a gigantic number.
        if (value.precision() - value.scale() > 18) {
            throw error(source, ErrorCode.INVALID_NUMBER, line, field, "'" + raw + "' is too large");
        }
        BigDecimal whole = value.stripTrailingZeros();
        if (whole.scale() > 0) {
            if (!floor) {
                throw error(source, ErrorCode.FRACTIONAL_AMOUNT, line, field,
                        "'" + raw + "' is not a whole amount; amounts are whole currency units");
            }
            whole = whole.setScale(0, RoundingMode.FLOOR);
        }
        return whole.longValueExact();
    }

    static long pointValue(String source, String raw, int line) {
        long fast = digits(raw);
        if (fast >= 0) {
            return fast;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw error(source, ErrorCode.INVALID_POINTS, line, "points", "'" + raw + "' is not a whole number of points");
        }
        if (value.signum() < 0) {
            throw error(source, ErrorCode.INVALID_POINTS, line, "points", "'" + raw + "' is negative; points are 0 or more");
        }
        if (value.precision() - value.scale() > 18 || value.stripTrailingZeros().scale() > 0) {
            throw error(source, ErrorCode.INVALID_POINTS, line, "points", "'" + raw + "' is not a whole number of points");
        }
        return value.longValueExact();
    }

    static List<String> list(String raw) {
        String s = raw.strip();
        // pabutools treats the literal None as "no value"; Warszawa files contain it.
        if (s.isEmpty() || s.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int comma = s.indexOf(',', start);
            String item = (comma < 0 ? s.substring(start) : s.substring(start, comma)).strip();
            if (!item.isEmpty()) {
                out.add(item);
            }
            if (comma < 0) {
                return out;
            }
            start = comma + 1;
        }
    }

    static PabulibFormatException error(String source, ErrorCode code, Integer line, String field, String detail) {
        return new PabulibFormatException(code, source, line == null ? 0 : line, field, detail);
    }
}
