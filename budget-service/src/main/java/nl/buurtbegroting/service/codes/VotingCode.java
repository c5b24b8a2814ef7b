package nl.buurtbegroting.service.codes;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A one-time voting code in its canonical form: 17 upper-case Crockford symbols, 16 random (80 bits)
 * and one Damm check symbol. {@link #toString()} does not reveal it, so that a code cannot end up in a log
 * by accident; {@link #printed()} and {@link #canonical()} are the only ways to read it.
 */
public final class VotingCode {

    /** Random symbols in a code. */
    public static final int DATA_LENGTH = 16;
    /** Symbols in a code, check symbol included. */
    public static final int LENGTH = DATA_LENGTH + 1;

    private final String canonical;

    private VotingCode(String canonical) {
        this.canonical = canonical;
    }

    /** A fresh code from 80 bits of the given generator. */
    public static VotingCode random(SecureRandom random) {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        int[] values = new int[LENGTH];
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (bytes[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (bytes[i] & 0xff);
        }
        for (int i = 0; i < 8; i++) {
            values[7 - i] = (int) (hi >>> (5 * i)) & 31;
            values[15 - i] = (int) (lo >>> (5 * i)) & 31;
        }
        return fromData(values);
    }

    /** The code with the given 16 data values and its check symbol (for tests and tools). */
    static VotingCode fromData(int[] values) {
        if (values.length < DATA_LENGTH) {
            throw new IllegalArgumentException("a code needs " + DATA_LENGTH + " data symbols");
        }
        char[] out = new char[LENGTH];
        for (int i = 0; i < DATA_LENGTH; i++) {
            out[i] = Crockford.symbol(values[i]);
        }
        out[DATA_LENGTH] = Crockford.symbol(Crockford.checkValue(values, DATA_LENGTH));
        return new VotingCode(new String(out));
    }

    /**
     * Reads a code as a person typed it: case, spaces and hyphens do not matter, I and L read as 1 and O
     * as 0. A wrong length or a character outside the alphabet is {@link CodeProblem#CODE_MALFORMED};
     * 17 good symbols whose check fails are {@link CodeProblem#CODE_TYPO}.
     */
    public static VotingCode parse(String typed) throws InvalidCodeException {
        if (typed == null) {
            throw new InvalidCodeException(CodeProblem.CODE_MALFORMED);
        }
        int[] values = new int[LENGTH];
        int n = 0;
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c == '-' || c == ' ' || c == '\t' || c == '\u00a0' || c == '\u2010' || c == '\u2011'
                    || c == '\u2012' || c == '\u2013') {
                continue;
            }
            int v = Crockford.valueOf(c);
            if (v < 0 || n == LENGTH) {
                throw new InvalidCodeException(CodeProblem.CODE_MALFORMED);
            }
            values[n++] = v;
        }
        if (n != LENGTH) {
            throw new InvalidCodeException(CodeProblem.CODE_MALFORMED);
        }
        if (Crockford.dammFold(values, 0, LENGTH) != 0) {
            throw new InvalidCodeException(CodeProblem.CODE_TYPO);
        }
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = Crockford.symbol(values[i]);
        }
        return new VotingCode(new String(out));
    }

    /** The 17 symbols without separators: the form that is hashed. */
    public String canonical() {
        return canonical;
    }

    /** Groups of four separated by hyphens, as printed on a letter: {@code ABCD-EFGH-JKMN-PQRS-T}. */
    public String printed() {
        StringBuilder out = new StringBuilder(LENGTH + 4);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(canonical.charAt(i));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VotingCode other && java.security.MessageDigest.isEqual(
                canonical.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                other.canonical.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return Objects.hash(canonical.length());
    }

    @Override
    public String toString() {
        return "VotingCode[****]";
    }
}
