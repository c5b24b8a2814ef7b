package nl.buurtbegroting.service.problem;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one rule for text that enters the service: every string of a request, at any depth, must be text
 * that every later step can store and publish. That excludes lone UTF-16 surrogates (JSON {@code "\ud800"}:
 * no UTF-8 form, so no canonical JSON, no bundle and no PostgreSQL {@code text}) and control characters
 * other than tab, line feed and carriage return (NUL cannot be stored in PostgreSQL; the others have no
 * place in a title or a label and can hide text from a reader), and text made only of invisible characters
 * (no-break or zero-width spaces, direction marks, a byte-order mark, Hangul fillers): it passed "not blank" yet
 * showed an empty name, title, public reason or council decision. Right-to-left marks, emoji and any other
 * assigned or unassigned code point are fine beside visible text.
 *
 * <p>The request records are walked by reflection so that a field added later is checked without anybody
 * remembering to annotate it.
 */
public final class TextCheck {

    public static final String LONE_SURROGATE = "TEXT_LONE_SURROGATE";
    public static final String CONTROL_CHARACTER = "TEXT_CONTROL_CHARACTER";
    public static final String INVISIBLE = "TEXT_INVISIBLE";

    private TextCheck() {
    }

    /** Throws 400 VALIDATION_FAILED naming every field whose text is not acceptable. */
    public static void require(Object request) {
        List<Violation> violations = violations(request);
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
    }

    /** As {@link #require(Object)}, with every field named below {@code prefix} (such as {@code proposals[3]}). */
    public static void require(String prefix, Object request) {
        List<Violation> out = new ArrayList<>();
        walk(out, prefix, request, 0);
        if (!out.isEmpty()) {
            throw ApiProblem.invalid(out);
        }
    }

    /** Throws 400 VALIDATION_FAILED when {@code text} (the value of {@code field}) is not acceptable. */
    public static void requireText(String field, String text) {
        List<Violation> out = new ArrayList<>();
        check(out, field, text);
        if (!out.isEmpty()) {
            throw ApiProblem.invalid(out);
        }
    }

    public static List<Violation> violations(Object request) {
        List<Violation> out = new ArrayList<>();
        walk(out, "", request, 0);
        return out;
    }

    /** The first unacceptable position in {@code text}, or -1. */
    public static int firstFault(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c) || isControl(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Text read back from storage, made publishable: a lone surrogate (stored before this check existed) becomes
     * U+FFFD and a forbidden control character a space. A no-op for text that passed {@link #require}, so nothing
     * stored can make a tally or a publication fail.
     */
    public static String publishable(String text) {
        if (text == null || firstFault(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else if (isControl(c)) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether {@code text} shows anything: a code point that is not white space, not a format character (zero-width
     * space and joiners, direction marks and overrides, the byte-order mark, tags), not a control character and not
     * one of the letters and selectors that render as nothing.
     */
    public static boolean hasVisible(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean invisible = Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.FORMAT
                    || type == Character.CONTROL || type == Character.SURROGATE
                    || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800 || cp == 0x034F
                    || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
            if (!invisible) {
                return true;
            }
        }
        return false;
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    private static void check(List<Violation> out, String field, String text) {
        int at = firstFault(text);
        if (at < 0) {
            // Blank text (only ordinary white space) is left to each field's own rule: absent, or "must not be blank".
            if (!text.isBlank() && !hasVisible(text)) {
                out.add(new Violation(field, INVISIBLE, "holds only invisible characters (such as no-break or zero-width "
                        + "spaces or direction marks); write text a reader can see, or leave the field out"));
            }
            return;
        }
        char c = text.charAt(at);
        if (Character.isSurrogate(c)) {
            out.add(new Violation(field, LONE_SURROGATE, "holds a broken character (a lone UTF-16 surrogate U+"
                    + String.format("%04X", (int) c) + ") at position " + at));
        } else {
            out.add(new Violation(field, CONTROL_CHARACTER, "holds the control character U+"
                    + String.format("%04X", (int) c) + " at position " + at + "; only tab and line breaks are allowed"));
        }
    }

    private static void walk(List<Violation> out, String path, Object value, int depth) {
        if (value == null || depth > 8) {
            return;
        }
        if (value instanceof String s) {
            check(out, path, s);
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(out, path + "[" + i + "]", list.get(i), depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                String child = path.isEmpty() ? key : path + "." + key;
                walk(out, child, e.getKey(), depth + 1);
                walk(out, child, e.getValue(), depth + 1);
            }
        } else if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                String child = path.isEmpty() ? component.getName() : path + "." + component.getName();
                try {
                    component.getAccessor().setAccessible(true);
                    walk(out, child, component.getAccessor().invoke(value), depth + 1);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + child, e);
                }
            }
        }
    }
}
