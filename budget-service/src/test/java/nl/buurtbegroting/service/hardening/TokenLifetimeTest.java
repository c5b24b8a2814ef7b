package nl.buurtbegroting.service.hardening;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.core.json.JsonParser;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 11, fault 11: the configured token lifetime holds; signing out and disabling an account end its tokens. */
@MicronautTest(transactional = false)
class TokenLifetimeTest extends ApiTestBase {

    @Test
    void theConfiguredLifetimeHolds() throws Exception {
        Map<String, Object> answer = api.post("/api/login", Map.of("username", Api.ADMIN, "password", Api.ADMIN_PASSWORD), null)
                .ok(200).map();
        assertEquals(600, ((Number) answer.get("expires_in")).intValue(), answer.toString());
        String payload = ((String) answer.get("access_token")).split("\\.")[1];
        Map<String, Object> claims = JsonParser.object(JsonParser.STANDARD.parse("token claims", Base64.getUrlDecoder().decode(payload)));
        assertEquals(600, ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue());
    }

    @Test
    void signingOutAndDisablingEndTokens() throws Exception {
        String olga = api.account(admin, "olga-tokens", "ORGANISER", List.of());
        api.get("/api/elections", olga).ok(200);
        api.post("/api/accounts/me/sign-out", null, olga).ok(204);
        api.get("/api/elections", olga).problem(401, "TOKEN_ENDED");
        api.post("/api/elections", Api.election("Na afmelden"), olga).problem(401, "TOKEN_ENDED");
        Thread.sleep(1100); // tokens carry whole seconds: a login in the second of the sign-out counts as before it
        String again = api.login("olga-tokens", Api.PASSWORD);
        api.post("/api/elections", Api.election("Weer binnen"), again).ok(201);

        api.post("/api/accounts/olga-tokens/disable", null, admin).ok(200);
        api.post("/api/elections", Api.election("Uitgeschakeld"), again).problem(401, "TOKEN_ENDED");
        api.post("/api/login", Map.of("username", "olga-tokens", "password", Api.PASSWORD), null).ok(401);
    }
}
