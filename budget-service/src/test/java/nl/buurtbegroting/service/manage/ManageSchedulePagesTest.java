package nl.buurtbegroting.service.manage;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team whose election is open but whose voting has not started (the letters went out with the wrong date) moves
 * the start and end on the election's page; what the service refuses comes back beside its field, with what was
 * typed. Once voting runs, the page offers only moving the end later.
 */
@MicronautTest(transactional = false)
class ManageSchedulePagesTest extends ApiTestBase {

    @Inject
    EmbeddedServer server;

    FormClient pages;
    FormClient.Session s;

    @BeforeAll
    void setUp() throws Exception {
        pages = new FormClient(server.getURL().toString(), "nl");
        s = pages.signIn("admin", "admin-password-for-tests");
    }

    private long scheduled(String name) {
        // 09:00 and 21:00 in Amsterdam (winter time)
        long id = api.draftWithThreeProposals(admin, name,
                Map.of("votingOpens", "2099-03-01T08:00:00Z", "votingCloses", "2099-03-15T20:00:00Z"));
        api.post("/api/elections/" + id + "/open", null, admin).ok(200);
        return id;
    }

    private HttpResponse<String> schedule(long id, String opens, String closes) throws Exception {
        return pages.post("/manage/elections/" + id + "/schedule", s.cookie(), "csrf=" + s.csrf()
                + "&opens=" + FormClient.enc(opens) + "&closes=" + FormClient.enc(closes));
    }

    private Object time(long id, String which) {
        return api.get("/api/elections/" + id, admin).ok(200).get(which);
    }

    @Test
    void beforeVotingStartsThePageMovesBothTimesInTheMunicipalitysTimeZone() throws Exception {
        long id = scheduled("Verkeerde datum in de brief");
        String page = pages.get("/manage/elections/" + id, s.cookie()).body();
        assertTrue(page.contains("Begin en einde van het stemmen verzetten"), page);
        assertTrue(page.contains("id=\"schedule-opens\" name=\"opens\" type=\"datetime-local\" value=\"2099-03-01T09:00\""), page);
        assertTrue(page.contains("id=\"schedule-closes\" name=\"closes\" type=\"datetime-local\" value=\"2099-03-15T21:00\""), page);
        assertFalse(page.contains("Stemmen verlengen"), "before the start there is one form for both times");

        // Later, into summer time: 10:00 in Amsterdam is 08:00 UTC.
        HttpResponse<String> moved = schedule(id, "2099-04-01T10:00", "2099-04-15T22:00");
        assertEquals(303, moved.statusCode(), moved.body());
        assertEquals("2099-04-01T08:00:00Z", time(id, "votingOpens"));
        assertEquals("2099-04-15T20:00:00Z", time(id, "votingCloses"));
        // Earlier works too, and a time left empty stays as it is.
        assertEquals(303, schedule(id, "2099-02-01T09:00", "").statusCode());
        assertEquals("2099-02-01T08:00:00Z", time(id, "votingOpens"));
        assertEquals("2099-04-15T20:00:00Z", time(id, "votingCloses"));
    }

    @Test
    void aRefusalComesBackBesideItsFieldWithWhatWasTyped() throws Exception {
        long id = scheduled("Einde voor begin");
        HttpResponse<String> refused = schedule(id, "2099-03-20T09:00", "2099-03-10T21:00");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("<p class=\"field-error\" id=\"schedule-closes-error\"><span class=\"visually-hidden\">"
                + "Fout:</span> Het einde van het stemmen moet na het begin liggen.</p>"), refused.body());
        assertTrue(refused.body().contains("value=\"2099-03-20T09:00\""), "what was typed comes back");
        assertTrue(refused.body().contains("aria-invalid=\"true\""), refused.body());

        HttpResponse<String> unreadable = schedule(id, "morgen", "2099-03-15T21:00");
        assertEquals(400, unreadable.statusCode());
        assertTrue(unreadable.body().contains("id=\"schedule-opens-error\""), unreadable.body());
        assertTrue(unreadable.body().contains("Vul een datum en tijd in, bijvoorbeeld 2026-05-31T18:00."), unreadable.body());
        assertTrue(unreadable.body().contains("value=\"morgen\""), unreadable.body());

        assertEquals("2099-03-01T08:00:00Z", time(id, "votingOpens"));
        assertEquals("2099-03-15T20:00:00Z", time(id, "votingCloses"));
    }

    @Test
    void onceVotingRunsThePageOffersOnlyALaterEnd() throws Exception {
        long id = api.draftWithThreeProposals(admin, "Loopt al", Map.of());
        api.post("/api/elections/" + id + "/open", null, admin).ok(200);
        String page = pages.get("/manage/elections/" + id, s.cookie()).body();
        assertTrue(page.contains("Stemmen verlengen"), page);
        assertFalse(page.contains("id=\"schedule-opens\""), page);
        // A form sent anyway (an old tab) is refused beside the start.
        HttpResponse<String> refused = schedule(id, "2099-03-20T09:00", "");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Het stemmen is al begonnen of er is al een stem binnen."), refused.body());
    }
}
