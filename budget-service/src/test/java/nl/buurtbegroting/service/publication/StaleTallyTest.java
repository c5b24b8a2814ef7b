package nl.buurtbegroting.service.publication;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An election tallied by an older build of the counting library (whose outcome carried search counters the
 * specification no longer has) and published after an upgrade: publication must not sign what nobody
 * reviewed, must not fail with a 500, and must not leave the election stuck. It refuses with 409
 * TALLY_OUTDATED, the organiser tallies again, and then it publishes.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = PublicationApiTest.CODE_KEY)
class StaleTallyTest extends ApiTestBase {

    @Inject
    DataSource dataSource;

    @Test
    void aTallyFromAnOlderLibraryIsCountedAgainBeforeItIsPublished() throws Exception {
        String organiser = api.account(admin, "stale", "ORGANISER", List.of());
        long election = PublicationApiTest.Fixtures.draft(api, organiser, "Buurtbudget Marsdijk");
        String path = "/api/elections/" + election;
        List<String> codes = PublicationApiTest.Fixtures.issue(api, organiser, election, 3, "Brief");
        api.post(path + "/open", null, organiser).ok(200);
        api.post(path + "/ballots", PublicationApiTest.Fixtures.ballot(codes.get(0), List.of("a", "b")), null).ok(201);
        api.post(path + "/ballots", PublicationApiTest.Fixtures.ballot(codes.get(1), List.of("c")), null).ok(201);
        api.post(path + "/close", null, organiser).ok(200);
        api.post(path + "/tally", null, organiser).ok(200);

        // What a tally stored by the old build looks like: the same outcome with a search counter in its details.
        String stored = storedOutcome(election);
        assertTrue(stored.contains("\"details\":{"), stored);
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE tally SET outcome_json = ? WHERE election_id = ?")) {
            s.setString(1, stored.replaceFirst("\"details\":\\{", "\"details\":{\"exactRuns\":\"9\","));
            s.setLong(2, election);
            assertEquals(1, s.executeUpdate());
        }

        Map<String, Object> decision = Map.of("councilDecision", "Raadsbesluit 2026-301");
        api.post(path + "/publish", decision, organiser).problem(409, "TALLY_OUTDATED");
        assertEquals("TALLIED", api.get(path, null).ok(200).get("state"));
        api.get(path + "/result", null).problem(409, "ELECTION_NOT_PUBLISHED");

        Map<String, Object> again = api.post(path + "/tally", null, organiser).ok(200).map();
        assertEquals(List.of("a", "b"), again.get("selected"));
        assertEquals(stored, storedOutcome(election));
        assertEquals("TALLIED", api.get(path, null).ok(200).get("state"));
        List<?> events = api.get("/api/audit?electionId=" + election, admin).ok(200).list();
        assertTrue(events.toString().contains("ELECTION_RETALLIED"), events.toString());

        api.post(path + "/publish", decision, organiser).ok(200);
        assertEquals("PUBLISHED", api.get(path, null).ok(200).get("state"));
    }

    private String storedOutcome(long election) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("SELECT outcome_json FROM tally WHERE election_id = ?")) {
            s.setLong(1, election);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getString(1);
            }
        }
    }
}
