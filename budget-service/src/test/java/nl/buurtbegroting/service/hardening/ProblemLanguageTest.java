package nl.buurtbegroting.service.hardening;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.core.json.JsonParser;
import nl.buurtbegroting.service.ApiTestBase;
import nl.buurtbegroting.service.problem.ProblemCode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, fault 18: every error code has a Dutch and an English text, and answers in the caller's language. */
@MicronautTest(transactional = false)
class ProblemLanguageTest extends ApiTestBase {

    @Test
    void everyCodeHasItsOwnDutchAndEnglishTexts() {
        Set<String> nlTexts = new HashSet<>();
        for (ProblemCode c : ProblemCode.values()) {
            for (ProblemCode.Language l : ProblemCode.Language.values()) {
                assertFalse(c.title(l).isBlank(), c + " " + l);
                assertFalse(c.message(l).isBlank(), c + " " + l);
            }
            assertFalse(c.message(ProblemCode.Language.NL).equals(c.message(ProblemCode.Language.EN)), c.name());
            assertTrue(nlTexts.add(c.message(ProblemCode.Language.NL)), "one Dutch message per code: " + c);
        }
    }

    private Map<String, Object> ballot(long election, String code, String language) throws Exception {
        HttpRequest<?> request = HttpRequest.POST("/api/elections/" + election + "/ballots",
                        Map.of("code", code, "projects", List.of("a"), "submissionId", Lifecycle.submissionId()))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        if (language != null) {
            request = ((io.micronaut.http.MutableHttpRequest<?>) request).header("Accept-Language", language);
        }
        try {
            client.toBlocking().exchange(request, String.class);
            throw new AssertionError("expected a problem");
        } catch (HttpClientResponseException e) {
            return JsonParser.object(JsonParser.STANDARD.parse("problem", e.getResponse().getBody(String.class).orElseThrow()));
        }
    }

    @Test
    void aResidentReadsDutchByDefaultAndEnglishOnRequest() throws Exception {
        long id = Lifecycle.draft(api, admin, "Talen");
        api.post("/api/elections/" + id + "/open", null, admin).ok(200);
        Map<String, Object> nl = ballot(id, "ABCD", null);
        assertEquals("CODE_MALFORMED", nl.get("code"));
        assertEquals("Dit is geen stemcode", nl.get("title"));
        Map<String, Object> en = ballot(id, "ABCD", "en-GB,en;q=0.9,nl;q=0.5");
        assertEquals("CODE_MALFORMED", en.get("code"));
        assertEquals("Not a voting code", en.get("title"));
        assertEquals("Dit is geen stemcode", ballot(id, "ABCD", "nl-NL").get("title"));
        // Staff and API codes default to English, and follow Accept-Language too.
        assertEquals("Not found", api.get("/api/elections/999999", null).problem(404, "ELECTION_NOT_FOUND").get("title"));
    }
}
