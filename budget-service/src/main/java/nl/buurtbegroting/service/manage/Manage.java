package nl.buurtbegroting.service.manage;

import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.views.jte.HtmlJteViewsRenderer;
import jakarta.inject.Singleton;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.security.AccountRepository;
import nl.buurtbegroting.service.account.AccountService;
import nl.buurtbegroting.service.security.ElectionGrantRepository;
import nl.buurtbegroting.service.web.Form;
import nl.buurtbegroting.service.web.Lang;
import nl.buurtbegroting.service.web.Messages;
import nl.buurtbegroting.service.web.Pages;
import nl.buurtbegroting.service.web.Theme;
import org.zalando.problem.ThrowableProblem;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What every organiser page does first: find the signed-in staff member (or send the browser to the sign-in
 * page), check the CSRF token of a form that changes something (403 with a page that says what to do), render
 * the page, and turn a refusal of a service (a problem with a stable code) into a page in the reader's
 * language instead of an error.
 */
@Singleton
public class Manage {

    /** The name of the CSRF field on every form that changes something. */
    public static final String CSRF_FIELD = "csrf";

    private final StaffSessions sessions;
    private final AccountRepository accounts;
    private final ElectionGrantRepository grants;
    private final HtmlJteViewsRenderer<Map<String, Object>> renderer;
    private final ManageTexts texts;
    private final Messages messages;
    private final Theme theme;
    private final AccountService accountService;

    Manage(StaffSessions sessions, AccountRepository accounts, ElectionGrantRepository grants, HtmlJteViewsRenderer<Map<String, Object>> renderer,
           ManageTexts texts, Messages messages, Theme theme, AccountService accountService) {
        this.accountService = accountService;
        this.sessions = sessions;
        this.accounts = accounts;
        this.grants = grants;
        this.renderer = renderer;
        this.texts = texts;
        this.messages = messages;
        this.theme = theme;
    }

    ElectionGrantRepository grants() {
        return grants;
    }

    /** Whether the staff member may change the election (admin, or its organiser), as ElectionAccess decides. */
    public boolean mayChange(Staff staff, long electionId) {
        return staff.admin() || (staff.role() == nl.buurtbegroting.service.security.Role.ORGANISER
                && grants.existsByUsernameAndElectionId(staff.username(), electionId));
    }

    /** The signed-in staff member: a live session whose account still exists. */
    public Optional<Staff> staff(HttpRequest<?> request) {
        Cookie cookie = request.getCookies().get(StaffSessions.COOKIE);
        if (cookie == null) {
            return Optional.empty();
        }
        // A disabled account is signed out of the pages at once, as its API tokens are.
        return sessions.touch(cookie.getValue()).flatMap(entry -> accounts.findByUsername(entry.username())
                .filter(account -> !accountService.isDisabled(account.username()))
                .map(account -> new Staff(account.username(), account.role(), entry.csrf())));
    }

    /** A page for a signed-in staff member; the sign-in page for anyone else. */
    public HttpResponse<?> get(HttpRequest<?> request, Function<Staff, HttpResponse<?>> page) {
        Optional<Staff> staff = staff(request);
        if (staff.isEmpty()) {
            return toLogin(request);
        }
        try {
            return page.apply(staff.get());
        } catch (ThrowableProblem problem) {
            return refusal(request, staff.get(), problem);
        }
    }

    /** A form that changes something: signed in, and carrying the session's CSRF token. */
    public HttpResponse<?> post(HttpRequest<?> request, String body, BiFunction<Staff, Form, HttpResponse<?>> action) {
        Form form = Form.parse(body);
        if (staff(request).isEmpty()) {
            List<CarriedForm.Field> carried = CarriedForm.of(request, form, request.getPath());
            if (!carried.isEmpty()) {
                // The session ended while the form was being filled in: sign in again, keeping what was typed.
                return loginPage(request, HttpStatus.FORBIDDEN, new FormState(), request.getPath(), carried);
            }
        }
        return post(request, form.get(CSRF_FIELD), staff -> action.apply(staff, form));
    }

    /** The same for a form whose token arrived another way (a file upload's part). */
    public HttpResponse<?> post(HttpRequest<?> request, String csrf, Function<Staff, HttpResponse<?>> action) {
        Optional<Staff> staff = staff(request);
        if (staff.isEmpty()) {
            return notice(request, null, HttpStatus.FORBIDDEN, "csrf.expired.title", "csrf.expired.text");
        }
        if (!tokenMatches(staff.get().csrf(), csrf)) {
            return notice(request, staff.get(), HttpStatus.FORBIDDEN, "csrf.title", "csrf.text");
        }
        try {
            return action.apply(staff.get());
        } catch (ThrowableProblem problem) {
            return refusal(request, staff.get(), problem);
        }
    }

