package nl.buurtbegroting.service.hardening;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A body over the limit is answered before it is read, and the server then stops reading. A client that sends the
 * whole body before it reads (Chromium posting a form with a large file, Java's HttpClient) waited for ever: a
 * 9 MB file on the import page left the organiser's browser loading. The 413 answer now closes the connection, so
 * the client gets it, or at worst a closed connection (the reset can overtake the answer). The client's timeout turns
 * a hang into a failure.
 */
@MicronautTest(transactional = false)


class OversizedBodyTest extends ApiTestBase {

    private static final int BODY = 9 * 1024 * 1024;

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> post(String path, String contentType, byte[] body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException hung) {
            fail("no answer to a " + body.length + "-byte body on " + path + ": the client still waits");
            return null;
        } catch (java.io.IOException closed) {
            // The server closed the connection with the body unread; the reset can overtake its answer. What the
            // close guarantees is that nobody waits for ever, not that the answer always arrives.
            return null;
        }
    }

    private static byte[] multipart(String field) {
        byte[] head = ("--B\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"foto.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes();
        byte[] body = Arrays.copyOf(head, head.length + BODY + 7);
        Arrays.fill(body, head.length, head.length + BODY, (byte) 'x');
        System.arraycopy("\r\n--B--".getBytes(), 0, body, head.length + BODY, 7);
        return body;
    }

    @Test
    void aFormWithAFileOverTheLimitGetsItsPageAnswer() throws Exception {
        long id = Lifecycle.draft(api, admin, "Grote foto");
        Lifecycle.issue(api, admin, id, 3, "brieven");
        api.post("/api/elections/" + id + "/open", null, admin).ok(200);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = post("/elections/" + id + "/check", "multipart/form-data; boundary=B", multipart("receipt"), null);
            if (r == null) {
                continue;
            }
            assertEquals(413, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
        }
    }

    @Test
    void anApiBodyOverTheLimitGetsItsProblem() throws Exception {
        byte[] json = new byte[BODY];
        Arrays.fill(json, (byte) ' ');
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = post("/api/elections/import", "text/plain", json, admin);
            if (r == null) {
                continue;
            }
            assertEquals(413, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"code\":\"REQUEST_TOO_LARGE\""), r.body());
        }
    }
}
