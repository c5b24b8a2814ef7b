package nl.buurtbegroting.service.hardening;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * After answering a body over the limit the service reads the rest away before it closes, so that the answer arrives
 * ({@link OversizedBodyTest}); here, with small bounds, a sender that goes on and on cannot keep the connection: it is
 * cut off after {@code bb.http.linger.max-bytes} thrown-away bytes, and a slow one after {@code max-time}. Each loop
 * below is bounded and fails the test when the server is still reading at its end.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.http.linger.max-bytes", value = "1000000")
@Property(name = "bb.http.linger.max-time", value = "1500")
@Property(name = "bb.http.linger.idle", value = "1000")
class LingeringCloseTest {

    @Inject
    EmbeddedServer server;

    private Socket oversized(long announced) throws IOException {
        Socket s = new Socket("127.0.0.1", server.getPort());
        s.setSoTimeout(20_000);
        s.getOutputStream().write(("POST /api/elections/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                + "Content-Length: " + announced + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    private static String answer(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        int n;
        while ((n = in.read(b)) > 0) {
            out.write(b, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSenderThatGoesOnIsCutOffAfterTheByteBound() throws Exception {
        long announced = 1L << 40;
        try (Socket s = oversized(announced)) {
            // The answer comes before a byte of the body is sent, and the service then ends its side (FIN).
            String answer = answer(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("\"code\":\"REQUEST_TOO_LARGE\""), answer);
            OutputStream out = s.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            long sent = 0;
            try {
                // 1 MB is thrown away; the socket buffers of both sides hold a few MB more. 200 MB is far past that.
                while (sent < 200L * 1024 * 1024) {
                    out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException cutOff) {
                return;
            }
            fail("the service still read after " + sent + " bytes of an endless body");
        }
    }

    @Test
    void aSlowSenderIsCutOffAfterTheTimeBound() throws Exception {
        try (Socket s = oversized(1L << 40)) {
            String answer = answer(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            OutputStream out = s.getOutputStream();
            try {
                // One byte each 100 ms never leaves the connection idle for a second; max-time (1.5 s) ends it.
                // 300 rounds are 30 s: twenty times the bound.
                for (int i = 0; i < 300; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException cutOff) {
                return;
            }
            fail("the service still read a slow body 30 s after answering it");
        }
    }
}
