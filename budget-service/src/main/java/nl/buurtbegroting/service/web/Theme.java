package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.regex.Pattern;

/**
 * The municipality's look, from configuration ({@code bb.theme.*}, e.g. {@code BB_THEME_MUNICIPALITY},
 * {@code BB_THEME_PRIMARY}): its name, colours and logo. The colours become CSS custom properties in
 * {@code /theme.css} (design tokens, the way NL Design System themes work); the stylesheet uses only the
 * tokens. A value that is not a plain {@code #rgb}/{@code #rrggbb} colour is refused at start, so nothing from
 * configuration can break out of the stylesheet.
 */
@ConfigurationProperties("bb.theme")
public class Theme {

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}");

    private String municipality = "Gemeente Voorbeeld";
    /** Header background and links; must keep 4.5:1 contrast with white text. */
    private String primary = "#0b5394";
    /** Text on the primary colour. */
    private String onPrimary = "#ffffff";
    /** Buttons that move forward (vote, send). */
    private String action = "#1a6e2e";
    /** The focus ring, seen on any background. */
    private String focus = "#ffbf47";
    /** A logo file (SVG or PNG) on disk; the bundled neutral logo when empty. */
    private String logoFile = "";
    /**
     * The language the team types election and proposal texts in, and the municipality's name is in: Dutch unless
     * configured ({@code BB_THEME_CONTENT_LANGUAGE=en}). Pages in the other language mark those texts with it
     * (WCAG 3.1.2, language of parts). One setting, not one per election: a municipality's team writes in one
     * language, and the residents' pages are Dutch first.
     */
    private Lang contentLanguage = Lang.NL;

    public String getMunicipality() {
        return municipality;
    }

    public void setMunicipality(String municipality) {
        if (municipality == null || municipality.isBlank() || municipality.length() > 80) {
            throw new IllegalArgumentException("bb.theme.municipality must be 1 to 80 characters");
        }
        this.municipality = municipality.strip();
    }

    public String getPrimary() {
        return primary;
    }

    public void setPrimary(String primary) {
        this.primary = colour("primary", primary);
    }

    public String getOnPrimary() {
        return onPrimary;
    }

    public void setOnPrimary(String onPrimary) {
        this.onPrimary = colour("on-primary", onPrimary);
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = colour("action", action);
    }

    public String getFocus() {
        return focus;
    }

    public void setFocus(String focus) {
        this.focus = colour("focus", focus);
    }

    public String getLogoFile() {
        return logoFile;
    }

    public void setLogoFile(String logoFile) {
        this.logoFile = logoFile == null ? "" : logoFile.strip();
    }

    public String getContentLanguage() {
        return contentLanguage.tag();
    }

    public void setContentLanguage(String tag) {
        this.contentLanguage = Lang.of(tag).filter(l -> tag.strip().length() == 2).orElseThrow(() ->
                new IllegalArgumentException("bb.theme.content-language must be nl or en, not '" + tag + "'"));
    }

    /** The {@link #setContentLanguage content language} as a language of the pages. */
    public Lang contentLang() {
        return contentLanguage;
    }

    private static String colour(String name, String value) {
        if (value == null || !COLOUR.matcher(value.strip()).matches()) {
            throw new IllegalArgumentException("bb.theme." + name + " must be a colour like #0b5394, not '" + value + "'");
        }
        return value.strip();
    }

    /** The design tokens as a stylesheet. */
    public String css() {
        return ":root{--bb-primary:" + primary + ";--bb-on-primary:" + onPrimary + ";--bb-action:" + action
                + ";--bb-focus:" + focus + ";}\n";
    }
}
