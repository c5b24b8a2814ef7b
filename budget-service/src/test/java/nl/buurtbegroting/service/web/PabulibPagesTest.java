package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.core.json.JsonParser;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static nl.buurtbegroting.service.web.WebClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page rendered with real elections: the demo election (Assen 2024, approval with a minimum) and two more
 * Pabulib elections of other formats (Częstochowa 2020 Podjasnogórska, cumulative with 10 points; Mechanical Turk
 * Knapsack 7, approval up to 11 projects in US dollars). Each is imported, opened, voted on through the vote page,
 * tallied and published; every page shows every proposal, and the result page agrees with the API's result.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
class PabulibPagesTest extends ApiTestBase {

    static final String INSTANCES = "../budget-core/src/test/resources/pabulib/instances/";

    @Inject
    EmbeddedServer server;

    WebClient web;

    @BeforeAll
    void setUp() {
        web = new WebClient(server.getURL().toString());
    }

    private byte[] file(String name) throws IOException {
        if (name.equals("demo")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("demo/Netherlands_Assen_2024.pb")) {
                return in.readAllBytes();
            }
        }
        return Files.readAllBytes(Path.of(INSTANCES + name + ".pb"));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"demo", "Poland_Czestochowa_2020_Podjasnogorska", "Worldwide_Mechanical_Turk_Knapsack_7"})
    void everyPageShowsTheRealElectionAndTheResultAgreesWithTheApi(String name) throws IOException {
        String body = client.toBlocking().retrieve(HttpRequest.POST("/api/elections/import", file(name))
                .contentType(MediaType.TEXT_PLAIN_TYPE).bearerAuth(admin));
        long id = ((Number) JsonParser.object(JsonParser.STANDARD.parse("election", body)).get("id")).longValue();
        // Real elections closed long ago; issue 11 refuses to open one whose end of voting has passed.
        api.patch("/api/elections/" + id, Map.of("votingOpens", java.time.Instant.now().minusSeconds(3600).toString(),
                "votingCloses", java.time.Instant.now().plusSeconds(7 * 24 * 3600).toString()), admin).ok(200);
        api.post("/api/elections/" + id + "/open", null, admin).ok(200);
        Map<String, Object> election = api.get("/api/elections/" + id, null).ok(200).map();
        Map<String, Object> ballot = (Map<String, Object>) election.get("ballot");
        List<Map<String, Object>> proposals = api.get("/api/elections/" + id + "/proposals", null).ok(200).list();
        List<Map<String, Object>> admitted = proposals.stream().filter(p -> "ELIGIBLE".equals(p.get("verdict"))).toList();

        String electionPage = web.get("/elections/" + id).mainText();
        String votePage = web.get("/vote/" + id).mainText();
        for (Map<String, Object> p : proposals) {
            String title = ((String) p.get("title")).replaceAll("\\s+", " ").strip();
            assertTrue(electionPage.contains(title), title + " on the election page");
            if ("ELIGIBLE".equals(p.get("verdict"))) {
                assertTrue(votePage.contains(title), title + " on the vote page");
            }
        }

        // Twelve residents vote through the page: the cheapest admitted proposals, as many as the ballot needs.
        List<Map<String, Object>> cheapest = new ArrayList<>(admitted);
        cheapest.sort(Comparator.comparingLong(p -> ((Number) p.get("cost")).longValue()));
        int n = ballot.get("minProjects") == null ? 1 : Math.max(1, ((Number) ballot.get("minProjects")).intValue());
        List<String> codes = Elections.codes(api, admin, id, 12, "Wijk");
        for (int i = 0; i < codes.size(); i++) {
            List<String[]> form = new ArrayList<>();
            form.add(field("code", codes.get(i)));
            form.add(field("submissionId", "pabulib-page-" + id + "-" + i + "-xxxx"));
            for (int k = 0; k < n; k++) {
                String code = (String) cheapest.get((i + k) % cheapest.size()).get("code");
                if ("CUMULATIVE".equals(ballot.get("format"))) {
                    form.add(field("points." + code, "1"));
                } else {
                    form.add(field("project", code));
                }
            }
            WebClient.Page review = web.post("/vote/" + id, form);
            assertEquals(200, review.status(), review.mainText());
            WebClient.Page receipt = web.post("/vote/" + id + "/cast", review.hiddenFields());
            assertEquals(200, receipt.status(), receipt.mainText());
        }
        api.post("/api/elections/" + id + "/close", null, admin).ok(200);
        api.post("/api/elections/" + id + "/tally", null, admin).ok(200);
        api.post("/api/elections/" + id + "/publish", Map.of("councilDecision", "Besluit " + name), admin).ok(200);
        Map<String, Object> result = api.get("/api/elections/" + id + "/result?explanations=all", null).ok(200).map();

        WebClient.Page page = web.get("/elections/" + id + "/result");
        assertEquals(200, page.status());
        String text = page.mainText();
        List<Object> selected = (List<Object>) result.get("selected");
        assertTrue(text.contains("Plannen die geld krijgen (" + selected.size() + ")"), text);
        for (Map<String, Object> p : (List<Map<String, Object>>) result.get("projects")) {
            Map<String, Object> nl = (Map<String, Object>) ((Map<String, Object>) p.get("explanation")).get("nl");
            assertTrue(text.contains(((String) p.get("title")).replaceAll("\\s+", " ").strip()), p.get("title") + " in the result");
            assertTrue(text.contains(((String) nl.get("headline")).replaceAll("\\s+", " ").strip()), "explanation of " + p.get("id"));
        }
        assertTrue(text.contains("Stemmen in totaal 12"), text);
        // The page's own texts; budget-core's explanations and the organisers' summaries are written elsewhere
        // (some tie-break explanations list every tied project in one sentence).
        assertEquals(List.of(), Sentences.tooLongInHtml(page.body(), true), "Dutch sentences of the result page");
        assertEquals(List.of(), Sentences.tooLongInHtml(web.get("/elections/" + id).body(), true), "Dutch sentences of the election page");
        assertTrue(page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 90_000, "result page weight");
        assertEquals(200, web.get("/elections/" + id + "/check").status());
        assertEquals(200, web.get("/").status());
    }
}
