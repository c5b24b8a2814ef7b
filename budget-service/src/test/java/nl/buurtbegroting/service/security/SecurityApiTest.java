package nl.buurtbegroting.service.security;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class SecurityApiTest extends ApiTestBase {

    @Inject
    AccountRepository accounts;

    @Test
    void loginReturnsABearerTokenWithTheRole() {
        Map<String, Object> token = api.post("/api/login", Map.of("username", Api.ADMIN, "password", Api.ADMIN_PASSWORD), null).ok(200).map();

        assertEquals("admin", token.get("username"));
        assertEquals(List.of("ADMIN"), token.get("roles"));
        assertEquals("Bearer", token.get("token_type"));
        assertEquals(3, ((String) token.get("access_token")).split("\\.").length);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameRefusal() {
        Api.Res wrong = api.post("/api/login", Map.of("username", Api.ADMIN, "password", "not-the-password"), null);
        Api.Res unknown = api.post("/api/login", Map.of("username", "nobody", "password", "not-the-password"), null);

        wrong.problem(401, "UNAUTHORIZED");
        unknown.problem(401, "UNAUTHORIZED");
        assertEquals(wrong.body(), unknown.body());
    }

    @Test
    void tamperedTokenIsRefused() {
        String token = api.adminToken();
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        api.get("/api/accounts", tampered).problem(401, "UNAUTHORIZED");
    }

    @Test
    void unsignedTokenIsRefused() {
        String[] parts = api.adminToken().split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        api.get("/api/accounts", none + "." + parts[1] + ".").problem(401, "UNAUTHORIZED");
    }

    @Test
    void adminCreatesAccountsAndThePasswordIsStoredHashedOnly() {
        Map<String, Object> created = api.post("/api/accounts", Map.of("username", "wijkteam-noord",
                "password", Api.PASSWORD, "role", "ORGANISER"), admin).ok(201).map();

        assertEquals(Set.of("id", "username", "role", "elections", "createdAt"), created.keySet());
        assertEquals("wijkteam-noord", created.get("username"));
        assertEquals("ORGANISER", created.get("role"));
        assertEquals(List.of(), created.get("elections"));
        String stored = accounts.findByUsername("wijkteam-noord").orElseThrow().passwordHash();
        assertTrue(stored.startsWith("pbkdf2-sha256$"), stored);
        assertFalse(stored.contains(Api.PASSWORD));
        assertNotNull(api.login("wijkteam-noord", Api.PASSWORD));
    }

    @Test
    void accountRulesAreEnforced() {
        api.post("/api/accounts", Map.of("username", "kort", "password", "short", "role", "AUDITOR"), admin)
                .invalid("password", "SIZE");
        api.post("/api/accounts", Map.of("username", "met spatie", "password", Api.PASSWORD, "role", "AUDITOR"), admin)
                .invalid("username", "PATTERN");
        api.post("/api/accounts", Map.of("username", Api.ADMIN, "password", Api.PASSWORD, "role", "AUDITOR"), admin)
                .problem(409, "USERNAME_TAKEN");
        api.post("/api/accounts", Map.of("username", "aud-grant", "password", Api.PASSWORD, "role", "AUDITOR",
                "elections", List.of(1)), admin).invalid("elections", "GRANT_NEEDS_ORGANISER");
    }

    @Test
    void onlyAdminsManageAccounts() {
        String organiser = api.account(admin, "org-acc", "ORGANISER", List.of());
        String auditor = api.account(admin, "aud-acc", "AUDITOR", List.of());
        Map<String, Object> body = Map.of("username", "sneaky", "password", Api.PASSWORD, "role", "ADMIN");

        api.post("/api/accounts", body, organiser).problem(403, "FORBIDDEN");
        api.post("/api/accounts", body, auditor).problem(403, "FORBIDDEN");
        api.post("/api/accounts", body, null).problem(401, "UNAUTHORIZED");
        api.get("/api/accounts", organiser).problem(403, "FORBIDDEN");
        assertTrue(api.get("/api/accounts", auditor).ok(200).list().stream().anyMatch(a -> "aud-acc".equals(a.get("username"))));
        assertFalse(api.get("/api/accounts", admin).ok(200).body().contains("pbkdf2"));
    }

    @Test
    void adminGrantsAnOrganiserAnElection() {
        String owner = api.account(admin, "owner", "ORGANISER", List.of());
        String helper = api.account(admin, "helper", "ORGANISER", List.of());
        long election = api.post("/api/elections", Api.election("Met hulp"), owner).ok(201).id();
        api.patch("/api/elections/" + election, Map.of("budget", 9), helper).problem(403, "FORBIDDEN");

        Map<String, Object> account = api.post("/api/accounts/helper/elections/" + election, null, admin).ok(200).map();

        assertEquals(List.of(election), ((List<?>) account.get("elections")).stream().map(n -> ((Number) n).longValue()).toList());
        assertEquals(9, ((Number) api.patch("/api/elections/" + election, Map.of("budget", 9), helper).ok(200).get("budget")).intValue());
        api.post("/api/accounts/helper/elections/" + election, null, owner).problem(403, "FORBIDDEN");
        api.post("/api/accounts/nobody/elections/" + election, null, admin).problem(404, "ACCOUNT_NOT_FOUND");
    }

    @Test
    void bootstrapIsRefusedOnceAnAdminExists() {
        api.post("/api/bootstrap", Map.of("token", "guess", "username", "mallory", "password", Api.PASSWORD), null)
                .problem(403, "BOOTSTRAP_REFUSED");
        assertTrue(accounts.findByUsername("mallory").isEmpty());
    }

    @Test
    void everyChangeIsInTheAuditLogWithoutSecrets() {
        String organiser = api.account(admin, "audited", "ORGANISER", List.of());
        long election = api.openableElection(organiser, "Gecontroleerd");
        api.post("/api/elections/" + election + "/open", null, organiser).ok(200);
        api.post("/api/elections/" + election + "/close", null, organiser).ok(200);
        String auditor = api.account(admin, "controleur", "AUDITOR", List.of());

        List<Map<String, Object>> events = api.get("/api/audit?electionId=" + election, auditor).ok(200).list();

        assertEquals(List.of("ELECTION_CREATED", "GRANT_ADDED", "PROPOSAL_CREATED", "ELECTION_OPEN", "ELECTION_CLOSED"),
                events.stream().map(e -> e.get("action")).toList());
        assertTrue(events.stream().allMatch(e -> "audited".equals(e.get("actor")) && e.get("occurredAt") != null));
        assertEquals("DRAFT -> OPEN", events.get(3).get("detail"));
        String all = api.get("/api/audit", admin).ok(200).body();
        assertTrue(all.contains("ACCOUNT_CREATED"));
        assertFalse(all.contains(Api.PASSWORD));
        assertFalse(all.contains(Api.ADMIN_PASSWORD));
        api.get("/api/audit", organiser).problem(403, "FORBIDDEN");
        api.get("/api/audit", null).problem(401, "UNAUTHORIZED");
    }
}
