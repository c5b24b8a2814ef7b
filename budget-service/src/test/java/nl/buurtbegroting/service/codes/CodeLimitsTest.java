package nl.buurtbegroting.service.codes;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How many codes one request and one election may have. A batch has at most 200,000 codes (one is made in memory);
 * an election at most {@code bb.codes.max-per-election} (2,000,000 by default, 25 here) in batches not revoked,
 * counting those awaiting approval. Before, any number of batches could fill the database.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.codes.max-per-election", value = "25")
class CodeLimitsTest extends ApiTestBase {

    private String batches(long id) {
        return "/api/elections/" + id + "/code-batches";
    }

    @Test
    void aBatchOverTheBatchLimitNamesTheLimit() {
        long id = api.openableElection(admin, "Grote reeks");
        Map<String, Object> p = api.post(batches(id), Map.of("count", 200_001, "label", "brieven"), admin).invalid("count", "MAX");
        assertEquals("must be at most 200000 codes a batch; issue several batches for more", p.get("detail"));
        api.post(batches(id), Map.of("count", 0, "label", "brieven"), admin).invalid("count", "POSITIVE");
        api.post(batches(id), Map.of("count", 3_000_000_000L, "label", "brieven"), admin).invalid("count", "NUMBER_OUT_OF_RANGE");
        api.post(batches(id), "{\"count\":1e9,\"label\":\"brieven\"}", admin).invalid("count", "WRONG_TYPE");
    }

    @Test
    void anElectionHoldsAtMostTheLimitAndARevokedBatchMakesRoom() {
        long id = api.openableElection(admin, "Volle stemming");
        api.issueCodes(admin, id, 20, "brieven");
        Map<String, Object> p = api.post(batches(id), Map.of("count", 6, "label", "extra"), admin).problem(409, "TOO_MANY_CODES");
        assertEquals("Election " + id + " has 20 codes in batches that are not revoked; 6 more would pass the limit of 25"
                + " codes an election (bb.codes.max-per-election). At most 5 more can be issued.", p.get("detail"));
        assertEquals(25, ((Number) p.get("limit")).intValue());
        assertEquals(20, ((Number) p.get("issued")).intValue());
        assertEquals(6, ((Number) p.get("requested")).intValue());
        assertEquals(1, api.get(batches(id), admin).ok(200).list().size(), "nothing of the refused batch is stored");

        assertEquals(5, api.issueCodes(admin, id, 5, "extra").size());
        api.post(batches(id), Map.of("count", 1, "label", "nog een"), admin).problem(409, "TOO_MANY_CODES");
        long first = ((Number) api.get(batches(id), admin).ok(200).list().get(0).get("id")).longValue();
        api.post(batches(id) + "/" + first + "/revoke", null, admin).ok(200);
        assertEquals(20, api.issueCodes(admin, id, 20, "opnieuw").size());
    }

    @Test
    void batchesAwaitingApprovalCountToo() {
        long id = api.openableElection(admin, "Wacht op akkoord");
        api.issueCodes(admin, id, 10, "brieven");
        api.post("/api/elections/" + id + "/open", null, admin).ok(200);
        String organiser = api.account(admin, "wijkteam-codes", "ORGANISER", List.of(id));
        // An organiser's batch while voting is open waits for a second staff member; it holds its room meanwhile.
        assertEquals(true, api.post(batches(id), Map.of("count", 15, "label", "na"), organiser).ok(202).get("awaitingApproval"));
        api.post(batches(id), Map.of("count", 1, "label", "nog"), organiser).problem(409, "TOO_MANY_CODES");
        api.post(batches(id), Map.of("count", 1, "label", "nog"), admin).problem(409, "TOO_MANY_CODES");
    }
}
