package nl.buurtbegroting.service.security;

/**
 * Role names as they appear in tokens and in {@code @Secured}. Least privilege: an organiser can
 * change only the elections granted to them, an auditor can read everything and change nothing.
 */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String ORGANISER = "ORGANISER";
    public static final String AUDITOR = "AUDITOR";

    private Roles() {
    }
}
