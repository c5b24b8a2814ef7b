package nl.buurtbegroting.service.manage;

import io.micronaut.core.annotation.Nullable;
import nl.buurtbegroting.service.web.Lang;
import nl.buurtbegroting.service.web.Messages;
import nl.buurtbegroting.service.web.Page;
import nl.buurtbegroting.service.web.Theme;

import java.time.Instant;

/**
 * What the organiser layout needs: the language, texts (the manage bundle first, then the resident one for
 * shared words such as states and rules), the theme, the title, the page's path and the signed-in staff member
 * with the CSRF token for the forms, and the session's idle time-out in minutes (for the texts that mention it).
 */
public record ManagePage(Lang lang, ManageTexts texts, Messages messages, Theme theme, String title, String path,
                         @Nullable Staff staff, long idleMinutes, String titlePrefix) {

    public ManagePage(Lang lang, ManageTexts texts, Messages messages, Theme theme, String title, String path,
                      @Nullable Staff staff, long idleMinutes) {
        this(lang, texts, messages, theme, title, path, staff, idleMinutes, "");
    }

    /**
     * The same page come back with errors: its document title starts with "Fout:", the first thing a screen reader
     * reads, while the heading on the page stays as it was.
     */
    public ManagePage withErrors() {
        return new ManagePage(lang, texts, messages, theme, title, path, staff, idleMinutes, t("m.error") + ": ");
    }

    public String t(String key, Object... args) {
        String text = texts.find(lang, key);
        return text == null ? messages.get(lang, key, args) : ManageTexts.fill(text, args);
    }

    /** A text about {@code n} things, its ".one" form for one: as {@link Page#count}. */
    public String count(String key, long n, Object... rest) {
        Object[] args = new Object[rest.length + 1];
        args[0] = number(n);
        System.arraycopy(rest, 0, args, 1, rest.length);
        return t(n == 1 && has(key + ".one") ? key + ".one" : key, args);
    }

    /** A text that starts lower case, for a label inside a sentence ("Vul titel in"). */
    public String lower(String key) {
        String text = t(key);
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    public boolean has(String key) {
        return texts.find(lang, key) != null || messages.has(lang, key);
    }

    public String csrf() {
        return staff == null ? "" : staff.csrf();
    }

    /** The {@code lang} of the team's texts on this page, or null when it is the page's (see {@link Page#typedLang}). */
    public String typedLang() {
        return base().typedLang();
    }

    /** A text like {@link #t}, as HTML, with {@link Page#typed} arguments marked with their language. */
    public gg.jte.Content tm(String key, Object... args) {
        return Page.marked(typedLang(), plain -> t(key, plain), args);
    }

    /** The resident pages' formatting (money, numbers, times) in the same language. */
    public Page base() {
        return new Page(lang, messages, theme, title, path);
    }

    public String money(long amount, String currency) {
        return base().money(amount, currency);
    }

    public String number(long n) {
        return base().number(n);
    }

    public String when(@Nullable Instant instant) {
        return base().when(instant);
    }

    public String switchHref() {
        return base().switchHref();
    }
}
