package nl.buurtbegroting.service.demo;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import nl.buurtbegroting.service.security.AccountRepository;
import nl.buurtbegroting.service.security.ElectionGrantRepository;
import nl.buurtbegroting.service.security.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@Property(name = "bb.demo", value = "true")
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DemoModeTest extends ApiTestBase {

    @Inject
    AccountRepository accounts;

    @Inject
    ElectionGrantRepository grants;

    @Test
    @org.junit.jupiter.api.Order(1)
    void demoOpensARealElectionAndMakesAnOrganiserForIt() {

        List<Map<String, Object>> open = api.get("/api/elections", null).ok(200).list();

        assertEquals(1, open.size());
        Map<String, Object> assen = open.get(0);
        assertEquals("Assen Top Idee", assen.get("name"));
        assertEquals("OPEN", assen.get("state"));
        long id = ((Number) assen.get("id")).longValue();
        assertEquals(14, api.get("/api/elections/" + id + "/proposals", null).ok(200).list().size());
        assertEquals(Role.ORGANISER, accounts.findByUsername("demo").orElseThrow().role());
        assertTrue(grants.existsByUsernameAndElectionId("demo", id));
    }

    @Inject
    DemoLoader loader;

    @Inject
    io.micronaut.runtime.server.EmbeddedServer server;

    @Test
    @org.junit.jupiter.api.Order(2)
    void aRestartTouchesOnlyTheElectionTheDemoMadeNeverARealOpenOne() {
        long demo = ((Number) api.get("/api/elections", null).ok(200).list().get(0).get("id")).longValue();
        // A real election of the same data directory, opened after the demo's.
        long real = api.openableElection(admin, "Echte begroting");
        api.post("/api/elections/" + real + "/open", null, admin).ok(200);
        api.post("/api/elections/" + demo + "/close", null, admin).ok(200);

        loader.onApplicationEvent(new io.micronaut.runtime.server.event.ServerStartupEvent(server));

        assertEquals(List.of(), api.get("/api/elections/" + real + "/code-batches", admin).ok(200).list(),
                "the demo issued codes for a real election");
        List<Map<String, Object>> all = api.get("/api/elections", admin).ok(200).list();
        long fresh = all.stream().mapToLong(e -> ((Number) e.get("id")).longValue()).max().orElseThrow();
        assertTrue(fresh > real, "the demo made a fresh election of its own");
        assertEquals("OPEN", api.get("/api/elections/" + fresh, admin).ok(200).get("state"));
        assertEquals(1, api.get("/api/elections/" + fresh + "/code-batches", admin).ok(200).list().size());
        assertEquals("CLOSED", api.get("/api/elections/" + demo, admin).ok(200).get("state"));
    }
}
