package nl.buurtbegroting.service.hardening;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * A body over the limit is answered before it is read, and the answer must reach the client: the 413 with its
 * problem+json, every time. Before, the service closed with the body unread and the TCP reset could overtake the
 * answer, so a client saw no answer at all ("header parser received no bytes"); the close now lingers
 * ({@code LingeringClose}). Java's HttpClient sends the whole body before it reads, as Chromium does with a form; each
 * kind of body is sent many times, since the lost answer was a race.
 */
@MicronautTest(transactional = false)
class OversizedBodyTest extends ApiTestBase {

    private static final int BODY = 9 * 1024 * 1024;
    /** Each kind of body this many times (the lost answer was a race); -Dbb.oversized.tries=200 for the documented run. */
    private static final int TRIES = Integer.getInteger("bb.oversized.tries", 15);

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> send(String path, String contentType, HttpRequest.BodyPublisher body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(body);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException hung) {
            return fail("no answer to an oversized body on " + path + ": the client still waits");
        } catch (IOException lost) {
            return fail("the answer to an oversized body on " + path + " was lost: " + lost);
        }
    }

    private static byte[] multipart(String field, String fileName) {
        byte[] head = ("--B\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes();
        byte[] body = Arrays.copyOf(head, head.length + BODY + 7);
        Arrays.fill(body, head.length, head.length + BODY, (byte) 'x');
        System.arraycopy("\r\n--B--".getBytes(), 0, body, head.length + BODY, 7);
        return body;
    }

    private static void assertTooLarge(HttpResponse<String> r) {
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.headers().toString());
        assertTrue(r.body().contains("\"code\":\"REQUEST_TOO_LARGE\""), r.body());
        assertTrue(r.body().contains("\"status\":413"), r.body());
    }

    /** With a Content-Length the answer names the size sent and the limit, before a byte of the body is read. */
    private static void assertTooLargeWithLimit(HttpResponse<String> r, long size) {
        assertTooLarge(r);
        assertTrue(r.body().contains("\"size\":" + size + ",\"limit\":8388608"), r.body());
        assertTrue(r.body().contains("accepts at most 8388608 bytes (8 MB)"), r.body());
    }

    @Test
    void aFormWithAFileOverTheLimitAlwaysGetsItsPageAnswer() throws Exception {
        long id = Lifecycle.draft(api, admin, "Grote foto");
        Lifecycle.issue(api, admin, id, 3, "brieven");
        api.post("/api/elections/" + id + "/open", null, admin).ok(200);
        for (int i = 0; i < TRIES; i++) {
            HttpResponse<String> r = send("/elections/" + id + "/check", "multipart/form-data; boundary=B",
                    HttpRequest.BodyPublishers.ofByteArray(multipart("receipt", "foto.jpg")), null);
            assertEquals(413, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
        }
    }

    @Test
    void anApiBodyOverTheLimitAlwaysGetsItsProblem() throws Exception {
        byte[] text = new byte[BODY];
        Arrays.fill(text, (byte) ' ');
        for (int i = 0; i < TRIES; i++) {
            assertTooLargeWithLimit(send("/api/elections/import", "text/plain", HttpRequest.BodyPublishers.ofByteArray(text), admin), BODY);
        }
    }

    @Test
    void aJsonBodyOverTheLimitAlwaysGetsItsProblem() throws Exception {
        byte[] json = new byte[BODY];
        Arrays.fill(json, (byte) ' ');
        for (int i = 0; i < TRIES; i++) {
            assertTooLargeWithLimit(send("/api/elections", "application/json", HttpRequest.BodyPublishers.ofByteArray(json), admin), BODY);
        }
    }

    @Test
    void aMultipartUploadOverTheLimitAlwaysGetsItsProblem() throws Exception {
        byte[] body = multipart("file", "groot.pb");
        for (int i = 0; i < TRIES; i++) {
            assertTooLargeWithLimit(send("/api/elections/import", "multipart/form-data; boundary=B",
                    HttpRequest.BodyPublishers.ofByteArray(body), admin), body.length);
        }
    }

    @Test
    void aChunkedBodyWithoutLengthOverTheLimitAlwaysGetsItsProblem() throws Exception {
        byte[] text = new byte[BODY];
        Arrays.fill(text, (byte) ' ');
        for (int i = 0; i < TRIES; i++) {
            // ofInputStream has no length: the client sends Transfer-Encoding: chunked, and the server finds the
            // body too large only while it reads.
            assertTooLarge(send("/api/elections/import", "text/plain",
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(text)), admin));
        }
    }
}
