package nl.buurtbegroting.service.hardening;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, fault 13: a foreign Origin, a huge header and a huge URL get problem+json with the right status. */
@MicronautTest(transactional = false)
class HeaderLimitsTest {

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void problem(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
        assertTrue(r.body().contains("\"code\":\"" + code + "\""), r.body());
    }

    @Test
    void aForeignOriginGetsAProblemNotABare403() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/login"))
                .header("Origin", "https://evil.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"x\"}")).build());
        problem(r, 403, "FOREIGN_ORIGIN");
        // The service's own pages send their own origin and pass; the login answer is never cached.
        HttpResponse<String> own = send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/login"))
                .header("Origin", server.getURL().toString().replaceAll("/$", "")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"admin-password-for-tests\"}")).build());
        assertEquals(200, own.statusCode(), own.body());
        assertEquals("no-store", own.headers().firstValue("Cache-Control").orElse(""));
    }

    private HttpResponse<String> login(String origin, String fetchSite) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/login"))
                .header("Origin", origin).header("Content-Type", "application/json");
        if (fetchSite != null) {
            b.header("Sec-Fetch-Site", fetchSite);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(
                "{\"username\":\"admin\",\"password\":\"admin-password-for-tests\"}")).build());
    }

    @Test
    void originNullFromTheServicesOwnPagesPassesButNotFromAnotherSite() throws Exception {
        // The pages send Referrer-Policy: no-referrer, so a browser posts their forms with Origin: null.
        assertEquals(200, login("null", "same-origin").statusCode());
        assertEquals(200, login("null", null).statusCode());
        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(server.getURL() + "/manage/login"))
                .header("Origin", "null").header("Sec-Fetch-Site", "same-origin")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=nobody&password=wrong-password-1")).build());
        // The sign-in page itself answers (here: its form token is missing), not the guard.
        assertTrue(form.headers().firstValue("Content-Type").orElse("").startsWith("text/html")
                && !form.body().contains("FOREIGN_ORIGIN"), form.statusCode() + " " + form.body());
        // A sandboxed or cross-site page also sends Origin: null; the browser's Sec-Fetch-Site tells them apart.
        problem(login("null", "cross-site"), 403, "FOREIGN_ORIGIN");
        problem(login("null", "same-site"), 403, "FOREIGN_ORIGIN");
        problem(login("https://evil.example", "same-origin"), 403, "FOREIGN_ORIGIN");
    }

    @Test
    void aHugeHeaderIs431AndAHugeUrlIs414() throws Exception {
        problem(send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/elections"))
                .header("X-Filler", "x".repeat(20_000)).GET().build()), 431, "HEADERS_TOO_LARGE");
        problem(send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/elections?q=" + "y".repeat(10_000)))
                .GET().build()), 414, "URI_TOO_LONG");
    }
}
