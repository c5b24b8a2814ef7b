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

    /**
     * The {@code lang} attribute for an element that holds text the team typed (a name, a title, a summary) or the
     * municipality's name: their language when the page is in the other one, else null, which leaves the attribute
     * out. See {@link Theme#setContentLanguage}.
     */
    public String typedLang() {
        return theme.contentLang() == lang ? null : theme.contentLang().tag();
    }

    /** Text the team typed, as an argument of {@link #tm}: marked with its language inside the sentence. */
    public record Typed(String text) {
    }

    /** The team's text for {@link #tm}, isolated like {@link #isolate}. */
    public static Typed typed(String text) {
        return new Typed(isolate(text));
    }

    /**
     * A text like {@link #t}, as HTML, in which every {@link Typed} argument stands in a {@code <span lang>} of the
     * content language when that differs from the page's ("Choose how €34,000 is spent for
     * {@code <span lang="nl">Buurtbudget Oost</span>}."). For element content only, not attributes.
     */
    public gg.jte.Content tm(String key, Object... args) {
        return marked(typedLang(), plain -> t(key, plain), args);
    }

    /** {@code text} of the arguments as HTML, each {@link Typed} one in a {@code <span lang="typedLang">} unless that is null. */
    public static gg.jte.Content marked(String typedLang, java.util.function.Function<Object[], String> text, Object... args) {
        Object[] plain = args.clone();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Typed) {
                plain[i] = "\ue000" + i + "\ue001";
            }
        }
        String html = escape(text.apply(plain));
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Typed typed) {
                String escaped = escape(typed.text());
                html = html.replace("\ue000" + i + "\ue001",
                        typedLang == null ? escaped : "<span lang=\"" + typedLang + "\">" + escaped + "</span>");
            }
        }
        String out = html;
        return output -> output.writeContent(out);
    }

    /** HTML-escaped for element content and quoted attributes. */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
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
