package nl.buurtbegroting.service.security;

/** The role of a staff account; residents have no account (they vote with one-time codes). */
public enum Role {
    /** Manages accounts and may change every election. */
    ADMIN,
    /** Configures the elections granted to them (and those they create). */
    ORGANISER,
    /** Reads every election and the audit log; changes nothing. */
    AUDITOR
}
