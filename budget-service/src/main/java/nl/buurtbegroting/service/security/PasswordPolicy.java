package nl.buurtbegroting.service.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a staff password must be beyond 12 to 128 characters (NIST SP 800-63B's advice: length, and not a known or
 * trivially guessable value): not one of the most used passwords or keyboard walks of that length, not built from
 * fewer than four different characters ({@code aaaaaaaaaaaa}, {@code abababababab}), not the user name, not a
 * placeholder copied from an example such as {@code <at least 12 characters>}, and free of control characters and
 * broken (lone surrogate) characters.
 */
public final class PasswordPolicy {

    /** Passwords of 12 or more characters that lead the public leak lists, compared in lower case. */
    private static final Set<String> COMMON = Set.of(
            "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567891011", "111111111111",
            "000000000000", "123123123123", "password1234", "password12345", "password123456", "passwordpassword",
            "password1234!", "qwertyuiopas", "qwertyuiop123", "qwerty123456", "1qaz2wsx3edc", "1q2w3e4r5t6y",
            "q1w2e3r4t5y6", "asdfghjkl123", "zxcvbnm12345", "iloveyou1234", "welcome12345", "welkom123456",
            "wachtwoord12", "wachtwoord123", "wachtwoord1234", "wachtwoordwachtwoord", "administrator",
            "administrator1", "admin1234567", "adminadmin12", "adminadminadmin", "letmein12345", "changeme1234",
            "abcdefghijkl", "abcdefghijklm", "abc123abc123", "abcd1234abcd", "football1234", "baseball1234",
            "sunshine1234", "princess1234", "starwars1234", "monkey123456", "dragon123456", "superman1234",
            "trustno1trustno1", "buurtbegroting", "buurtbegroting1", "buurtbegroting123");

    private PasswordPolicy() {
    }

    /**
     * Why a password is refused: a stable name (the organiser pages show it in the reader's language as
     * {@code password.<NAME>}) and the API's English reason.
     */
    public enum Fault {
        TOO_SHORT("use at least 12 characters"),
        TOO_LONG("use at most 128 characters"),
        PLACEHOLDER("this is the placeholder of an example, not a password: choose your own"),
        FEW_CHARACTERS("use at least four different characters"),
        COMMON("this password is on the list of most used passwords: choose another"),
        USER_NAME("the password must not be the user name"),
        UNTYPABLE("the password holds a control character or a broken character (a lone UTF-16 surrogate): "
                + "type it again without them");

        private final String reason;

        Fault(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** Why {@code password} may not be used, or empty when it may. */
    public static Optional<String> problem(String username, String password) {
        return fault(username, password).map(Fault::reason);
    }

    /** The first rule {@code password} breaks, or empty when it may be used. */
    public static Optional<Fault> fault(String username, String password) {
        if (password.length() < 12) {
            return Optional.of(Fault.TOO_SHORT);
        }
        if (password.length() > 128) {
            return Optional.of(Fault.TOO_LONG);
        }
        // A lone surrogate is hashed as the UTF-8 of '?', so two different passwords would be the same one; a control
        // character cannot be typed on the sign-in page.
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 >= password.length() || !Character.isLowSurrogate(password.charAt(++i))
                    : Character.isLowSurrogate(c);
            if (lone || Character.isISOControl(c)) {
                return Optional.of(Fault.UNTYPABLE);
            }
        }
        String trimmed = password.strip();
        if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
            return Optional.of(Fault.PLACEHOLDER);
        }
        if (password.codePoints().distinct().count() < 4) {
            return Optional.of(Fault.FEW_CHARACTERS);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return Optional.of(Fault.COMMON);
        }
        if (username != null && lower.equals(username.toLowerCase(Locale.ROOT))) {
            return Optional.of(Fault.USER_NAME);
        }
        return Optional.empty();
    }
}
