package nl.buurtbegroting.service.hardening;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 11, faults 9 and 10: strict JSON types, no duplicate or unknown members, dates in a sane range. */
@MicronautTest(transactional = false)
class StrictJsonTest extends ApiTestBase {

    private static final String ELECTION = "{\"name\":\"Strikt\",\"neighbourhood\":\"Oost\",\"budget\":%s,\"rule\":\"greedy\"%s}";

    @Test
    void aValueOfTheWrongJsonTypeIsRefusedWithItsField() {
        // The other tests of this class store valid elections of the same name; only what these requests add counts.
        long before = stored("Strikt");
        api.post("/api/elections", ELECTION.formatted("\"100\"", ""), admin).invalid("budget", "WRONG_TYPE");
        api.post("/api/elections", ELECTION.formatted("1.5", ""), admin).invalid("budget", "WRONG_TYPE");
        api.post("/api/elections", ELECTION.formatted("true", ""), admin).invalid("budget", "WRONG_TYPE");
        api.post("/api/elections", ELECTION.formatted("100", ",\"currency\":978"), admin).invalid("currency", "WRONG_TYPE");
        api.post("/api/elections", "{\"name\":12,\"neighbourhood\":\"Oost\",\"budget\":100,\"rule\":\"greedy\"}", admin)
                .invalid("name", "WRONG_TYPE");
        api.post("/api/elections", ELECTION.formatted("100", ",\"ballot\":{\"format\":\"APPROVAL\",\"maxProjects\":2.5}"), admin)
                .invalid("ballot.maxProjects", "WRONG_TYPE");
        api.post("/api/elections", ELECTION.formatted("100", ",\"ballot\":{\"format\":\"NONE\"}"), admin)
                .invalid("ballot.format", "UNKNOWN_VALUE");
        api.post("/api/elections", ELECTION.formatted("100", ",\"categories\":{\"name\":\"x\"}"), admin)
                .invalid("categories", "WRONG_TYPE");
        api.post("/api/elections", ELECTION.formatted("100", ",\"ballot\":{\"format\":\"APPROVAL\",\"maxProjects\":99999999999}"), admin)
                .invalid("ballot.maxProjects", "NUMBER_OUT_OF_RANGE");
        api.post("/api/elections", ELECTION.formatted("123456789012345678901234567890", ""), admin)
                .invalid("budget", "NUMBER_OUT_OF_RANGE");
        assertEquals(before, stored("Strikt"), "no refused request stored an election");
    }

    private long stored(String name) {
        return api.get("/api/elections", admin).list().stream().filter(e -> name.equals(e.get("name"))).count();
    }

    @Test
    void duplicateAndUnknownMembersAreRefused() {
        api.post("/api/elections", "{\"name\":\"A\",\"name\":\"B\",\"neighbourhood\":\"Oost\",\"budget\":100,\"rule\":\"greedy\"}", admin)
                .invalid("name", "DUPLICATE_FIELD");
        api.post("/api/elections", ELECTION.formatted("100", ",\"budgte\":5"), admin).invalid("budgte", "UNKNOWN_FIELD");
        long id = Lifecycle.draft(api, admin, "Leden");
        api.post("/api/elections/" + id + "/ballots", "{\"code\":\"x\",\"projects\":[\"a\"],\"submissionId\":\"0123456789abcdef\",\"extra\":1}", null)
                .invalid("extra", "UNKNOWN_FIELD");
        api.post("/api/elections/" + id + "/ballots", "{\"code\":\"x\",\"projects\":[\"a\"],\"points\":[1.5],\"submissionId\":\"0123456789abcdef\"}", null)
                .invalid("points[0]", "WRONG_TYPE");
        api.post("/api/elections/" + id + "/code-batches", "{\"count\":\"5\",\"label\":\"x\"}", admin).invalid("count", "WRONG_TYPE");
        api.patch("/api/elections/" + id + "/proposals/1", "{\"cost\":1e3}", admin).invalid("cost", "WRONG_TYPE");
        // A valid body still binds.
        api.post("/api/elections", ELECTION.formatted("100", ""), admin).ok(201);
    }

    @Test
    void datesOutsideASaneRangeAreRefused() {
        api.post("/api/elections", ELECTION.formatted("100", ",\"votingCloses\":\"+999999999-12-31T23:59:59Z\""), admin)
                .invalid("votingCloses", "DATE_OUT_OF_RANGE");
        api.post("/api/elections", ELECTION.formatted("100", ",\"votingOpens\":\"1970-01-01T00:00:00Z\""), admin)
                .invalid("votingOpens", "DATE_OUT_OF_RANGE");
        api.post("/api/elections", ELECTION.formatted("100", ",\"votingOpens\":\"next tuesday\""), admin)
                .invalid("votingOpens", "NOT_A_DATE");
        api.post("/api/elections", ELECTION.formatted("100", ",\"votingOpens\":\"2026-05-01T09:00:00Z\",\"votingCloses\":\"2026-05-21T17:00:00Z\""), admin)
                .ok(201);
    }
}
