package nl.buurtbegroting.service.web;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What every page's layout needs: the language, the texts, the theme, the title and the address of the page
 * (for the language switch to come back to). Templates read texts through {@link #t}.
 */
public record Page(Lang lang, Messages messages, Theme theme, String title, String path) {

    /** Times are shown as they are on the town hall's clock. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    public String t(String key, Object... args) {
        return messages.get(lang, key, args);
    }

    /**
     * A text about {@code n} things, {@code n} being its {@code {0}}: the key's ".one" form when there is one thing
     * ("Kies hoogstens één plan", not "1 plannen"), the plain key otherwise.
     */
    public String count(String key, long n, Object... rest) {
        Object[] args = new Object[rest.length + 1];
        args[0] = number(n);
        System.arraycopy(rest, 0, args, 1, rest.length);
        return t(n == 1 && has(key + ".one") ? key + ".one" : key, args);
    }

    public boolean has(String key) {
        return messages.has(lang, key);
    }

    /** The same page in the other language: through the switch, which remembers the choice. */
    public String switchHref() {
        return "/language?to=" + lang.other().tag() + "&back=" + java.net.URLEncoder.encode(path,
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An amount in whole units: "€ 34.000" in Dutch, "€34,000" in English; other currencies by their code. */
    public String money(long amount, String currency) {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(lang.locale()));
        String n = f.format(amount);
        if ("EUR".equals(currency)) {
            // A no-break space: "€" never ends a line apart from its amount.
            return lang == Lang.NL ? "€\u00a0" + n : "€" + n;
        }
        return currency + "\u00a0" + n;
    }

    public String number(long n) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(lang.locale())).format(n);
    }

    /** A moment as a resident reads it: "1 maart 2026 om 09:00" / "1 March 2026 at 09:00". */
    public String when(Instant instant) {
        if (instant == null) {
            return "";
        }
        String day = DateTimeFormatter.ofPattern("d MMMM yyyy", lang.locale()).format(instant.atZone(ZONE));
        String time = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).format(instant.atZone(ZONE));
        return t("time.at", day, time);
    }

    /**
     * Text an organiser typed, set apart from the sentence around it when it holds right-to-left letters or
     * direction marks: wrapped in the Unicode isolates FSI and PDI (what {@code <bdi>} does, usable inside a
     * sentence and an attribute too). Without them an Arabic summary pulls the amount after it into its own
     * direction ("7.200 €" on its left) and an unclosed override (U+202E) reverses the text that follows. Left-to-right
     * text comes back unchanged.
     */
    public static String isolate(String text) {
        if (text == null) {
            return "";
        }
        boolean needed = text.codePoints().anyMatch(c -> {
            byte d = Character.getDirectionality(c);
            return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200f;
        });
        return needed ? "\u2068" + text + "\u2069" : text;
    }

    /** A day as a resident reads it: "1 december 2026" / "1 December 2026". */
    public String day(java.time.LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ofPattern("d MMMM yyyy", lang.locale()).format(date);
    }

    /** A percentage with one decimal at most, "12,5 %" / "12.5%". */
    public String percent(long part, long whole) {
        if (whole <= 0) {
            return "–";
        }
        DecimalFormat f = new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(lang.locale()));
        String n = f.format(100.0 * part / whole);
        return lang == Lang.NL ? n + "\u00a0%" : n + "%";
    }
}
