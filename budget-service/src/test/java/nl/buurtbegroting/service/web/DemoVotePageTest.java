package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The newcomer's first step: {@code --demo} loads Assen 2024, whose own dates lie in 2024. Issue 11 refuses ballots
 * outside the voting times, so the demo must vote around now, or the vote link it prints would only say "not open".
 */
@MicronautTest(transactional = false)
@Property(name = "bb.demo", value = "true")
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
class DemoVotePageTest extends ApiTestBase {

    @Inject
    EmbeddedServer server;

    @Test
    void theDemoElectionTakesVotesNowAndItsVotePageShowsTheForm() {
        List<Map<String, Object>> open = api.get("/api/elections", null).ok(200).list();
        assertEquals(1, open.size(), open.toString());
        Map<String, Object> assen = api.get("/api/elections/" + open.get(0).get("id"), null).ok(200).map();
        Instant now = Instant.now();
        assertTrue(!Instant.parse((String) assen.get("votingOpens")).isAfter(now), assen.toString());
        assertTrue(Instant.parse((String) assen.get("votingCloses")).isAfter(now.plusSeconds(7 * 24 * 3600)), assen.toString());
        WebClient.Page vote = new WebClient(server.getURL().toString()).get("/vote/" + assen.get("id"));
        assertEquals(200, vote.status());
        assertTrue(vote.body().contains("name=\"code\""), vote.mainText());
        assertTrue(vote.mainText().contains("Assen"), vote.mainText());
    }
}
