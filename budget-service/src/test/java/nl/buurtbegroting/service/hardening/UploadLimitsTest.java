package nl.buurtbegroting.service.hardening;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multipart upload that breaks a limit says which limit, and which part where that can be known: 413
 * REQUEST_TOO_LARGE with {@code reason} and {@code limit}. A 200 KB upload whose file name had 200,000 characters was
 * answered "The request body is larger than the service accepts", though the body was far below the 8 MB limit. A part
 * over its own limit: {@link UploadPartLimitTest}.
 */
@MicronautTest(transactional = false)
class UploadLimitsTest extends ApiTestBase {

    static final String FILE = "META\nkey;value\ndescription;Upload\nunit;Oost\nnum_projects;1\nnum_votes;0\n"
            + "budget;1000\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost;name\n1;100;Bank\nVOTES\nvoter_id;vote\n";

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> upload(String multipart) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/elections/import"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "multipart/form-data; boundary=B")
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String part(String name, String fileName, String content) {
        return "--B\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + content + "\r\n";
    }

    static void tooLarge(HttpResponse<String> r, String members, String detail) {
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().contains("\"code\":\"REQUEST_TOO_LARGE\"," + members), r.body());
        assertTrue(r.body().contains("\"detail\":\"" + detail + "\""), r.body());
    }

    @Test
    void aFileNameTooLongToReadSaysSoAndTheLimit() throws Exception {
        for (int i = 0; i < 5; i++) {
            tooLarge(upload(part("file", "a".repeat(200_000), FILE) + "--B--\r\n"), "\"reason\":\"PART_HEADER_TOO_LONG\",\"limit\":65536",
                    "A part of the form has header lines (its name and file name) longer than 65536 bytes, more than the"
                            + " service reads; give the file a shorter name (the service shows at most 100 characters of it anyway).");
        }
    }

    @Test
    void aLongFileNameBelowTheLimitIsReadAndQuotedShort() throws Exception {
        HttpResponse<String> r = upload(part("file", "b".repeat(60_000), FILE.replace("PROJECTS", "PROJECTEN")) + "--B--\r\n");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"code\":\"INVALID_PABULIB\""), r.body());
        assertTrue(r.body().contains("\"detail\":\"" + "b".repeat(100) + ", line "), r.body());
        assertEquals(201, upload(part("file", "c".repeat(60_000) + ".pb", FILE) + "--B--\r\n").statusCode());
    }

    @Test
    void theFormHoldsExactlyOneFilePartAsAJsonBodyHoldsEachMemberOnce() throws Exception {
        int before = api.get("/api/elections", admin).ok(200).list().size();
        // Two 'file' parts: the first was imported and the second silently dropped.
        HttpResponse<String> r = upload(part("file", "een.pb", FILE) + part("file", "twee.pb", FILE) + "--B--\r\n");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"violations\":[{\"field\":\"file\",\"code\":\"REPEATED_PART\",\"message\":"
                + "\"the form has more than one part 'file'; send one file\"}]"), r.body());
        r = upload(part("file", "een.pb", FILE) + "--B\r\nContent-Disposition: form-data; name=\"naam\"\r\n\r\nx\r\n--B--\r\n");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("{\"field\":\"naam\",\"code\":\"UNKNOWN_PART\",\"message\":\"the form has a part 'naam';"
                + " an import takes only the part 'file'\"}"), r.body());
        r = upload("--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" + FILE + "\r\n--B--\r\n");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"code\":\"NOT_A_FILE\""), r.body());
        assertEquals(before, api.get("/api/elections", admin).ok(200).list().size(), "nothing of a refused form is stored");
        assertEquals(201, upload(part("file", "een.pb", FILE) + "--B--\r\n").statusCode());
    }

    @Test
    void tooManyPartsSaysHowManyAreRead() throws Exception {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            form.append("--B\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nx\r\n");
        }
        form.append(part("file", "a.pb", FILE)).append("--B--\r\n");
        tooLarge(upload(form.toString()), "\"reason\":\"TOO_MANY_PARTS\",\"limit\":128",
                "The form has more than 128 parts, the most the service reads; send only the parts the address asks for.");
    }
}
