package nl.buurtbegroting.service.account;

import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.audit.AuditLog;
import nl.buurtbegroting.service.election.ElectionRepository;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.problem.TextCheck;
import nl.buurtbegroting.service.security.Account;
import nl.buurtbegroting.service.security.AccountRepository;
import nl.buurtbegroting.service.security.AccountSessions;
import nl.buurtbegroting.service.security.ElectionGrant;
import nl.buurtbegroting.service.security.ElectionGrantRepository;
import nl.buurtbegroting.service.security.PasswordHasher;
import nl.buurtbegroting.service.security.PasswordPolicy;
import nl.buurtbegroting.service.security.Role;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Creates accounts and grants; every change goes to the audit log (never the password). */
@Singleton
public class AccountService {

    private final AccountRepository accounts;
    private final ElectionGrantRepository grants;
    private final ElectionRepository elections;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;
    private final AccountSessions sessions;

    public AccountService(AccountRepository accounts, ElectionGrantRepository grants, ElectionRepository elections,
                          PasswordHasher hasher, AuditLog audit, Clock clock, AccountSessions sessions) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.grants = grants;
        this.elections = elections;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public AccountView create(String actor, AccountRequest request) {
        requireStrong(request.username(), request.password());
        accounts.lockAll();
        if (!accounts.findIgnoringCase(request.username()).isEmpty()) {
            throw ApiProblem.of(ProblemCode.USERNAME_TAKEN,
                    "An account named '" + request.username() + "' already exists.");
        }
        // An election named twice is granted once (granting is idempotent, as in grantElection): the second grant row
        // broke the unique index and answered 500.
        List<Long> electionIds = request.elections() == null ? List.of()
                : List.copyOf(new java.util.LinkedHashSet<>(request.elections()));
        if (!electionIds.isEmpty() && request.role() != Role.ORGANISER) {
            throw ApiProblem.invalid("elections", "GRANT_NEEDS_ORGANISER", "Only organisers are granted elections.");
        }
        for (int i = 0; i < electionIds.size(); i++) {
            if (!elections.existsById(electionIds.get(i))) {
                throw ApiProblem.invalid("elections[" + i + "]", ProblemCode.ELECTION_NOT_FOUND.name(),
                        "There is no election " + electionIds.get(i) + ".");
            }
        }
        Account account = accounts.save(new Account(null, request.username(),
                hasher.hash(request.password().toCharArray()), request.role(), Instant.now(clock)));
        audit.record(actor, "ACCOUNT_CREATED", null, account.username(), "role " + account.role());
        for (Long electionId : electionIds) {
            grant(actor, account.username(), electionId);
        }
        return view(account);
    }

    @Transactional
    public AccountView grantElection(String actor, String username, long electionId) {
        // Names compare ignoring case everywhere (sign-in, disable): 'Kees' finds the account 'kees' here too.
        Account account = accounts.findForSignIn(username)
                .orElseThrow(() -> ApiProblem.of(ProblemCode.ACCOUNT_NOT_FOUND,
                        "There is no account '" + shown(username) + "'."));
        if (account.role() != Role.ORGANISER) {
            throw ApiProblem.invalid("username", "GRANT_NEEDS_ORGANISER", "Only organisers are granted elections.");
        }
        if (!elections.existsById(electionId)) {
            throw ApiProblem.of(ProblemCode.ELECTION_NOT_FOUND, "There is no election " + electionId + ".");
        }
        // Two grants at once both saw none and the second broke the unique index (a 500): the account's row lock
        // makes the second wait and then see the first.
        accounts.findByIdForUpdate(account.id());
        if (!grants.existsByUsernameAndElectionId(account.username(), electionId)) {
            grant(actor, account.username(), electionId);
        }
        return view(account);
    }

    /** Used when an organiser creates an election: they may keep configuring it. */
    public void grant(String actor, String username, long electionId) {
        grants.save(new ElectionGrant(null, username, electionId));
        audit.record(actor, "GRANT_ADDED", electionId, username, "organiser of election " + electionId);
    }

    @Transactional
    public List<AccountView> list() {
        return accounts.listOrderByUsername().stream().map(this::view).toList();
    }

    /** Records that {@code actor} disabled {@code username}; 404 when there is no such account. */
    @Transactional
    public AccountView disable(String actor, String username) {
        List<Account> found = TextCheck.firstFault(username) >= 0 || username.length() > 64 ? List.of()
                : accounts.findIgnoringCase(username);
        if (found.size() != 1) {
            throw ApiProblem.of(ProblemCode.ACCOUNT_NOT_FOUND, "There is no account '" + shown(username) + "'.");
        }
        audit.record(actor, "ACCOUNT_DISABLED", null, found.get(0).username(), "its tokens end at once");
        sessions.setDisabled(found.get(0).username(), true);
        return view(found.get(0));
    }

    /** Whether the account was disabled: it can neither sign in (API or pages) nor use a token or page session. */
    public boolean isDisabled(String username) {
        return sessions.disabled(username);
    }

