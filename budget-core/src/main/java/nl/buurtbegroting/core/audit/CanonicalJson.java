package nl.buurtbegroting.core.audit;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON form every bundle file uses: the subset of RFC 8785 (JCS) without floating point.
 * Values are objects, arrays, strings, integers, {@code true}, {@code false} and {@code null}; no
 * whitespace between tokens; object members sorted by their names as UTF-16 code units (which is
 * {@link String#compareTo}); strings escaped as RFC 8785 §3.2.2.2 says (only {@code "}, {@code \} and
 * control characters, the latter as {@code \b \t \n \f \r} or <code>&#92;u00xx</code>); integers in plain decimal.
 *
 * <p>Exact fractions travel as strings {@code "n/d"}. There are no floats because two programs may
 * print the same double differently, and a verifier compares bytes.
 *
 * <p>The reader is strict on purpose: it accepts a text only if writing back what it read gives the
 * same bytes, so every file has exactly one valid spelling and a changed byte cannot hide in whitespace,
 * escapes or key order.
 */
public final class CanonicalJson {

    /** Deeper nesting than any bundle needs; refuses inputs built to exhaust the stack. */
    static final int MAX_DEPTH = 64;

    private CanonicalJson() {
    }

    /** The canonical bytes of a value, without a trailing newline. */
    public static byte[] write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical bytes of a value followed by one newline: the form of a bundle file. */
    public static byte[] writeFile(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder sb, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH);
        }
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            quote(sb, s);
        } else if (value instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, not " + e.getKey());
                }
                sorted.put(key, e.getValue());
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, e.getKey());
                sb.append(':');
                write(sb, e.getValue(), depth + 1);
            }
            sb.append('}');
        } else if (value instanceof Collection<?> list) {
            sb.append('[');
            boolean first = true;
            for (Object v : list) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, v, depth + 1);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("no canonical JSON form for " + value.getClass().getSimpleName()
                    + " (only strings, integers, booleans, null, maps and lists; fractions as \"n/d\" strings)");
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("string holds a lone surrogate U+" + Integer.toHexString(c)
                        + ", which has no UTF-8 form");
            }
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Reads a bundle file: canonical JSON followed by exactly one newline. Objects come back as maps in
     * file order, arrays as lists, integers as {@link Long} (or {@link BigInteger} beyond its range).
     *
     * @throws BundleFormatException naming the file, the byte offset and what is wrong
     */
    public static Object readFile(String fileName, byte[] bytes) {
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
            throw new BundleFormatException(fileName, "end", "the file must end with one newline");
        }
        Object value = read(fileName, Arrays.copyOf(bytes, bytes.length - 1));
        return value;
    }

    /** Reads canonical JSON without a trailing newline (a receipt's embedded ballot, a test value). */
    public static Object read(String source, byte[] bytes) {
        return read(source, bytes, true);
    }

    /**
     * Reads any JSON text in the same strict value model (no floats, no duplicate names), allowing
     * whitespace: for files people may have re-saved, such as a receipt, whose signature covers the
     * canonical form of its fields rather than the bytes of the file.
     */
    public static Object readLenient(String source, byte[] bytes) {
        return read(source, bytes, false);
    }

    private static Object read(String source, byte[] bytes, boolean canonical) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BundleFormatException(source, "", "not valid UTF-8");
        }
        Parser p = new Parser(source, text, !canonical);
        p.skipSpace();
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the JSON value");
        }
        if (!canonical) {
            return value;
        }
        byte[] again = write(value);
        if (!Arrays.equals(again, bytes)) {
            int at = firstDifference(again, bytes);
            throw new BundleFormatException(source, "byte " + at,
                    "valid JSON but not in canonical form (RFC 8785 without floats: no spaces, keys sorted, minimal escapes)");
        }
        return value;
    }

    private static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return n;
    }

    private static final class Parser {
        private final String source;
        private final String text;
        private final boolean spaces;
        private int pos;

        Parser(String source, String text, boolean spaces) {
            this.source = source;
            this.text = text;
            this.spaces = spaces;
        }

        void skipSpace() {
            while (spaces && pos < text.length()
                    && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
                pos++;
            }
        }

        BundleFormatException error(String message) {
            return new BundleFormatException(source, "character " + pos, message);
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH);
            }
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end of text");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character '" + printable(c) + "'");
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
            return value;
        }

        private Map<String, Object> object(int depth) {
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                if (peek() != '"') {
                    throw error("expected a member name in double quotes");
                }
                int keyAt = pos;
                String key = string();
                if (peek() != ':') {
                    throw error("expected ':' after member name");
                }
                pos++;
                Object v = value(depth + 1);
                if (map.containsKey(key)) {
                    pos = keyAt;
                    throw error("duplicate member name \"" + key + "\"");
                }
                map.put(key, v);
                char c = peek();
                pos++;
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}' in object");
                }
            }
        }

        private List<Object> array(int depth) {
            pos++;
            List<Object> list = new ArrayList<>();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                list.add(value(depth + 1));
                char c = peek();
                pos++;
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']' in array");
                }
            }
        }

        private char peek() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end of text");
            }
            return text.charAt(pos);
        }

        private String string() {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    pos--;
                    throw error("control character U+" + String.format("%04X", (int) c) + " must be escaped");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    throw error("unterminated escape");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> {
                        pos--;
                        throw error("unknown escape \\" + printable(e));
                    }
                }
            }
        }

        private Object number() {
            int start = pos;
            if (text.charAt(pos) == '-') {
                pos++;
            }
            int digits = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == digits) {
                throw error("a minus sign must be followed by digits");
            }
            if (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '.' || c == 'e' || c == 'E') {
                    throw error("floating-point numbers are not allowed; exact fractions are written as \"n/d\" strings");
                }
            }
            String literal = text.substring(start, pos);
            if (literal.length() - (digits - start) > 1 && text.charAt(digits) == '0') {
                pos = start;
                throw error("leading zero in a number");
            }
            BigInteger big = new BigInteger(literal);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }

        private static String printable(char c) {
            return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : String.valueOf(c);
        }
    }
}
