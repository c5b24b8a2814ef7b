package nl.buurtbegroting.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * A small JSON writer for the tool's output: maps (in their iteration order), lists, strings, whole
 * numbers, booleans and null. Output is indented by two spaces; a list holding only scalars stays on
 * one line. Every character outside printable ASCII is written as a {@code \}{@code uXXXX} escape, so
 * the output is plain ASCII and reads the same whatever the console's encoding.
 */
final class Json {

    private Json() {
    }

    /** The value as indented JSON, without a trailing newline. */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, int indent) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof CharSequence s) {
            quote(sb, s);
        } else if (value instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            sb.append(value);
        } else if (value instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else if (value instanceof Map<?, ?> map) {
            writeObject(sb, map, indent);
        } else if (value instanceof Collection<?> list) {
            writeArray(sb, list, indent);
        } else if (value instanceof Enum<?> e) {
            quote(sb, e.toString());
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static void writeObject(StringBuilder sb, Map<?, ?> map, int indent) {
        if (map.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            pad(sb, indent + 1);
            quote(sb, String.valueOf(e.getKey()));
            sb.append(": ");
            write(sb, e.getValue(), indent + 1);
        }
        sb.append('\n');
        pad(sb, indent);
        sb.append('}');
    }

    private static void writeArray(StringBuilder sb, Collection<?> list, int indent) {
        if (list.isEmpty()) {
            sb.append("[]");
            return;
        }
        boolean scalars = list.stream().noneMatch(v -> v instanceof Map || v instanceof Collection);
        sb.append('[');
        boolean first = true;
        for (Object v : list) {
            if (scalars) {
                sb.append(first ? "" : ", ");
            } else {
                sb.append(first ? "\n" : ",\n");
                pad(sb, indent + 1);
            }
            first = false;
            write(sb, v, indent + 1);
        }
        if (!scalars) {
            sb.append('\n');
            pad(sb, indent);
        }
        sb.append(']');
    }

    private static void pad(StringBuilder sb, int indent) {
        sb.append("  ".repeat(indent));
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped, non-ASCII as UTF-16 escapes. */
    static String quote(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(sb, s);
        return sb.toString();
    }

    private static void quote(StringBuilder sb, CharSequence s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
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
