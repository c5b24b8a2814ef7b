package nl.buurtbegroting.service.election;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.core.audit.AuditBundle;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moving the voting times of an OPEN election ({@code POST /api/elections/{id}/schedule}). A team that opened an
 * election with its start typed a year late could not move it (only the end, only later, via /extend); before voting
 * starts both times now move either way, and once it has started the start is fixed and the end only moves later.
 */
@MicronautTest(transactional = false)
class VotingScheduleTest extends ApiTestBase {

    private static final String FAR_OPEN = "2099-03-01T08:00:00Z";
    private static final String FAR_CLOSE = "2099-03-15T20:00:00Z";

    private long scheduled(String name) {
        long id = api.draftWithThreeProposals(admin, name, Map.of("votingOpens", FAR_OPEN, "votingCloses", FAR_CLOSE));
        api.post("/api/elections/" + id + "/open", null, admin).ok(200);
        return id;
    }

    private Api.Res schedule(long id, Map<String, Object> body) {
        return api.post("/api/elections/" + id + "/schedule", body, admin);
    }

    private static Map<String, Object> ballot(String code) {
        return Map.of("code", code, "projects", List.of("a"), "submissionId", Api.submissionId());
    }

    @Test
    void beforeVotingStartsTheStartMovesEitherWayAndAPastStartMeansNow() {
        long id = scheduled("Te laat gepland");
        String code = api.issueCodes(admin, id, 1, "brieven").get(0);
        api.post("/api/elections/" + id + "/ballots", ballot(code), null).problem(409, "ELECTION_NOT_OPEN");

        Map<String, Object> later = schedule(id, Map.of("votingOpens", "2099-04-01T08:00:00Z", "votingCloses", "2099-04-15T20:00:00Z")).ok(200).map();
        assertEquals("2099-04-01T08:00:00Z", later.get("votingOpens"));
        assertEquals("2099-04-15T20:00:00Z", later.get("votingCloses"));
        // The end may move earlier too: nobody has been told "until" by a vote that has not begun.
        assertEquals("2099-04-10T20:00:00Z", schedule(id, Map.of("votingCloses", "2099-04-10T20:00:00Z")).ok(200).get("votingCloses"));

        Instant before = Instant.now();
        Map<String, Object> now = schedule(id, Map.of("votingOpens", "2020-01-01T00:00:00Z")).ok(200).map();
        Instant opens = Instant.parse((String) now.get("votingOpens"));
        assertFalse(opens.isBefore(before.minusMillis(1)), "a past start is stored as the moment of the change: " + opens);
        assertTrue(opens.isBefore(before.plus(Duration.ofMinutes(1))), opens.toString());

        api.post("/api/elections/" + id + "/ballots", ballot(code), null).ok(201);
        List<?> log = api.get("/api/audit?electionId=" + id, admin).ok(200).list();
        assertEquals(3, log.stream().filter(e -> ((Map<?, ?>) e).get("action").equals("VOTING_RESCHEDULED")).count(), log.toString());
    }

    @Test
    void onceVotingHasStartedTheStartIsFixedAndTheEndOnlyMovesLater() {
        long id = api.draftWithThreeProposals(admin, "Loopt al", Map.of("votingCloses", FAR_CLOSE));
        api.post("/api/elections/" + id + "/open", null, admin).ok(200);

        Map<String, Object> p = schedule(id, Map.of("votingOpens", FAR_OPEN)).invalid("votingOpens", "VOTING_STARTED");
        assertEquals("voting started when the election opened; its start no longer moves", p.get("detail"));
        p = schedule(id, Map.of("votingCloses", "2099-03-14T20:00:00Z")).invalid("votingCloses", "NOT_LATER");
        assertEquals("voting has started, so its end moves only later than the current end, " + FAR_CLOSE, p.get("detail"));
        schedule(id, Map.of("votingCloses", "2020-01-01T00:00:00Z")).invalid("votingCloses", "NOT_AFTER_NOW");
        assertEquals("2099-03-20T20:00:00Z", schedule(id, Map.of("votingCloses", "2099-03-20T20:00:00Z")).ok(200).get("votingCloses"));
    }

