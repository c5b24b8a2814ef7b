package nl.buurtbegroting.service.demo;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Api;
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
class DemoModeTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    AccountRepository accounts;

    @Inject
    ElectionGrantRepository grants;

    @Test
    void demoOpensARealElectionAndMakesAnOrganiserForIt() {
        Api api = new Api(client, json);

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
}
