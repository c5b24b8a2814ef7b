package nl.buurtbegroting.service.hardening;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every query parameter's fault names the parameter and the fault: given twice, empty, unknown to the address (a typo
 * was silently ignored), not a number, past the largest number, negative. {@code ?page=1&page=2} was answered "must be a
 * whole number from 1 on", {@code ?limit=} and {@code ?pgae=2} were ignored.
 */
@MicronautTest(transactional = false)
class QueryParametersTest extends ApiTestBase {

    private long election;

    @BeforeAll
    void aPublishedElection() {
        election = api.draftWithThreeProposals(admin, "Vragen", Map.of());
        String code = api.issueCodes(admin, election, 1, "brieven").get(0);
        api.post("/api/elections/" + election + "/open", null, admin).ok(200);
        api.post("/api/elections/" + election + "/ballots", Lifecycle.ballot(code, java.util.List.of("a")), null).ok(201);
        Lifecycle.finish(api, admin, election);
    }

    private Map<String, Object> invalid(String path, String field, String code, String detail, String token) {
        Map<String, Object> p = api.get(path, token).invalid(field, code);
        assertEquals(detail, p.get("detail"), path);
        return p;
    }

    @Test
    void aParameterGivenTwiceIsNamed() {
        String result = "/api/elections/" + election + "/result";
        invalid(result + "/projects?page=1&page=2", "page", "REPEATED_PARAMETER", "'page' is given 2 times; give it once", null);
        invalid(result + "?explanations=all&explanations=all", "explanations", "REPEATED_PARAMETER",
                "'explanations' is given 2 times; give it once", null);
        invalid("/api/audit?limit=1&limit=1&limit=1", "limit", "REPEATED_PARAMETER", "'limit' is given 3 times; give it once", admin);
        invalid("/api/elections/" + election + "/receipts/ab?nonce=1&nonce=2", "nonce", "REPEATED_PARAMETER",
                "'nonce' is given 2 times; give it once", null);
    }

    @Test
    void anEmptyParameterIsNamedNotIgnored() {
        invalid("/api/audit?limit=", "limit", "EMPTY_PARAMETER", "'limit' has no value; give one or leave 'limit' out", admin);
        invalid("/api/elections/" + election + "/result/projects?size", "size", "EMPTY_PARAMETER",
                "'size' has no value; give one or leave 'size' out", null);
    }

    @Test
    void anUnknownParameterIsNamedWithTheOnesTheAddressTakes() {
        invalid("/api/elections/" + election + "/result/projects?pgae=2", "pgae", "UNKNOWN_PARAMETER",
                "'pgae' is not a parameter of this address; it takes page, size", null);
        invalid("/api/elections?page=1", "page", "UNKNOWN_PARAMETER", "'page' is not a parameter of this address; it takes none", null);
        invalid("/api/audit?electionid=1", "electionid", "UNKNOWN_PARAMETER",
                "'electionid' is not a parameter of this address; it takes after, electionId, limit", admin);
        invalid("/api/elections/" + election + "?" + "x".repeat(300) + "=1", "x".repeat(100), "UNKNOWN_PARAMETER",
                "'" + "x".repeat(100) + "' is not a parameter of this address; it takes none", null);
    }

    @Test
    void aValueOfTheWrongFormOrRangeIsNamed() {
        invalid("/api/audit?limit=abc", "limit", "NOT_A_WHOLE_NUMBER", "'limit' in the query must be a whole number of at most 2147483647", admin);
        invalid("/api/audit?limit=99999999999999999999", "limit", "NOT_A_WHOLE_NUMBER",
                "'limit' in the query must be a whole number of at most 2147483647", admin);
        invalid("/api/audit?limit=-5", "limit", "NUMBER_OUT_OF_RANGE", "'limit' must be from 1 to 10000; it is -5.", admin);
        invalid("/api/audit?after=-1", "after", "NUMBER_OUT_OF_RANGE", "'after' is the id of the last event read, 0 or more; it is -1.", admin);
        invalid("/api/audit?electionId=0", "electionId", "NUMBER_OUT_OF_RANGE", "'electionId' is an election's id, from 1 on; it is 0.", admin);
        invalid("/api/elections/" + election + "/result/projects?page=-1", "page", "NUMBER_OUT_OF_RANGE", "'page' must be from 1 on; it is -1.", null);
        invalid("/api/elections/" + election + "/result/projects?page=1.5", "page", "NOT_A_WHOLE_NUMBER", "'page' must be a whole number from 1 on.", null);
        invalid("/api/elections/" + election + "/result/projects?size=99999999999999999999999", "size", "NUMBER_OUT_OF_RANGE",
                "'size' must be from 1 to 500; it is 99999999999999999999....", null);
    }

    @Test
    void aNameInTheAddressIsQuotedWithoutControlCharactersAndCut() {
        Map<String, Object> p = api.post("/api/accounts/a%00b%0Ac" + "d".repeat(200) + "/disable", null, admin).problem(404, "ACCOUNT_NOT_FOUND");
        assertEquals("There is no account 'abc" + "d".repeat(61) + "'.", p.get("detail"));
    }

    @Test
    void aCorrectQueryStillWorks() {
        assertEquals(1, api.get("/api/elections/" + election + "/result/projects?page=1&size=1", null).ok(200).map().get("size"));
        api.get("/api/audit?electionId=" + election + "&after=0&limit=5", admin).ok(200);
    }
}
