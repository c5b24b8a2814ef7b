package nl.buurtbegroting.service.codes;

/**
 * Crockford's base-32 alphabet ({@code 0-9 A-Z} without {@code I L O U}) and the Damm check over the
 * field GF(32).
 *
 * <p>The check uses the quasigroup {@code x ∘ y = 2·x + y} in GF(2<sup>5</sup>) (reduction polynomial
 * {@code x⁵ + x² + 1}, so {@code +} is XOR). Because {@code 2 ≠ 0, 1}, it is totally anti-symmetric:
 * {@code (c∘x)∘y = (c∘y)∘x} implies {@code (2+1)(x+y) = 0}, so {@code x = y}. Damm (2004) shows that a
 * check digit over such a quasigroup detects every single substitution and every transposition of
 * neighbours, including a swap of the last data symbol with the check symbol. The check symbol is the
 * one that brings the running value back to 0, so it is itself one of the 32 symbols: a printed code
 * never contains punctuation.
 */
public final class Crockford {

    /** The 32 symbols in value order. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static final int[] VALUE = new int[128];

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            char c = ALPHABET.charAt(i);
            VALUE[c] = i;
            VALUE[Character.toLowerCase(c)] = i;
        }
        // Crockford's forgiving reading: I and L look like 1, O looks like 0.
        for (char c : new char[] {'I', 'i', 'L', 'l'}) {
            VALUE[c] = 1;
        }
        VALUE['O'] = 0;
        VALUE['o'] = 0;
    }

    private Crockford() {
    }

    /** The value (0–31) of a symbol as a person may type it, or -1 when it is not one. */
    public static int valueOf(char c) {
        return c < 128 ? VALUE[c] : -1;
    }

    public static char symbol(int value) {
        return ALPHABET.charAt(value);
    }

    /** Multiplication by 2 in GF(32) modulo x⁵ + x² + 1. */
    static int times2(int x) {
        int y = x << 1;
        return (y & 0x20) != 0 ? (y ^ 0x25) : y;
    }

    /** The Damm running value after the given symbol values (0 when a full code is consistent). */
    public static int dammFold(int[] values, int from, int to) {
        int interim = 0;
        for (int i = from; i < to; i++) {
            interim = times2(interim) ^ values[i];
        }
        return interim;
    }

    /** The check value that completes the given data values. */
    public static int checkValue(int[] values, int length) {
        // interim ∘ c = 2·interim + c = 0  ⇔  c = 2·interim (characteristic 2: -a = a).
        return times2(dammFold(values, 0, length));
    }
}
