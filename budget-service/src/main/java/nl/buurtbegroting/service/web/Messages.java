package nl.buurtbegroting.service.web;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The texts of the resident pages, one bundle per language ({@code web/messages_nl.properties},
 * {@code web/messages_en.properties}, UTF-8). Placeholders are {@code {0}}, {@code {1}}: no MessageFormat,
 * whose quoting rules would eat the apostrophes of Dutch ("'s avonds"). Both bundles must have the same
 * keys ({@code MessagesTest}); a missing key shows as the key itself, never as an error page.
 */
@Singleton
public class Messages {

    private final Map<Lang, Properties> bundles = new EnumMap<>(Lang.class);

    public Messages() {
        for (Lang lang : Lang.values()) {
            bundles.put(lang, load("web/messages_" + lang.tag() + ".properties"));
        }
    }

    /** A UTF-8 properties bundle from the jar (the organiser pages' texts are read the same way). */
    public static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The text for {@code key} in {@code lang} with its placeholders filled. */
    public String get(Lang lang, String key, Object... args) {
        String text = bundles.get(lang).getProperty(key);
        return text == null ? key : fill(text, args);
    }

    /**
     * {@code {0}}, {@code {1}}... replaced by the arguments, in one pass over the text: an argument that itself
     * holds "{1}" (a proposal titled "Plan {1}") is shown as typed, never filled in turn.
     */
    public static String fill(String text, Object... args) {
        if (args.length == 0 || text.indexOf('{') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = text.indexOf('}', i);
            if (c == '{' && end > i + 1 && end - i <= 3) {
                String digits = text.substring(i + 1, end);
                if (digits.chars().allMatch(Character::isDigit) && Integer.parseInt(digits) < args.length) {
                    out.append(args[Integer.parseInt(digits)]);
                    i = end + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    public boolean has(Lang lang, String key) {
        return bundles.get(lang).containsKey(key);
    }

    /** Every key of a language's bundle (for tests). */
    public Set<String> keys(Lang lang) {
        return bundles.get(lang).stringPropertyNames();
    }
}
