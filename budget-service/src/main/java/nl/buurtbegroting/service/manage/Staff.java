package nl.buurtbegroting.service.manage;

import nl.buurtbegroting.service.election.Caller;
import nl.buurtbegroting.service.security.Role;

import java.util.Set;

/**
 * The signed-in staff member of a request: the account as it is now in the database (a changed role counts
 * at once) and the session's CSRF token, which every form that changes something carries back.
 */
public record Staff(String username, Role role, String csrf) {

    public Caller caller() {
        return new Caller(username, Set.of(role.name()));
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }

    public boolean auditor() {
        return role == Role.AUDITOR;
    }

    /** Admins and organisers change elections; auditors only read. */
    public boolean canChange() {
        return role != Role.AUDITOR;
    }

    public boolean readsAudit() {
        return role != Role.ORGANISER;
    }
}
