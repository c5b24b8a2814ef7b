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
import nl.buurtbegroting.service.audit.AuditLog;
import nl.buurtbegroting.service.security.Account;
import nl.buurtbegroting.service.account.AccountService;
import nl.buurtbegroting.service.security.PasswordHasher;
import nl.buurtbegroting.service.security.ClientAddressResolver;
import nl.buurtbegroting.service.security.FailedCodeLimiter;
import nl.buurtbegroting.service.web.Form;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Signing in and out of the organiser pages. A wrong name and a wrong password get the same answer and cost
 * the same time; failed attempts are limited per client address like the API's login (10 a minute, 100 an
 * hour). The password is never logged, never echoed back into the form, and cleared from memory after use.
 */
@Controller("/manage")
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SignInPages {

    private final Manage manage;
    private final StaffSessions sessions;
    private final PasswordHasher hasher;
    private final ClientAddressResolver addresses;
    private final FailedCodeLimiter failures;
    private final AuditLog audit;
    private final AccountService accountService;

    SignInPages(Manage manage, StaffSessions sessions, PasswordHasher hasher,
                ClientAddressResolver addresses, Clock clock, AuditLog audit, AccountService accountService) {
        this.accountService = accountService;
        this.manage = manage;
        this.sessions = sessions;
        this.hasher = hasher;
        this.addresses = addresses;
        this.failures = new FailedCodeLimiter(10, 100, clock);
        this.audit = audit;
    }

    /** The model of the sign-in page: the form, where to go after, and the form's own CSRF token. */
    public record SignIn(FormState form, String back, String token, List<CarriedForm.Field> carried) {
    }

    /**
     * The model of the page after a sign-in that carried a form: the values for a check, and the form that sends
     * them again to {@code action} with the new session's token.
     */
    public record Resend(String action, List<CarriedForm.Field> fields) {
    }

    /**
     * The sign-in form has no session yet, so it gets a token pair of its own (double submit): the same random
     * value in a cookie for /manage/login only and in a hidden field. Another site cannot read the cookie, so it
     * cannot sign a browser into an account of its choosing.
     */
    static final String LOGIN_COOKIE = "bb_login";

    @Get(value = "/login", produces = "text/html")
    HttpResponse<?> form(HttpRequest<?> request) {
        String back = nl.buurtbegroting.service.web.Query.first(request, "back");
        if (manage.staff(request).isPresent()) {
            return manage.seeOther(safeBack(back));
        }
        return page(request, HttpStatus.OK, new FormState(), safeBack(back));
    }

    /** The sign-in page with a fresh token pair. */
    private io.micronaut.http.MutableHttpResponse<?> page(HttpRequest<?> request, HttpStatus status, FormState state, String back) {
        return manage.loginPage(request, status, state, back, List.of());
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> signIn(HttpRequest<?> request, @Body @Nullable String body) {
        Form form = Form.parse(body);
        String username = form.get("username").strip();
        char[] password = form.get("password").toCharArray();
        String back = safeBack(form.get("back"));
        List<CarriedForm.Field> carried = CarriedForm.carried(form);
        FormState state = new FormState().set("username", username);
        ManagePage page = manage.page(request, null, "login.title");
        Cookie pair = request.getCookies().get(LOGIN_COOKIE);
        if (pair == null || !Manage.tokenMatches(pair.getValue(), form.get("login"))) {
            java.util.Arrays.fill(password, '\0');
            state.error("username", page.t("login.expired"));
            return manage.loginPage(request, HttpStatus.FORBIDDEN, state, back, carried);
        }
        String address = addresses.addressOf(request);
        long wait = failures.retryAfterSeconds(address);
        if (wait > 0) {
            state.error("username", page.count("login.tooMany", (wait + 59) / 60));
            return manage.loginPage(request, HttpStatus.TOO_MANY_REQUESTS, state, back, carried).header("Retry-After", Long.toString(wait));
        }
        if (username.isEmpty()) {
            state.error("username", page.t("login.usernameMissing"));
        }
        if (password.length == 0) {
            state.error("password", page.t("login.passwordMissing"));
        }
        if (state.hasErrors()) {
            return manage.loginPage(request, HttpStatus.OK, state, back, carried);
        }
        // Counted before the outcome is known (as the API's login does), so parallel tries cannot all pass.
        long waitNow = failures.countOrWait(address);
        if (waitNow > 0) {
            java.util.Arrays.fill(password, '\0');
            state.error("username", page.count("login.tooMany", (waitNow + 59) / 60));
            return manage.loginPage(request, HttpStatus.TOO_MANY_REQUESTS, state, back, carried).header("Retry-After", Long.toString(waitNow));
        }
        // The API's lookup: names compared ignoring case. A disabled account gets the answer of a wrong password.
        Optional<Account> account = accountService.findForSignIn(username);
        boolean ok;
        if (account.isEmpty()) {
            hasher.burn(password);
            ok = false;
        } else {
            ok = hasher.matches(password, account.get().passwordHash())
                    && !accountService.isDisabled(account.get().username());
        }
        java.util.Arrays.fill(password, '\0');
        if (!ok) {
            state.error("username", page.t("login.wrong"));
            return manage.loginPage(request, HttpStatus.UNAUTHORIZED, state, back, carried);
        }
        failures.forgive(address);
        String value = sessions.start(account.get().username());
        audit.record(account.get().username(), "STAFF_SIGNED_IN", null, account.get().username(), "organiser pages");
        Cookie clearPair = Cookie.of(LOGIN_COOKIE, "").path("/manage/login").httpOnly(true).maxAge(0);
        if (!carried.isEmpty() && !back.equals("/manage")) {
            // Not sent on by itself: the staff member checks what was typed before the session ended, then sends it.
            Staff staff = new Staff(account.get().username(), account.get().role(), sessions.touch(value).orElseThrow().csrf());
            return manage.render(request, HttpStatus.OK, "resend", manage.page(request, staff, "resend.title"),
                    new Resend(back, carried)).cookie(sessions.cookie(request, value)).cookie(clearPair);
        }
        return HttpResponse.seeOther(java.net.URI.create(back)).cookie(sessions.cookie(request, value)).cookie(clearPair);
    }

    @Post(value = "/logout", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = "text/html")
    HttpResponse<?> signOut(HttpRequest<?> request, @Body @Nullable String body) {
        return manage.post(request, body, (staff, form) -> {
            Cookie cookie = request.getCookies().get(StaffSessions.COOKIE);
            sessions.end(cookie == null ? null : cookie.getValue());
            return HttpResponse.seeOther(java.net.URI.create("/manage/login?signedOut=1"))
                    .cookie(sessions.cleared(request));
        });
    }

    /** Only a path under /manage: never another host, never a scheme. */
    static String safeBack(@Nullable String back) {
        if (back != null && back.startsWith("/manage") && !back.startsWith("/manage/login") && !back.contains("//")
                && !back.contains("\\") && back.length() < 300 && back.chars().noneMatch(c -> c < 0x20)) {
            return back;
        }
        return "/manage";
    }
}