    static boolean tokenMatches(String expected, String given) {
        return given != null && !given.isEmpty() && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sign-in page with a fresh token pair of its own (double submit): the same random value in a cookie for
     * /manage/login only and in a hidden field, so another site cannot sign a browser into an account of its
     * choosing. {@code carried}: a form that arrived after the session ended (see {@link CarriedForm}).
     */
    MutableHttpResponse<?> loginPage(HttpRequest<?> request, HttpStatus status, FormState state, String back,
                                     List<CarriedForm.Field> carried) {
        String token = sessions.newToken();
        return render(request, status, "login", page(request, null, "login.title"),
                new SignInPages.SignIn(state, back, token, carried)).cookie(Cookie.of(SignInPages.LOGIN_COOKIE, token)
                .path("/manage/login").httpOnly(true).sameSite(io.micronaut.http.cookie.SameSite.Strict)
                .secure(StaffSessions.secure(request)).maxAge(java.time.Duration.ofHours(2)));
    }

    public HttpResponse<?> toLogin(HttpRequest<?> request) {
        return HttpResponse.seeOther(URI.create("/manage/login?back="
                + URLEncoder.encode(request.getPath(), StandardCharsets.UTF_8)));
    }

    public HttpResponse<?> seeOther(String path) {
        return HttpResponse.seeOther(URI.create(path));
    }

    public ManagePage page(HttpRequest<?> request, Staff staff, String titleKey, Object... args) {
        return page(request, staff, Lang.of(request), titleKey, args);
    }

    /** The page in {@code lang}: the language switch of a form page answers in the language just chosen. */
    public ManagePage page(HttpRequest<?> request, Staff staff, Lang lang, String titleKey, Object... args) {
        long idle = sessions.idle().toMinutes();
        ManagePage p = new ManagePage(lang, texts, messages, theme, "", request.getPath(), staff, idle);
        return new ManagePage(lang, texts, messages, theme, p.t(titleKey, args), request.getPath(), staff, idle);
    }

    public MutableHttpResponse<String> render(HttpRequest<?> request, HttpStatus status, String template, ManagePage page,
                                              Object model) {
        if (status.getCode() >= 400 && !"notice".equals(template)) {
            // A form that came back with errors says so in its title, the first thing a screen reader reads.
            page = page.withErrors();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("page", page);
        params.put("m", model);
        Writable out = renderer.render("manage/" + template, params, request);
        StringWriter w = new StringWriter(16 * 1024);
        try {
            out.writeTo(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.<String>status(status).body(w.toString()).contentType(Pages.HTML)
                .header("Content-Language", page.lang().tag())
                .header("Cache-Control", "no-store");
    }

    public MutableHttpResponse<String> ok(HttpRequest<?> request, Staff staff, String template, String titleKey,
                                          Object model, Object... titleArgs) {
        return render(request, HttpStatus.OK, template, page(request, staff, titleKey, titleArgs), model);
    }

    /** A short page with a title, a sentence and a way back. */
    public MutableHttpResponse<String> notice(HttpRequest<?> request, Staff staff, HttpStatus status, String titleKey,
                                              String textKey, Object... args) {
        ManagePage page = page(request, staff, titleKey);
        return render(request, status, "notice", page, new Notice(page.t(textKey, args)));
    }

    /** A service said no: its code in the reader's language, with the service's own detail beneath. */
    public MutableHttpResponse<String> refusal(HttpRequest<?> request, Staff staff, ThrowableProblem problem) {
        ManagePage page = page(request, staff, "refused.title");
        String code = codeOf(problem);
        // A form that reaches this point was changed by hand or by an old page: its fields are not on this page.
        String text = ProblemCode.VALIDATION_FAILED.name().equals(code) ? page.t("refused.form")
                : problemText(page, code, page.t("refused.text"));
        int status = problem.getStatus() == null ? 409 : problem.getStatus().getStatusCode();
        // The service's detail is English: it adds facts for an English reader, on a Dutch page it would be a foreign line.
        String detail = problem.getDetail() == null || page.lang() != Lang.EN || problem.getDetail().equals(text)
                ? "" : problem.getDetail();
        return render(request, HttpStatus.valueOf(status), "notice", page, new Notice(text, detail));
    }

    /** A problem's stable code (API and voting problems carry it as the {@code code} member). */
    static String codeOf(ThrowableProblem problem) {
        if (problem instanceof ApiProblem a) {
            return a.code().name();
        }
        Object code = problem.getParameters().get("code");
        return code == null ? "" : code.toString();
    }

    /** The model of the notice page. */
    public record Notice(String text, String detail) {
        public Notice(String text) {
            this(text, "");
        }
    }

    /**
     * The text for a problem's code in the reader's language: the pages' own text where it says more to staff,
     * otherwise the service's nl/en message of the code (ProblemCode, shared with the API), or else {@code detail}.
     */
    public String problemText(ManagePage page, String code, String detail) {
        if (page.has("problem." + code)) {
            return page.t("problem." + code);
        }
        return ProblemCode.find(code).map(c -> c.message(page.lang() == nl.buurtbegroting.service.web.Lang.NL
                ? ProblemCode.Language.NL : ProblemCode.Language.EN)).orElse(detail);
    }
}
