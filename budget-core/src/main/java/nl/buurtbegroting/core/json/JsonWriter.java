package nl.buurtbegroting.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes plain Java values as JSON in one of two modes.
 *
 * <p><b>Canonical</b> ({@link #canonical}): the subset of RFC 8785 (JCS) without floating point that every
 * bundle file, signed receipt and stored ballot uses. Values are maps with string keys, collections, strings,
 * integers ({@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code BigInteger}), booleans and null;
 * no whitespace; members sorted by name as UTF-16 code units ({@link String#compareTo}); strings escaped as
 * RFC 8785 §3.2.2.2 says (only {@code "}, {@code \} and control characters, the latter as {@code \b \t \n \f \r}
 * or <code>&#92;u00xx</code>; a lone surrogate is refused, as it has no UTF-8 form). Exact fractions travel as
 * strings {@code "n/d"}: two programs may print the same double differently, and a verifier compares bytes.
 *
 * <p><b>Readable</b> ({@link #readable}): what the command-line tool prints. Members in the map's own order,
 * indented by two spaces, a list of scalars on one line, and every character outside printable ASCII as a
 * <code>&#92;uXXXX</code> escape, so the output reads the same whatever the console's encoding. It also writes
 * {@code BigDecimal} (plain, never with an exponent) and enums (their {@code toString()}).
 */
public final class JsonWriter {

    /** Deeper nesting than any file of ours needs; refuses values built to exhaust the stack. */
    public static final int MAX_DEPTH = 64;

    private final boolean canonical;
    private final StringBuilder sb = new StringBuilder();

    private JsonWriter(boolean canonical) {
        this.canonical = canonical;
    }

    /**
     * The canonical form of a value, without a trailing newline.
     *
     * @throws IllegalArgumentException for a value with no canonical form (a float, a lone surrogate, a non-string
     *                                  key, nesting deeper than {@value #MAX_DEPTH})
     */
    public static String canonical(Object value) {
        JsonWriter w = new JsonWriter(true);
        w.value(value, 0);
        return w.sb.toString();
    }

    /** The canonical form as UTF-8 bytes, without a trailing newline. */
    public static byte[] canonicalBytes(Object value) {
        return canonical(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The value as indented, plain-ASCII JSON, without a trailing newline. */
    public static String readable(Object value) {
        JsonWriter w = new JsonWriter(false);
        w.value(value, 0);
        return w.sb.toString();
    }

    /** A JSON string literal in the given mode: canonical (minimal escapes) or readable (plain ASCII). */
    public static String quote(CharSequence s, boolean canonical) {
        JsonWriter w = new JsonWriter(canonical);
        w.quote(s);
        return w.sb.toString();
    }

    private void value(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH);
        }
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String || !canonical && value instanceof CharSequence) {
            quote((CharSequence) value);
        } else if (value instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            sb.append(value);
        } else if (!canonical && value instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else if (!canonical && value instanceof Enum<?> e) {
            quote(e.toString());
        } else if (value instanceof Map<?, ?> map) {
            object(map, depth);
        } else if (value instanceof Collection<?> list) {
            array(list, depth);
        } else if (canonical) {
            throw new IllegalArgumentException("no canonical JSON form for " + value.getClass().getSimpleName()
                    + " (only strings, integers, booleans, null, maps and lists; fractions as \"n/d\" strings)");
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private void object(Map<?, ?> map, int depth) {
        Map<?, ?> members = map;
        if (canonical) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, not " + e.getKey());
                }
                sorted.put(key, e.getValue());
            }
            members = sorted;
        }
        if (members.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : members.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            newLine(depth + 1);
            quote(String.valueOf(e.getKey()));
            sb.append(canonical ? ":" : ": ");
            value(e.getValue(), depth + 1);
        }
        newLine(depth);
        sb.append('}');
    }

    private void array(Collection<?> list, int depth) {
        if (list.isEmpty()) {
            sb.append("[]");
            return;
        }
        // readable mode keeps a list of scalars on one line
        boolean oneLine = canonical || list.stream().noneMatch(v -> v instanceof Map || v instanceof Collection);
        sb.append('[');
        boolean first = true;
        for (Object v : list) {
            if (!first) {
                sb.append(canonical ? "," : oneLine ? ", " : ",");
            }
            first = false;
            if (!oneLine) {
                newLine(depth + 1);
            }
            value(v, depth + 1);
        }
        if (!oneLine) {
            newLine(depth);
        }
        sb.append(']');
    }

    private void newLine(int depth) {
        if (!canonical) {
            sb.append('\n').append("  ".repeat(depth));
        }
    }

    private void quote(CharSequence s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (canonical && Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    sb.append(c).append(s.charAt(++i));
                    continue;
                }
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
                    if (c < 0x20 || !canonical && c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
