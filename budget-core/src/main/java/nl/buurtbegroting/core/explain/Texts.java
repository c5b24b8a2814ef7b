package nl.buurtbegroting.core.explain;

import java.util.List;

/** Small text helpers shared by the languages. */
final class Texts {

    private Texts() {
    }

    /** The text as a sentence: stripped, ending with a full stop (or the ! or ? it has). */
    static String sentence(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return "";
        }
        char last = t.charAt(t.length() - 1);
        return last == '.' || last == '!' || last == '?' ? t : t + ".";
    }

    static String capitalize(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** "a", "a and b", "a, b and c" with the language's word for "and". */
    static String list(List<String> items, String and) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + and + " " + items.get(items.size() - 1);
    }
}
