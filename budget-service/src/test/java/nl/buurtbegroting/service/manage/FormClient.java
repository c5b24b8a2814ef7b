package nl.buurtbegroting.service.manage;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The organiser pages as a browser without JavaScript uses them: forms posted in Dutch, redirects not followed,
 * cookies carried by hand, signing in through the sign-in page's own token pair.
 */
final class FormClient {

    /** A signed-in browser: its cookie and the CSRF token of its session. */
    record Session(String cookie, String csrf) {
    }

    /** A page that never comes fails the test after this, not at the end of CI's time. */
    private static final java.time.Duration ANSWER = java.time.Duration.ofSeconds(120);
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final String language;

    /** @param language the {@code Accept-Language} of every GET, or null to send none */
    FormClient(String base, String language) {
        this.base = base;
        this.language = language;
    }

    HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        return get(path, cookie, language);
    }

    HttpResponse<String> get(String path, String cookie, String acceptLanguage) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.timeout(ANSWER).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String cookie, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Language", "nl")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = http.send(b.timeout(ANSWER).build(), HttpResponse.BodyHandlers.ofString());
        assertNotNull(r);
        return r;
    }

    /** Posts the sign-in form as a browser does: first the page, for the form's own token pair. */
    HttpResponse<String> login(String user, String password) throws Exception {
        HttpResponse<String> form = get("/manage/login", null);
        String pair = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("bb_login="))
                .findFirst().orElseThrow();
        Matcher token = Pattern.compile("name=\"login\" value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(token.find(), form.body());
        return post("/manage/login", pair.substring(0, pair.indexOf(';')), "login=" + token.group(1)
                + "&username=" + enc(user) + "&password=" + enc(password));
    }

    Session signIn(String user, String password) throws Exception {
        HttpResponse<String> r = login(user, password);
        assertEquals(303, r.statusCode(), r.body());
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(StaffSessions.COOKIE + "="))
                .findFirst().orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> home = get("/manage", cookie);
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(home.body());
        assertTrue(m.find(), home.body());
        return new Session(cookie, m.group(1));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
