package nl.buurtbegroting.service.problem;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "ProblemApiTest")
@Property(name = "micronaut.server.max-request-size", value = "16384")
class ProblemApiTest extends ApiTestBase {

    @Requires(property = "spec.name", value = "ProblemApiTest")
    @Controller("/test/boom")
    @Secured(SecurityRule.IS_ANONYMOUS)
    static class BoomController {
        @Get
        String boom() {
            throw new IllegalStateException("secret internal detail at db.internal:5432");
        }
    }

    @Test
    void unexpectedErrorIsABare500() {
        Api.Res res = api.get("/test/boom", null);

        Map<String, Object> problem = res.problem(500, "INTERNAL_ERROR");
        assertEquals(Set.of("type", "title", "status", "code"), problem.keySet());
        assertFalse(res.body().contains("secret"));
        assertFalse(res.body().contains("IllegalStateException"));
    }

    @Test
    void unknownAddressIsAProblem() {
        api.get("/api/no-such-thing", null).problem(404, "NOT_FOUND");
    }

    @Test
    void bodyOverTheLimitIsRefused() {
        String huge = "{\"name\": \"" + "x".repeat(40_000) + "\"}";
        Api.Res res = api.post("/api/elections", huge, api.adminToken());
        assertEquals(413, res.status(), res.body());
        assertFalse(res.body().contains("Exception"));
    }

    @Test
    void openApiDocumentIsServed() {
        Api.Res res = api.get("/swagger/buurtbegroting.yml", null).ok(200);

        assertTrue(res.body().startsWith("openapi: 3"), res.body().substring(0, 40));
        assertTrue(res.contentType().startsWith("application/yaml"), "not text/plain (issue 11): " + res.contentType());
        assertTrue(res.body().contains("/api/elections/{id}/open:"));
        assertTrue(res.body().contains("/api/elections/{electionId}/proposals:"));
        assertTrue(res.body().contains("bearerFormat: JWT"));
        assertTrue(res.body().contains("/api/login:"), "the login endpoint of micronaut-security is documented too");
    }

    @Test
    void swaggerUiIsServedWithoutTheInternet() {
        Api.Res page = api.get("/swagger-ui/index.html", null).ok(200);
        assertTrue(page.contentType().startsWith("text/html"));
        assertTrue(page.body().contains("swagger-ui"));
        assertFalse(page.body().contains("unpkg.com"), "scripts come from the jar, not a CDN");
    }

    @Test
    void healthIsPublic() {
        assertEquals("UP", api.get("/health", null).ok(200).get("status"));
    }
}
