package nl.buurtbegroting.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one strict JSON reader. Objects come back as maps in text order, arrays as lists, whole numbers as
 * {@link Long} (or {@link BigInteger} beyond its range), other numbers as the exact {@link BigDecimal} of their
 * text, and strings, booleans and null as themselves. Refused, with the place and the reason: duplicate member
 * names, lone surrogates (raw or escaped), leading zeros, unescaped control characters, nesting deeper than
 * {@value JsonWriter#MAX_DEPTH}, and anything after the value.
 *
 * <p>Two choices make the variants: whether whitespace may appear between tokens (not in canonical text) and
 * whether numbers may have a fraction or exponent (not in our own files, where exact fractions are "n/d" strings).
 */
public final class JsonParser {

    /** Any JSON text (RFC 8259), numbers kept exact: for test data and other programs' output. */
    public static final JsonParser STANDARD = new JsonParser(true, true);
    /** Whitespace allowed, integers only: files people may re-save, such as a receipt. */
    public static final JsonParser INTEGERS = new JsonParser(true, false);
    /** No whitespace, integers only: the tokens canonical JSON may contain. */
    public static final JsonParser COMPACT = new JsonParser(false, false);

    private final boolean spaces;
    private final boolean fractions;

    private JsonParser(boolean spaces, boolean fractions) {
        this.spaces = spaces;
        this.fractions = fractions;
    }

    /** Reads UTF-8 bytes; bytes that are not UTF-8 are refused (offset -1). */
    public Object parse(String source, byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonException(source, "", -1, "not valid UTF-8");
        }
        return parse(source, text);
    }

    /** Reads one JSON value that fills the whole text. */
    public Object parse(String source, String text) {
        Run run = new Run(source, text);
        run.skipSpace();
        Object value = run.value(0);
        run.skipSpace();
        if (run.pos != text.length()) {
            throw run.error("unexpected text after the JSON value");
        }
        return value;
    }

    /** The value as a JSON object, or an error naming what it is instead. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        if (value instanceof Map<?, ?>) {
            return (Map<String, Object>) value;
        }
        throw new IllegalArgumentException("expected a JSON object, not " + kind(value));
    }

    /** The value as a JSON array, or an error naming what it is instead. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value) {
        if (value instanceof List<?>) {
            return (List<Object>) value;
        }
        throw new IllegalArgumentException("expected a JSON array, not " + kind(value));
    }

    private static String kind(Object value) {
        return value == null ? "null" : value instanceof Map ? "an object" : value instanceof List ? "an array"
                : value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "a number";
    }

    /** One reading: the text and the position in it. */
    private final class Run {
        private final String source;
        private final String text;
        private int pos;
        /** Where an unpaired high surrogate of the current string stands, or -1. */
        private int highAt = -1;

        Run(String source, String text) {
            this.source = source;
            this.text = text;
        }

        void skipSpace() {
            while (spaces && pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        JsonException error(String message) {
            return new JsonException(source, text, pos, message);
        }

        Object value(int depth) {
            if (depth > JsonWriter.MAX_DEPTH) {
                throw error("nested deeper than " + JsonWriter.MAX_DEPTH);
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
                    if (highAt >= 0) {
                        pos = highAt;
                        throw error("lone surrogate U+" + hex(sb.charAt(sb.length() - 1)) + " in a string");
                    }
                    return sb.toString();
                }
                if (c < 0x20) {
                    pos--;
                    throw error("control character U+" + String.format("%04X", (int) c) + " must be escaped");
                }
                if (c != '\\') {
                    append(sb, c, pos - 1);
                    continue;
                }
                if (pos >= text.length()) {
                    throw error("unterminated escape");
                }
                int escapeAt = pos - 1;
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
                    case 'u' -> append(sb, hex4(), escapeAt);
                    default -> {
                        pos--;
                        throw error("unknown escape \\" + printable(e));
                    }
                }
            }
        }

        private char hex4() {
            if (pos + 4 > text.length()) {
                throw error("short \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(text.charAt(pos + i), 16);
                if (d < 0) {
                    throw error("bad \\u escape");
                }
                v = v * 16 + d;
            }
            pos += 4;
            return (char) v;
        }

        /** Appends a code unit; a surrogate must pair with its neighbour, raw or escaped alike. */
        private void append(StringBuilder sb, char c, int at) {
            if (highAt >= 0 && !Character.isLowSurrogate(c)) {
                pos = highAt;
                throw error("lone surrogate U+" + hex(sb.charAt(sb.length() - 1)) + " in a string");
            }
            if (highAt < 0 && Character.isLowSurrogate(c)) {
                pos = at;
                throw error("lone surrogate U+" + hex(c) + " in a string");
            }
            highAt = Character.isHighSurrogate(c) ? at : -1;
            sb.append(c);
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
            boolean decimal = pos < text.length()
                    && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E');
            if (decimal && !fractions) {
                throw error("floating-point numbers are not allowed; exact fractions are written as \"n/d\" strings");
            }
            if (pos - digits > 1 && text.charAt(digits) == '0') {
                pos = start;
                throw error("leading zero in a number");
            }
            if (decimal) {
                return decimal(start);
            }
            BigInteger big = new BigInteger(text.substring(start, pos));
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }

        private BigDecimal decimal(int start) {
            if (text.charAt(pos) == '.') {
                pos++;
                int from = pos;
                skipDigits();
                if (pos == from) {
                    throw error("a decimal point must be followed by digits");
                }
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                int from = pos;
                skipDigits();
                if (pos == from) {
                    throw error("an exponent must have digits");
                }
            }
            try {
                return new BigDecimal(text.substring(start, pos));
            } catch (NumberFormatException | ArithmeticException e) {
                pos = start;
                throw error("number out of range");
            }
        }

        private void skipDigits() {
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
        }
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }
}
