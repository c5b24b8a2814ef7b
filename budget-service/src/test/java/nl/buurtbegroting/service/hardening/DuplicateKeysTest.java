package nl.buurtbegroting.service.hardening;

import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A JSON member given twice is the same 400 on every address that reads a body: VALIDATION_FAILED with the violation
 * DUPLICATE_FIELD at the member's path. The login answered 401 (or, with the password twice, let the caller in) because
 * the security module bound its body without the strict reading the service's own requests get.
 */
@MicronautTest(transactional = false)
class DuplicateKeysTest extends ApiTestBase {

    private long election;
    private long proposal;

    @BeforeAll
    void anElection() {
        election = api.draftWithThreeProposals(admin, "Dubbel", Map.of());
        proposal = ((Number) api.get("/api/elections/" + election + "/proposals", admin).ok(200).list().get(0).get("id")).longValue();
    }

    private void duplicate(HttpMethod method, String path, String body, String field, String token) {
        Api.Res r = api.call(method, path, body, token);
        Map<String, Object> p = r.invalid(field, "DUPLICATE_FIELD");
        assertEquals("this member appears more than once; send it once", p.get("detail"), path);
    }

    @Test
    void everyAddressThatReadsJsonAnswersADuplicateMemberTheSameWay() {
        String e = "/api/elections/" + election;
        duplicate(HttpMethod.POST, "/api/login", "{\"username\":\"admin\",\"username\":\"x\",\"password\":\"y\"}", "username", null);
        duplicate(HttpMethod.POST, "/api/login", "{\"username\":\"admin\",\"password\":\"" + Api.ADMIN_PASSWORD
                + "\",\"password\":\"" + Api.ADMIN_PASSWORD + "\"}", "password", null);
        duplicate(HttpMethod.POST, "/api/bootstrap", "{\"token\":\"a\",\"token\":\"b\"}", "token", null);
        duplicate(HttpMethod.POST, "/api/accounts", "{\"username\":\"a\",\"username\":\"b\"}", "username", admin);
        duplicate(HttpMethod.POST, "/api/elections", "{\"name\":\"A\",\"name\":\"B\"}", "name", admin);
        duplicate(HttpMethod.POST, "/api/elections", "{\"ballot\":{\"format\":\"APPROVAL\",\"format\":\"KNAPSACK\"}}", "ballot.format", admin);
        duplicate(HttpMethod.PATCH, e, "{\"budget\":1,\"budget\":2}", "budget", admin);
        duplicate(HttpMethod.POST, e + "/extend", "{\"votingCloses\":\"2099-01-01T00:00:00Z\",\"votingCloses\":\"2099-01-02T00:00:00Z\"}", "votingCloses", admin);
        duplicate(HttpMethod.POST, e + "/schedule", "{\"votingOpens\":\"2099-01-01T00:00:00Z\",\"votingOpens\":\"2099-01-02T00:00:00Z\"}", "votingOpens", admin);
        duplicate(HttpMethod.POST, e + "/proposals", "{\"title\":\"A\",\"title\":\"B\"}", "title", admin);
        duplicate(HttpMethod.PATCH, e + "/proposals/" + proposal, "{\"cost\":1,\"cost\":2}", "cost", admin);
        duplicate(HttpMethod.PUT, e + "/proposals/order", "{\"proposalIds\":[],\"proposalIds\":[]}", "proposalIds", admin);
        duplicate(HttpMethod.POST, e + "/code-batches", "{\"count\":1,\"count\":2,\"label\":\"x\"}", "count", admin);
        duplicate(HttpMethod.POST, e + "/ballots", "{\"code\":\"A\",\"code\":\"B\"}", "code", null);
        duplicate(HttpMethod.POST, e + "/paper-ballots", "{\"code\":\"A\",\"code\":\"B\"}", "code", admin);
        duplicate(HttpMethod.POST, e + "/publish", "{\"councilDecision\":\"A\",\"councilDecision\":\"B\"}", "councilDecision", admin);
    }

    @Test
    void theLoginIsReadAsStrictlyAsEveryOtherBody() {
        api.post("/api/login", "{\"username\":\"admin\",\"password\":\"" + Api.ADMIN_PASSWORD + "\",\"remember\":true}", null)
                .invalid("remember", "UNKNOWN_FIELD");
        Map<String, Object> p = api.post("/api/login", "{\"username\":1,\"password\":\"x\"}", null).invalid("username", "WRONG_TYPE");
        assertEquals("must be text, not a whole number", p.get("detail"));
        api.post("/api/login", "{\"username\":\"admin\"}", null).invalid("password", "NOT_BLANK");
        Map<String, Object> syntax = api.post("/api/login", "{\"username\":\"admin\"", null).problem(400, "MALFORMED_REQUEST");
        assertEquals(1, ((Number) syntax.get("line")).intValue());
        // A correct login still works, and the refusals above did not count as failed logins against the address.
        for (int i = 0; i < 12; i++) {
            api.post("/api/login", "{\"username\":\"admin\",\"username\":\"admin\",\"password\":\"x\"}", null).invalid("username", "DUPLICATE_FIELD");
        }
        api.login(Api.ADMIN, Api.ADMIN_PASSWORD);
    }

    @Test
    void theLoginTakesJsonOnlySoAFormCannotRepeatAField() {
        Api.Res r = api.call(HttpMethod.POST, "/api/login", null, null);
        r.problem(400, "MALFORMED_REQUEST");
        io.micronaut.http.MutableHttpRequest<String> form = io.micronaut.http.HttpRequest.POST("/api/login",
                "username=admin&username=admin&password=" + Api.ADMIN_PASSWORD)
                .contentType(io.micronaut.http.MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        try {
            client.toBlocking().exchange(form, String.class);
            org.junit.jupiter.api.Assertions.fail("a form login was let in");
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException refused) {
            assertEquals(415, refused.getStatus().getCode());
            String body = refused.getResponse().getBody(String.class).orElse("");
            org.junit.jupiter.api.Assertions.assertTrue(body.contains("\"code\":\"UNSUPPORTED_MEDIA_TYPE\""), body);
            org.junit.jupiter.api.Assertions.assertTrue(body.contains("Send the login as JSON"), body);
        }
    }
}