    @Test
    void aPaperBallotKeyedBeforeTheStartFixesTheStartToo() {
        long id = scheduled("Papier eerst");
        String code = api.issueCodes(admin, id, 1, "papier").get(0);
        api.post("/api/elections/" + id + "/paper-ballots", Map.of("code", code, "projects", List.of("a")), admin).ok(202);
        Map<String, Object> p = schedule(id, Map.of("votingOpens", "2099-02-01T08:00:00Z")).invalid("votingOpens", "VOTING_STARTED");
        assertEquals("voting started at " + FAR_OPEN + " and 1 ballot is in; its start no longer moves", p.get("detail"));
        assertEquals(FAR_OPEN, api.get("/api/elections/" + id, admin).ok(200).get("votingOpens"));
    }

    @Test
    void theEndStaysAfterTheStartAndSomethingMustChange() {
        long id = scheduled("Venster");
        Map<String, Object> p = schedule(id, Map.of("votingOpens", "2099-03-20T08:00:00Z")).invalid("votingCloses", "WINDOW_INVALID");
        assertEquals("votingCloses (" + FAR_CLOSE + ") must be after votingOpens (2099-03-20T08:00:00Z)", p.get("detail"));
        schedule(id, Map.of()).invalid("votingOpens", "NOTHING_TO_CHANGE");
        assertEquals(FAR_OPEN, api.get("/api/elections/" + id, admin).ok(200).get("votingOpens"));
    }

    @Test
    void onlyAnOpenElectionIsRescheduledHere() {
        long draft = api.draftWithThreeProposals(admin, "Nog concept", Map.of());
        Map<String, Object> p = schedule(draft, Map.of("votingOpens", FAR_OPEN)).problem(409, "ELECTION_NOT_OPEN");
        // ELECTION_NOT_OPEN answers in Dutch unless asked otherwise (it is also a resident's code); it says what to do.
        assertEquals("Stemming " + draft + " is nog een concept; verander de stemtijden met PATCH /api/elections/" + draft + ".",
                p.get("detail"));
        long closed = api.draftWithThreeProposals(admin, "Al dicht", Map.of());
        api.post("/api/elections/" + closed + "/open", null, admin).ok(200);
        api.post("/api/elections/" + closed + "/close", null, admin).ok(200);
        schedule(closed, Map.of("votingCloses", FAR_CLOSE)).problem(409, "ELECTION_NOT_OPEN");
        schedule(Long.MAX_VALUE, Map.of("votingCloses", FAR_CLOSE)).problem(404, "ELECTION_NOT_FOUND");
    }

    @Test
    void aRescheduleIsAnEventOfTheAuditBundle() {
        long id = scheduled("In de bundel");
        String code = api.issueCodes(admin, id, 1, "brieven").get(0);
        schedule(id, Map.of("votingOpens", "2020-01-01T00:00:00Z", "votingCloses", "2099-02-01T00:00:00Z")).ok(200);
        api.post("/api/elections/" + id + "/ballots", ballot(code), null).ok(201);
        String base = "/api/elections/" + id;
        api.post(base + "/close", null, admin).ok(200);
        api.post(base + "/tally", null, admin).ok(200);
        api.post(base + "/publish", Map.of("councilDecision", "Besluit " + id), admin).ok(200);
        byte[] zip = client.toBlocking().retrieve(HttpRequest.GET(base + "/audit-bundle"), byte[].class);
        String events = new String(AuditBundle.fromZip(zip).file(AuditBundle.EVENTS), StandardCharsets.UTF_8);
        assertTrue(events.contains("\"type\":\"voting-rescheduled\""), events);
        assertTrue(events.contains("\"votingCloses\":\"2099-02-01T00:00:00Z\""), events);
    }
}
