package nl.buurtbegroting.core.explain;

import java.util.Locale;

/** The languages explanations are written in. */
public enum Language {
    /** Dutch. */
    NL,
    /** English. */
    EN;

    /** The lower-case code, as the CLI and the API use it: {@code nl}, {@code en}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts {@code nl} and {@code en} in any case. */
    public static Language parse(String code) {
        String c = code == null ? "" : code.strip();
        for (Language l : values()) {
            if (l.code().equalsIgnoreCase(c)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown language '" + code + "'; use nl or en");
    }
}
