package nl.buurtbegroting.service.hardening;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An election of 4,000 proposals (the service accepts 5,000) counted with the exact knapsack, whose search goes one
 * level deeper per proposal: when it recursed, a request thread's stack overflowed from about 2,500 proposals, the
 * tally answered 500 and the election could never leave CLOSED. budget-core's search now keeps its own stack.
 */
// Importing thousands of proposals takes longer than the client's default 10 s on a loaded machine.
@Property(name = "micronaut.http.client.read-timeout", value = "120s")
@MicronautTest(transactional = false)
class DeepSearchTest extends ApiTestBase {

    @Test
    void fourThousandProposalsAreTalliedAndPublishedWithTheExactKnapsack() {
        StringBuilder file = new StringBuilder("META\nkey;value\ndescription;Diep\nunit;Oost\nnum_projects;4000\nnum_votes;0\n"
                + "budget;2500\nvote_type;approval\nrule;knapsack\nPROJECTS\nproject_id;cost;name\n");
        for (int i = 1; i <= 4000; i++) {
            file.append(i).append(";1;Voorstel ").append(i).append('\n');
        }
        file.append("VOTES\nvoter_id;vote\n");
        HttpResponse<String> imported = client.toBlocking().exchange(HttpRequest.POST("/api/elections/import",
                file.toString().getBytes(StandardCharsets.UTF_8)).contentType(MediaType.TEXT_PLAIN_TYPE).bearerAuth(admin), String.class);
        assertEquals(201, imported.code());
        long id = ((Number) json(imported.body()).get("id")).longValue();
        String base = "/api/elections/" + id;
        assertEquals("knapsack", api.get(base, admin).get("rule"));
        List<String> codes = Lifecycle.issue(api, admin, id, 1, "brief");
        api.post(base + "/open", null, admin).ok(200);
        api.post(base + "/ballots", Lifecycle.ballot(codes.get(0), List.of("1", "3999")), null).ok(201);
        api.post(base + "/close", null, admin).ok(200);
        Map<String, Object> tally = api.post(base + "/tally", null, admin).ok(200).map();
        // Every proposal costs 1: the optimum funds 2,500 of them, the two with a vote among them.
        assertEquals(2500, ((List<?>) tally.get("selected")).size());
        assertEquals(true, ((List<?>) tally.get("selected")).containsAll(List.of("1", "3999")));
        Map<String, Object> result = api.post(base + "/publish", Map.of("councilDecision", "Besluit diep"), admin).ok(200).map();
        assertEquals("PUBLISHED", result.get("state"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(String body) {
        return (Map<String, Object>) nl.buurtbegroting.core.json.JsonParser.object(
                nl.buurtbegroting.core.json.JsonParser.STANDARD.parse("answer", body.getBytes(StandardCharsets.UTF_8)));
    }
}
