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
import java.time.Duration;

import static nl.buurtbegroting.service.hardening.UploadLimitsTest.FILE;
import static nl.buurtbegroting.service.hardening.UploadLimitsTest.part;
import static nl.buurtbegroting.service.hardening.UploadLimitsTest.tooLarge;

/** A part over its own limit is named with the limit; here a part may have 2,000 bytes, so no large body is needed. */
@MicronautTest(transactional = false)
@Property(name = "micronaut.server.multipart.max-file-size", value = "2000")
class UploadPartLimitTest extends ApiTestBase {

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aPartOverItsLimitIsNamed() throws Exception {
        tooLarge(upload(part("file", "groot.pb", FILE + "x".repeat(3000)) + "--B--\r\n"),
                "\"reason\":\"PART_TOO_LARGE\",\"part\":\"file\",\"limit\":2000",
                "The part 'file' of the form is larger than 2000 bytes, the most one part may be.");
    }

    private HttpResponse<String> upload(String multipart) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/elections/import"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "multipart/form-data; boundary=B")
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
