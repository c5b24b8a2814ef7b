package nl.buurtbegroting.service.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;

import java.util.Locale;

/** The languages of the resident pages: Dutch by default, English by choice. */
public enum Lang {
    NL("nl", new Locale("nl", "NL")),
    EN("en", Locale.UK);

    /** The cookie that remembers a resident's choice; it holds nothing but "nl" or "en". */
    public static final String COOKIE = "bb_lang";

    private final String tag;
    private final Locale locale;

    Lang(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** The cookie that remembers this language for a year (the switch's answer sets it). */
    public Cookie cookie() {
        return Cookie.of(COOKIE, tag).path("/").maxAge(java.time.Duration.ofDays(365)).httpOnly(true)
                .sameSite(io.micronaut.http.cookie.SameSite.Lax);
    }

    public Lang other() {
        return this == NL ? EN : NL;
    }

    /** The language tag's language, or empty for anything else. */
    public static java.util.Optional<Lang> of(String tag) {
        if (tag == null) {
            return java.util.Optional.empty();
        }
        String t = tag.trim().toLowerCase(Locale.ROOT);
        for (Lang l : values()) {
            if (t.equals(l.tag) || t.startsWith(l.tag + "-")) {
                return java.util.Optional.of(l);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The resident's choice (cookie) first, then the browser's first guess ({@code Accept-Language}, in the
     * order and weights given), then Dutch.
     */
    public static Lang of(HttpRequest<?> request) {
        Cookie cookie = request.getCookies().get(COOKIE);
        return of(cookie == null ? null : cookie.getValue(), request.getHeaders().get("Accept-Language"));
    }

    /** The language for a remembered choice (the cookie's value, or null) and an {@code Accept-Language} header. */
    public static Lang of(String chosenTag, String header) {
        var chosen = of(chosenTag);
        if (chosen.isPresent()) {
            return chosen.get();
        }
        if (header != null && header.length() < 500) {
            Lang best = null;
            double bestQ = 0;
            for (String part : header.split(",")) {
                String[] bits = part.split(";");
                double q = 1;
                for (int i = 1; i < bits.length; i++) {
                    String b = bits[i].trim();
                    if (b.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(b.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                var l = of(bits[0]);
                if (l.isPresent() && q > bestQ) {
                    best = l.get();
                    bestQ = q;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return NL;
    }
}
