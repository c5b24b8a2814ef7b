package nl.buurtbegroting.service.manage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import nl.buurtbegroting.service.audit.AuditEntry;
import nl.buurtbegroting.service.audit.AuditRepository;
import nl.buurtbegroting.service.election.ElectionService;
import nl.buurtbegroting.service.election.ElectionSummary;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.account.AccountRequest;
import nl.buurtbegroting.service.account.AccountService;
import nl.buurtbegroting.service.account.AccountView;
import nl.buurtbegroting.service.security.Role;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Accounts (admins change them, auditors read them): create, reset a password, grant and revoke elections;
 * everyone changes their own password; the audit log (admins and auditors) filtered by election and kind.
 * A reset or a changed password signs that account out everywhere.
 */
@Controller("/manage")
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccountPages {

    private final Manage manage;
    private final AccountService accounts;
    private final ElectionService elections;
    private final AuditRepository audit;
    private final StaffSessions sessions;

    AccountPages(Manage manage, AccountService accounts, ElectionService elections, AuditRepository audit,
                 StaffSessions sessions) {
        this.manage = manage;
        this.accounts = accounts;
        this.elections = elections;
        this.audit = audit;
        this.sessions = sessions;
    }

    /** The accounts page: every account, the elections to grant, the new-account form and the last message. */
    public record Accounts(List<AccountView> accounts, List<ElectionSummary> elections, FormState form, String message,
                           boolean canChange, java.util.Set<String> disabled, String self) {
        public boolean isDisabled(AccountView a) {
            return disabled.contains(a.username());
        }

        /** An admin disables any other account that is not disabled yet, never their own (nobody would be left). */
        public boolean mayDisable(AccountView a) {
            return canChange && !isDisabled(a) && !a.username().equalsIgnoreCase(self);
        }
    }

    /** The audit log page: the events shown, the filter and its choices. */
    public record Log(List<AuditEntry> events, String election, String kind, List<String> kinds,
                      List<ElectionSummary> elections, boolean truncated) {
    }

    @Get(value = "/accounts", produces = "text/html")
    HttpResponse<?> list(HttpRequest<?> request) {
        return manage.get(request, staff -> {
            if (staff.role() == Role.ORGANISER) {
                return forbidden(request, staff);
            }
            return render(request, staff, new FormState().set("role", "ORGANISER"), "", HttpStatus.OK);
        });
    }

    @Post(value = "/accounts", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> change(HttpRequest<?> request, @Body @Nullable String body) {
        return manage.post(request, body, (staff, form) -> {
            if (!staff.admin()) {
                return forbidden(request, staff);
            }
            ManagePage page = manage.page(request, staff, "accounts.title");
            String action = form.get("action");
            String username = form.get("username").strip();
            FormState state = new FormState().set("role", "ORGANISER");
            switch (action) {
                case "create" -> {
                    state.set("username", username).set("role", form.get("role"));
                    Role role;
                    try {
                        role = Role.valueOf(form.get("role"));
                    } catch (IllegalArgumentException e) {
                        role = null;
                        state.error("role", page.t("e.choice", page.t("f.role")));
                    }
                    if (username.length() < 3 || username.length() > 64 || !username.matches("[A-Za-z0-9._-]+")) {
                        state.error("username", page.t("e.username"));
                    }
                    String password = form.get("password");
                    passwordError(page, username, password).ifPresent(text -> state.error("password", text));
                    if (state.hasErrors()) {
                        return render(request, staff, state, "", HttpStatus.BAD_REQUEST);
                    }
                    try {
                        accounts.create(staff.username(), new AccountRequest(username, password, role, List.of()));
                    } catch (ApiProblem problem) {
                        state.error("username", manage.problemText(page, problem.code().name(), problem.getDetail()));
                        return render(request, staff, state, "", HttpStatus.BAD_REQUEST);
                    }
                    return render(request, staff, new FormState().set("role", "ORGANISER"),
                            page.t("accounts.created", username), HttpStatus.OK);
                }
                case "grant", "revoke" -> {
                    long electionId;
                    try {
                        electionId = Long.parseLong(form.get("election"));
                    } catch (NumberFormatException e) {
                        return render(request, staff, state, page.t("accounts.pickElection"), HttpStatus.BAD_REQUEST);
                    }
                    if (action.equals("grant")) {
                        accounts.grantElection(staff.username(), username, electionId);
                    } else {
                        accounts.revokeElection(staff.username(), username, electionId);
                    }
                    return render(request, staff, state, page.t("accounts.done." + action, username, electionId), HttpStatus.OK);
                }
                case "reset" -> {
                    char[] password = form.get("newPassword").toCharArray();
                    var refused = passwordError(page, username, new String(password));
                    if (refused.isPresent()) {
                        java.util.Arrays.fill(password, '\0');
                        return render(request, staff, state, page.t("accounts.resetRefused", username, refused.get()),
                                HttpStatus.BAD_REQUEST);
                    }
                    try {
                        accounts.setPassword(staff.username(), username, password);
                    } catch (ApiProblem problem) {
                        return render(request, staff, state, manage.problemText(page, problem.code().name(), problem.getDetail()),
                                HttpStatus.BAD_REQUEST);
                    } finally {
                        java.util.Arrays.fill(password, '\0');
                    }
                    sessions.endAllFor(username);
                    return render(request, staff, state, page.t("accounts.reset", username), HttpStatus.OK);
                }
                case "disable" -> {
                    if (username.equalsIgnoreCase(staff.username())) {
                        return render(request, staff, state, page.t("accounts.disableSelf"), HttpStatus.BAD_REQUEST);
                    }
                    // Through the API's service: audited, ends the account's tokens; its page sessions end here.
                    String name = accounts.disable(staff.username(), username).username();
                    sessions.endAllFor(name);
                    return render(request, staff, state, page.t("accounts.disabledDone", name), HttpStatus.OK);
                }
                default -> {
                    return render(request, staff, state, "", HttpStatus.BAD_REQUEST);
                }
            }
        });
    }

    @Get(value = "/password", produces = "text/html")
    HttpResponse<?> passwordForm(HttpRequest<?> request) {
        return manage.get(request, staff -> manage.ok(request, staff, "password", "password.title", new FormState()));
    }

    @Post(value = "/password", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> password(HttpRequest<?> request, @Body @Nullable String body) {
        return manage.post(request, body, (staff, form) -> {
            ManagePage page = manage.page(request, staff, "password.title");
            FormState state = new FormState();
            char[] current = form.get("currentPassword").toCharArray();
            char[] next = form.get("newPassword").toCharArray();
            try {
                var refused = passwordError(page, staff.username(), new String(next));
                if (refused.isPresent()) {
                    state.error("newPassword", refused.get());
                } else {
                    accounts.changeOwnPassword(staff.username(), current, next);
                }
            } catch (ApiProblem problem) {
                state.error("currentPassword", page.t("password.wrong"));
            } finally {
                java.util.Arrays.fill(current, '\0');
                java.util.Arrays.fill(next, '\0');
            }
            if (state.hasErrors()) {
                return manage.render(request, HttpStatus.BAD_REQUEST, "password", page, state);
            }
            // Every session of this account ends; this browser gets a fresh one.
            sessions.endAllFor(staff.username());
            String value = sessions.start(staff.username());
            Cookie cookie = sessions.cookie(request, value);
            return HttpResponse.seeOther(URI.create("/manage?passwordChanged=1")).cookie(cookie);
        });
    }

    @Get(value = "/audit", produces = "text/html")
    HttpResponse<?> log(HttpRequest<?> request) {
        String election = nl.buurtbegroting.service.web.Query.first(request, "election");
        String kind = nl.buurtbegroting.service.web.Query.first(request, "kind");
        return manage.get(request, staff -> {
            if (!staff.readsAudit()) {
                return forbidden(request, staff);
            }
            Long electionId = null;
            try {
                electionId = election == null || election.isBlank() ? null : Long.parseLong(election.strip());
            } catch (NumberFormatException e) {
                electionId = null;
            }
            List<AuditEntry> all = electionId == null ? audit.findByIdGreaterThanOrderById(0)
                    : audit.findByElectionIdOrderById(electionId);
            List<String> kinds = all.stream().map(AuditEntry::action).distinct().sorted().toList();
            String k = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
            List<AuditEntry> shown = all.stream().filter(ev -> k.isEmpty() || ev.action().equals(k)).toList();
            boolean truncated = shown.size() > 1000;
            if (truncated) {
                shown = shown.subList(shown.size() - 1000, shown.size());
            }
            List<AuditEntry> newestFirst = new java.util.ArrayList<>(shown);
            java.util.Collections.reverse(newestFirst);
            return manage.ok(request, staff, "audit", "audit.title", new Log(newestFirst,
                    electionId == null ? "" : electionId.toString(), k, kinds, elections.list(staff.caller()), truncated));
        });
    }

    private HttpResponse<?> render(HttpRequest<?> request, Staff staff, FormState form, String message, HttpStatus status) {
        List<AccountView> all = accounts.list();
        java.util.Set<String> disabled = new java.util.HashSet<>();
        for (AccountView a : all) {
            if (accounts.isDisabled(a.username())) {
                disabled.add(a.username());
            }
        }
        return manage.render(request, status, "accounts", manage.page(request, staff, "accounts.title"),
                new Accounts(all, elections.list(staff.caller()), form, message, staff.admin(), disabled, staff.username()));
    }

    /** The service's password rules (issue 11), in the reader's language; empty when the password may be used. */
    static java.util.Optional<String> passwordError(ManagePage page, String username, String password) {
        return AccountService.passwordFault(username, password).map(f -> page.t("password." + f.name()));
    }

    private HttpResponse<?> forbidden(HttpRequest<?> request, Staff staff) {
        return manage.notice(request, staff, HttpStatus.FORBIDDEN, "refused.title", "problem.FORBIDDEN_PAGE");
    }
}
