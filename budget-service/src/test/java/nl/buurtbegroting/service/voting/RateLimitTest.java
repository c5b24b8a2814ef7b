package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.ApiTestBase;
import nl.buurtbegroting.service.codes.VotingCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 101 wrong codes from one address end in 429 with Retry-After; typos do not count; another address
 * still votes. The test client stands behind a trusted proxy (127.0.0.1) and names its address in
 * X-Forwarded-For.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = Voting.CODE_KEY)
@Property(name = "bb.voting.trusted-proxies", value = "127.0.0.1")
class RateLimitTest extends ApiTestBase {

    String organiser;
    long election;
    List<String> codes;

    @BeforeAll
    void setUp() {
        organiser = api.account(api.adminToken(), "rita", "ORGANISER", List.of());
        election = Voting.draft(api, organiser, "Rate limit");
        codes = Voting.issue(api, organiser, election, 3, "brief");
        Voting.open(api, organiser, election);
    }

    @Test
    void aHundredAndOneWrongCodesFromOneAddressGive429ButAnotherAddressStillVotes() throws Exception {
        SecureRandom random = new SecureRandom();
        int unknown = 0;
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < 101; i++) {
            HttpResponse<?> r = post("203.0.113.7", VotingCode.random(random).printed());
            if (r.code() == 422) {
                unknown++;
            } else {
                assertEquals(429, r.code());
                assertTrue(r.getContentType().map(MediaType::toString).orElse("").startsWith("application/problem+json"));
                assertEquals("TOO_MANY_FAILED_CODES", Load.problemCode(r.getBody(String.class).orElse("")));
                retryAfter = r.getHeaders().get("Retry-After");
                limited++;
            }
        }
        assertEquals(10, unknown, "ten wrong codes a minute are answered");
        assertEquals(91, limited);
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 60, retryAfter);
        assertEquals(429, post("203.0.113.7", codes.get(0)).code(), "a limited address waits, even with a good code");
        assertEquals(201, post("198.51.100.9", codes.get(0)).code(), "another address still votes");
    }

    @Test
    void typosDoNotCount() throws Exception {
        String good = codes.get(1);
        char last = good.charAt(good.length() - 1);
        String typo = good.substring(0, good.length() - 1) + (last == '7' ? '8' : '7');
        for (int i = 0; i < 30; i++) {
            assertEquals(422, post("192.0.2.44", typo).code());
        }
        assertEquals(201, post("192.0.2.44", good).code());
    }

    private HttpResponse<?> post(String address, String code) {
        HttpRequest<String> request = HttpRequest.POST("/api/elections/" + election + "/ballots",
                        Voting.ballotJson(code, "a", Voting.submissionId()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Forwarded-For", address);
        try {
            return client.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }
}
