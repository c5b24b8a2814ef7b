package nl.buurtbegroting.service.voting;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = Voting.CODE_KEY)
class PaperBallotTest extends ApiTestBase {

    String piet;
    String marie;
    String outsider;
    long election;
    List<String> codes;

    @BeforeAll
    void setUp() {
        election = Voting.draft(api, admin, "Papier");
        piet = api.account(admin, "piet", "ORGANISER", List.of(election));
        marie = api.account(admin, "marie", "ORGANISER", List.of(election));
        outsider = api.account(admin, "olaf", "ORGANISER", List.of());
        codes = Voting.issue(api, piet, election, 5, "papier");
        Voting.open(api, piet, election);
    }

    private Api.Res key(String token, String code, String... projects) {
        return api.post("/api/elections/" + election + "/paper-ballots", Map.of("code", code, "projects", List.of(projects)), token);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPaperBallotCountsOnlyWhenTwoStaffMembersKeyItIdentically() {
        String code = codes.get(0);
        Map<String, Object> first = key(piet, code, "a").ok(202).map();
        assertEquals("AWAITING_SECOND_KEYING", first.get("status"));
        assertEquals(1, ((List<?>) first.get("entries")).size());
        key(piet, code, "a").ok(202);
        assertEquals(0L, counts().get("PAPER"), "the same person twice is not a double keying");

        Map<String, Object> mismatch = key(marie, code.toLowerCase(), "b").problem(409, "PAPER_MISMATCH");
        List<Map<String, Object>> entries = (List<Map<String, Object>>) mismatch.get("entries");
        assertEquals(List.of("marie", "piet"), entries.stream().map(e -> e.get("enteredBy")).toList());
        // The second keyer learns that the keyings differ, not what the first keyed (issue 11).
        assertEquals(java.util.Arrays.asList("{\"projects\":[\"b\"]}", null), entries.stream().map(e -> e.get("ballot")).toList());
        List<Map<String, Object>> audited = api.get("/api/elections/" + election + "/paper-ballots/mismatches", admin).ok(200).list();
        assertEquals(List.of("{\"projects\":[\"b\"]}", "{\"projects\":[\"a\"]}"),
                ((List<Map<String, Object>>) audited.get(0).get("entries")).stream().map(e -> e.get("ballot")).toList(),
                "auditors and admins see both keyings");
        List<Map<String, Object>> shown = api.get("/api/elections/" + election + "/paper-ballots/mismatches", piet).ok(200).list();
        assertEquals(1, shown.size(), "the first keyer sees the mismatch too");
        assertEquals(2, ((List<?>) shown.get(0).get("entries")).size());

        Map<String, Object> cast = key(piet, code, "b").ok(201).map();
        assertEquals("CAST", cast.get("status"));
        assertEquals("PAPER", ((Map<String, Object>) cast.get("receipt")).get("channel"));
        assertEquals(1L, counts().get("PAPER"));
        assertEquals(0L, counts().get("paperAwaitingSecondKeying"));
        assertEquals(0, api.get("/api/elections/" + election + "/paper-ballots/mismatches", piet).ok(200).list().size());
        key(marie, code, "b").problem(409, "CODE_ALREADY_USED");
        api.post("/api/elections/" + election + "/ballots", Voting.ballot(code, List.of("b"), Voting.submissionId()), null)
                .problem(409, "CODE_ALREADY_USED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aKeyingWhoseCodeWasUsedOnlineCanBeDiscarded() {
        String code = codes.get(3);
        Map<String, Object> first = key(piet, code, "a").ok(202).map();
        String entryId = (String) ((List<Map<String, Object>>) first.get("entries")).get(0).get("entryId");
        api.post("/api/elections/" + election + "/ballots", Voting.ballot(code, List.of("a"), Voting.submissionId()), null).ok(201);
        assertEquals(1L, counts().get("paperAwaitingSecondKeying"));
        api.post("/api/elections/" + election + "/paper-ballots/" + entryId + "/discard", null, outsider).problem(403, "FORBIDDEN");
        api.post("/api/elections/" + election + "/paper-ballots/" + entryId + "/discard", null, marie).ok(204);
        assertEquals(0L, counts().get("paperAwaitingSecondKeying"));
        api.post("/api/elections/" + election + "/paper-ballots/" + entryId + "/discard", null, marie).problem(404, "PAPER_ENTRY_NOT_FOUND");
    }

    @Test
    void countsBallotsPerChannel() {
        long before = counts().get("ONLINE");
        api.post("/api/elections/" + election + "/ballots", Voting.ballot(codes.get(1), List.of("a"), Voting.submissionId()), null).ok(201);
        assertEquals(before + 1, counts().get("ONLINE"));
        assertEquals(counts().get("ONLINE") + counts().get("PAPER"), counts().get("total"));
    }

    @Test
    void checksCodeAndBallotAtTheFirstKeying() {
        key(piet, "ABCD", "a").problem(422, "CODE_MALFORMED");
        key(piet, codes.get(2), "a", "b", "c").problem(422, "INVALID_BALLOT");
        key(outsider, codes.get(2), "a").problem(403, "FORBIDDEN");
        api.get("/api/elections/" + election + "/ballot-counts", outsider).problem(403, "FORBIDDEN");
        api.post("/api/elections/" + election + "/paper-ballots", Map.of("code", codes.get(2), "projects", List.of("a")), null)
                .problem(401, "UNAUTHORIZED");
    }

    private Map<String, Long> counts() {
        Map<String, Object> raw = api.get("/api/elections/" + election + "/ballot-counts", admin).ok(200).map();
        Map<String, Long> out = new java.util.HashMap<>();
        raw.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
        return out;
    }
}