    /**
     * The account a sign-in names, for the API and the organiser pages alike: names are compared ignoring case,
     * an exact match first (an older version allowed names that differ only in case).
     */
    public java.util.Optional<Account> findForSignIn(String username) {
        return accounts.findForSignIn(username);
    }

    /** The first password rule {@code password} breaks for {@code username}, or empty when it may be used. */
    public static java.util.Optional<PasswordPolicy.Fault> passwordFault(String username, String password) {
        return PasswordPolicy.fault(username, password);
    }

    /** 400 VALIDATION_FAILED on {@code password} when {@link PasswordPolicy} refuses it. */
    static void requireStrong(String username, String password) {
        PasswordPolicy.problem(username, password).ifPresent(reason ->
                { throw ApiProblem.invalid("password", "WEAK_PASSWORD", reason); });
    }

    /** Creates the first admin unless one exists; returns whether it did. */
    @Transactional
    public boolean createFirstAdmin(String actor, String username, char[] password) {
        if (accounts.existsByRole(Role.ADMIN) || !accounts.findIgnoringCase(username).isEmpty()) {
            return false;
        }
        requireStrong(username, new String(password));
        accounts.save(new Account(null, username, hasher.hash(password), Role.ADMIN, Instant.now(clock)));
        audit.record(actor, "ACCOUNT_CREATED", null, username, "role ADMIN (first admin)");
        return true;
    }

    /**
     * Demo mode only: makes {@code username} an organiser of {@code electionId} with a fresh password,
     * creating the account or replacing the password of the one a previous demo run left behind.
     */
    @Transactional
    public void demoOrganiser(String username, char[] password, long electionId) {
        var existing = accounts.findByUsername(username);
        String hash = hasher.hash(password);
        if (existing.isPresent()) {
            Account a = existing.get();
            accounts.update(new Account(a.id(), a.username(), hash, Role.ORGANISER, a.createdAt()));
            audit.record(AuditLog.SYSTEM, "PASSWORD_RESET", null, username, "demo organiser");
        } else {
            accounts.save(new Account(null, username, hash, Role.ORGANISER, Instant.now(clock)));
            audit.record(AuditLog.SYSTEM, "ACCOUNT_CREATED", null, username, "role ORGANISER (demo)");
        }
        if (!grants.existsByUsernameAndElectionId(username, electionId)) {
            grant(AuditLog.SYSTEM, username, electionId);
        }
    }

    @Transactional
    public boolean hasAdmin() {
        return accounts.existsByRole(Role.ADMIN);
    }

    /** Takes an election away from an organiser (organiser pages); recorded in the audit log. */
    @Transactional
    public AccountView revokeElection(String actor, String username, long electionId) {
        Account account = accounts.findByUsername(username)
                .orElseThrow(() -> ApiProblem.of(ProblemCode.ACCOUNT_NOT_FOUND,
                        "There is no account '" + shown(username) + "'."));
        for (ElectionGrant g : grants.findByUsername(username)) {
            if (g.electionId() == electionId) {
                grants.delete(g);
                audit.record(actor, "GRANT_REVOKED", electionId, username, "organiser of election " + electionId);
            }
        }
        return view(account);
    }

    /** Sets a new password for an account (an admin's reset); the password is never logged. */
    @Transactional
    public void setPassword(String actor, String username, char[] password) {
        Account a = accounts.findByUsername(username)
                .orElseThrow(() -> ApiProblem.of(ProblemCode.ACCOUNT_NOT_FOUND,
                        "There is no account '" + shown(username) + "'."));
        requireStrong(a.username(), new String(password));
        accounts.update(new Account(a.id(), a.username(), hasher.hash(password), a.role(), a.createdAt()));
        audit.record(actor, actor.equals(username) ? "PASSWORD_CHANGED" : "PASSWORD_RESET", null, username, null);
    }

    /** A staff member's own change: the current password first. */
    @Transactional
    public void changeOwnPassword(String username, char[] current, char[] password) {
        Account a = accounts.findByUsername(username)
                .orElseThrow(() -> ApiProblem.of(ProblemCode.ACCOUNT_NOT_FOUND,
                        "There is no account '" + shown(username) + "'."));
        if (!hasher.matches(current, a.passwordHash())) {
            throw ApiProblem.invalid("currentPassword", "PASSWORD_WRONG", "the current password is not right");
        }
        setPassword(username, username, password);
    }

    private AccountView view(Account account) {
        List<Long> granted = grants.findByUsername(account.username()).stream()
                .map(ElectionGrant::electionId).sorted().toList();
        return new AccountView(account.id(), account.username(), account.role(), granted, account.createdAt());
    }

    /**
     * A name from the address as an answer quotes it: at most 64 characters (the longest name), control characters
     * left out, so that {@code /api/accounts/%00.../disable} is not echoed back byte for byte.
     */
    private static String shown(String username) {
        StringBuilder out = new StringBuilder();
        username.codePoints().filter(cp -> !Character.isISOControl(cp)).limit(64).forEach(out::appendCodePoint);
        return out.toString();
    }
}
