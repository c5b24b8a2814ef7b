package nl.buurtbegroting.service.manage;

import jakarta.inject.Singleton;
import nl.buurtbegroting.service.web.Lang;
import nl.buurtbegroting.service.web.Messages;

import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The texts of the organiser pages ({@code web/manage_nl.properties}, {@code web/manage_en.properties}),
 * apart from the resident pages' bundle so both can grow without stepping on each other. Placeholders are
 * {@code {0}}, {@code {1}} as in the resident bundle; both bundles have the same keys ({@code ManageTextsTest}).
 */
@Singleton
public class ManageTexts {

    private final Map<Lang, Properties> bundles = new EnumMap<>(Lang.class);

    public ManageTexts() {
        for (Lang lang : Lang.values()) {
            bundles.put(lang, Messages.load("web/manage_" + lang.tag() + ".properties"));
        }
    }

    /** The text, or null when this bundle has no such key. */
    String find(Lang lang, String key) {
        return bundles.get(lang).getProperty(key);
    }

    public Set<String> keys(Lang lang) {
        return bundles.get(lang).stringPropertyNames();
    }

    static String fill(String text, Object... args) {
        return Messages.fill(text, args);
    }
}
