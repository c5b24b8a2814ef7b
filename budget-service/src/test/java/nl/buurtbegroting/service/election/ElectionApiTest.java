package nl.buurtbegroting.service.election;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static nl.buurtbegroting.service.Api.election;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class ElectionApiTest extends ApiTestBase {

    String organiser;
    String otherOrganiser;
    String auditor;

    @BeforeAll
    void accounts() {
        organiser = api.account(admin, "els", "ORGANISER", List.of());
        otherOrganiser = api.account(admin, "otto", "ORGANISER", List.of());
        auditor = api.account(admin, "aud", "AUDITOR", List.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesACostLimitOnEveryBallotFormatButKnapsack() {
        for (Map<String, Object> ballot : List.<Map<String, Object>>of(
                Map.of("format", "APPROVAL", "maxCost", 50_000),
                Map.of("format", "CHOOSE_ONE", "maxCost", 50_000),
                Map.of("format", "CUMULATIVE", "maxPoints", 10, "maxCost", 50_000))) {
            Map<String, Object> body = new HashMap<>(election("Kosten zonder rugzak"));
            body.put("ballot", ballot);
            Map<String, Object> problem = api.post("/api/elections", body, organiser)
                    .invalid("ballot.maxCost", "COST_LIMIT_NEEDS_KNAPSACK");
            assertEquals("maxCost applies to KNAPSACK ballots only", ((List<Map<String, Object>>) problem.get("violations"))
                    .get(0).get("message"), ballot::toString);
        }
        Map<String, Object> knapsack = new HashMap<>(election("Rugzak"));
        knapsack.put("ballot", Map.of("format", "KNAPSACK", "maxCost", 50_000));
        Map<String, Object> created = api.post("/api/elections", knapsack, organiser).ok(201).map();
        assertEquals(Map.of("format", "KNAPSACK", "maxCost", 50_000), created.get("ballot"));

        Map<String, Object> patch = Map.of("ballot", Map.of("format", "APPROVAL", "maxCost", 50_000));
        api.patch("/api/elections/" + created.get("id"), patch, organiser).invalid("ballot.maxCost", "COST_LIMIT_NEEDS_KNAPSACK");
    }

    @Test
    void createsDraftElectionWithEveryField() {
        Map<String, Object> body = new HashMap<>(election("Buurtbudget Assen 2026"));
        body.put("rule", "mes_add1");
        body.put("tieBreaking", Map.of("policy", "RANDOM", "seed", 42));
        body.put("eligibility", Map.of("minimumAge", 12, "districts", List.of("Pittelo", "Kloosterveen")));
        body.put("votingOpens", "2026-03-01T08:00:00Z");
        body.put("votingCloses", "2026-03-15T20:00:00Z");

        Api.Res res = api.post("/api/elections", body, organiser).ok(201);

        assertEquals("application/json", res.contentType());
        Map<String, Object> e = res.map();
        assertEquals("/api/elections/" + res.id(), res.response().getHeaders().get("Location"));
        assertEquals("Buurtbudget Assen 2026", e.get("name"));
        assertEquals("Assen-Oost", e.get("neighbourhood"));
        assertEquals(100_000, ((Number) e.get("budget")).intValue());
        assertEquals("EUR", e.get("currency"));
        assertEquals(List.of(Map.of("name", "groen", "cap", 40_000), Map.of("name", "jongeren")), e.get("categories"));
        assertEquals(Map.of("format", "APPROVAL", "minProjects", 1, "maxProjects", 5), e.get("ballot"));
        assertEquals("mes-add1", e.get("rule"), "Pabulib spelling is stored under its canonical name");
        assertEquals(Map.of("policy", "RANDOM", "order", List.of(), "seed", 42), e.get("tieBreaking"));
        assertEquals(Map.of("minimumAge", 12, "districts", List.of("Pittelo", "Kloosterveen")), e.get("eligibility"));
        assertEquals("2026-03-01T08:00:00Z", e.get("votingOpens"));
        assertEquals("2026-03-15T20:00:00Z", e.get("votingCloses"));
        assertEquals("DRAFT", e.get("state"));
        assertNotNull(e.get("createdAt"));
        assertEquals(e, api.get("/api/elections/" + res.id(), organiser).ok(200).map());
    }

    @Test
    void fillsDocumentedDefaults() {
        Map<String, Object> e = api.post("/api/elections",
                Map.of("name", "Minimaal", "neighbourhood", "Zwolle", "budget", 5000, "rule", "greedy"), admin).ok(201).map();

        assertEquals("EUR", e.get("currency"));
        assertEquals(List.of(), e.get("categories"));
        assertEquals(Map.of("format", "APPROVAL"), e.get("ballot"));
        assertEquals(Map.of("policy", "ID", "order", List.of()), e.get("tieBreaking"));
        assertEquals(Map.of("districts", List.of()), e.get("eligibility"));
    }

    @Test
    void draftIsHiddenFromResidentsAndOtherOrganisers() {
        long id = api.post("/api/elections", election("Verborgen"), organiser).ok(201).id();

        api.get("/api/elections/" + id, null).problem(401, "UNAUTHORIZED");
        api.get("/api/elections/" + id, otherOrganiser).problem(403, "FORBIDDEN");
        assertEquals("DRAFT", api.get("/api/elections/" + id, auditor).ok(200).get("state"));
        assertTrue(api.get("/api/elections", null).ok(200).list().stream().noneMatch(s -> ((Number) s.get("id")).longValue() == id));
    }

    @Test
    void publicListShowsOpenElectionsWithPublicFieldsOnly() {
        long id = api.openableElection(organiser, "Openbaar");
        api.post("/api/elections/" + id + "/open", null, organiser).ok(200);

        Map<String, Object> summary = api.get("/api/elections", null).ok(200).list().stream()
                .filter(s -> ((Number) s.get("id")).longValue() == id).findFirst().orElseThrow();

        assertEquals(Set.of("id", "name", "neighbourhood", "budget", "currency", "state"), summary.keySet());
        assertEquals("Openbaar", summary.get("name"));
        assertEquals("OPEN", summary.get("state"));
        assertEquals("OPEN", api.get("/api/elections/" + id, null).ok(200).get("state"));
    }

    @Test
    void organiserSeesOwnDraftsInTheList() {
        long id = api.post("/api/elections", election("Mijn concept"), organiser).ok(201).id();

        assertTrue(api.get("/api/elections", organiser).ok(200).list().stream().anyMatch(s -> ((Number) s.get("id")).longValue() == id));
        assertFalse(api.get("/api/elections", otherOrganiser).ok(200).list().stream().anyMatch(s -> ((Number) s.get("id")).longValue() == id));
    }

    @Test
    void patchReplacesOnlyTheFieldsSent() {
        long id = api.post("/api/elections", election("Te wijzigen"), organiser).ok(201).id();

        Map<String, Object> e = api.patch("/api/elections/" + id, Map.of("budget", 80_000, "rule", "knapsack",
                "ballot", Map.of("format", "KNAPSACK")), organiser).ok(200).map();

        assertEquals(80_000, ((Number) e.get("budget")).intValue());
        assertEquals("knapsack", e.get("rule"));
        assertEquals(Map.of("format", "KNAPSACK"), e.get("ballot"));
        assertEquals("Te wijzigen", e.get("name"));
        assertEquals(2, ((List<?>) e.get("categories")).size());
    }

    @Test
    void rejectsInvalidFieldsNamingTheField() {
        Map<String, Object> noName = new HashMap<>(election("x"));
        noName.put("name", " ");
        api.post("/api/elections", noName, organiser).invalid("name", "NOT_BLANK");

        Map<String, Object> negative = new HashMap<>(election("x"));
        negative.put("budget", -1);
        api.post("/api/elections", negative, organiser).invalid("budget", "POSITIVE_OR_ZERO");

        Map<String, Object> currency = new HashMap<>(election("x"));
        currency.put("currency", "euro");
        api.post("/api/elections", currency, organiser).invalid("currency", "PATTERN");

        Map<String, Object> rule = new HashMap<>(election("x"));
        rule.put("rule", "dictator");
        api.post("/api/elections", rule, organiser).invalid("rule", "UNKNOWN_RULE");

        Map<String, Object> limits = new HashMap<>(election("x"));
        limits.put("ballot", Map.of("format", "APPROVAL", "minProjects", 4, "maxProjects", 2));
        api.post("/api/elections", limits, organiser).invalid("ballot.minProjects", "MIN_ABOVE_MAX");

        Map<String, Object> category = new HashMap<>(election("x"));
        category.put("categories", List.of(Map.of("name", "groen"), Map.of("name", "")));
        api.post("/api/elections", category, organiser).invalid("categories[1].name", "NOT_BLANK");

        Map<String, Object> duplicate = new HashMap<>(election("x"));
        duplicate.put("categories", List.of(Map.of("name", "groen"), Map.of("name", "groen")));
        api.post("/api/elections", duplicate, organiser).invalid("categories[1].name", "DUPLICATE_CATEGORY");

        Map<String, Object> districts = new HashMap<>(election("x"));
        districts.put("eligibility", Map.of("districts", List.of("Centrum", "Oost", " centrum ")));
        api.post("/api/elections", districts, organiser).invalid("eligibility.districts[2]", "DUPLICATE_DISTRICT");

        Map<String, Object> seed = new HashMap<>(election("x"));
        seed.put("tieBreaking", Map.of("policy", "RANDOM"));
        api.post("/api/elections", seed, organiser).invalid("tieBreaking.seed", "SEED_REQUIRED");

        Map<String, Object> window = new HashMap<>(election("x"));
        window.put("votingOpens", "2026-03-15T00:00:00Z");
        window.put("votingCloses", "2026-03-01T00:00:00Z");
        api.post("/api/elections", window, organiser).invalid("votingCloses", "WINDOW_INVALID");

        Map<String, Object> longName = new HashMap<>(election("x"));
        longName.put("name", "n".repeat(201));
        api.post("/api/elections", longName, organiser).invalid("name", "SIZE");

        long id = api.post("/api/elections", election("Patch-validatie"), organiser).ok(201).id();
        api.patch("/api/elections/" + id, Map.of("budget", -5), organiser).invalid("budget", "POSITIVE_OR_ZERO");
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        api.post("/api/elections", "{\"name\": ", organiser).problem(400, "MALFORMED_REQUEST");
    }

    @Test
    void opensOnlyACompleteElectionAndSaysWhatIsMissing() {
        Map<String, Object> body = new HashMap<>(election("Onvolledig"));
        body.put("budget", 0);
        body.put("rule", "phragmen");
        body.put("ballot", Map.of("format", "CUMULATIVE"));
        long id = api.post("/api/elections", body, organiser).ok(201).id();
        api.post("/api/elections/" + id + "/proposals", Api.proposal("Nog niet beoordeeld", 100, "groen", "PENDING"), organiser).ok(201);

        Map<String, Object> problem = api.post("/api/elections/" + id + "/open", null, organiser).problem(409, "ELECTION_INCOMPLETE");

        @SuppressWarnings("unchecked")
        List<String> codes = ((List<Map<String, Object>>) problem.get("missing")).stream().map(m -> (String) m.get("code")).toList();
        assertEquals(List.of("BUDGET_NOT_POSITIVE", "RULE_DOES_NOT_FIT_FORMAT", "MAX_POINTS_REQUIRED",
                "NO_ELIGIBLE_PROPOSAL", "VERDICT_PENDING"), codes);
        assertEquals("DRAFT", api.get("/api/elections/" + id, organiser).ok(200).get("state"));
    }

    @Test
    void givenTieOrderMustCoverEveryEligibleProposal() {
        Map<String, Object> body = new HashMap<>(election("Volgorde"));
        body.put("tieBreaking", Map.of("policy", "GIVEN", "order", List.of("9")));
        long id = api.post("/api/elections", body, organiser).ok(201).id();
        api.post("/api/elections/" + id + "/proposals", Api.proposal("Bankje", 500, "groen", "ELIGIBLE"), organiser).ok(201);

        Map<String, Object> problem = api.post("/api/elections/" + id + "/open", null, organiser).problem(409, "ELECTION_INCOMPLETE");

        assertEquals(List.of(Map.of("field", "tieBreaking.order", "code", "TIE_ORDER_INCOMPLETE",
                "message", "the tie-breaking order lacks: 1")), problem.get("missing"));
    }

    @Test
    void lifecycleMovesOneWayAndFreezesTheConfiguration() {
        long id = api.openableElection(organiser, "Levensloop");

        api.post("/api/elections/" + id + "/close", null, organiser).problem(409, "ELECTION_NOT_OPEN");
        assertEquals("OPEN", api.post("/api/elections/" + id + "/open", null, organiser).ok(200).get("state"));

        api.post("/api/elections/" + id + "/open", null, organiser).problem(409, "ELECTION_NOT_DRAFT");
        api.patch("/api/elections/" + id, Map.of("budget", 1), organiser).problem(409, "ELECTION_NOT_DRAFT");
        api.patch("/api/elections/" + id, Map.of("rule", "mes"), organiser).problem(409, "ELECTION_NOT_DRAFT");
        api.patch("/api/elections/" + id, Map.of("ballot", Map.of("format", "CHOOSE_ONE")), organiser).problem(409, "ELECTION_NOT_DRAFT");
        assertEquals(100_000, ((Number) api.get("/api/elections/" + id, null).ok(200).get("budget")).intValue());

        assertEquals("CLOSED", api.post("/api/elections/" + id + "/close", null, organiser).ok(200).get("state"));
        api.post("/api/elections/" + id + "/close", null, organiser).problem(409, "ELECTION_NOT_OPEN");
        api.post("/api/elections/" + id + "/open", null, organiser).problem(409, "ELECTION_NOT_DRAFT");
        assertEquals("CLOSED", api.get("/api/elections/" + id, null).ok(200).get("state"));
    }

    @Test
    void opensExactlyOnceWhenManyTryAtTheSameTime() throws Exception {
        long id = api.openableElection(organiser, "Gelijktijdig");
        int attempts = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(attempts);
        var start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Api.Res>> results = new java.util.ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/elections/" + id + "/open", null, organiser);
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var result : results) {
                statuses.add(result.get(60, java.util.concurrent.TimeUnit.SECONDS).status());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
            assertEquals(attempts - 1, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> events = api.get("/api/audit?electionId=" + id, auditor).ok(200).list();
        assertEquals(1, events.stream().filter(e -> "ELECTION_OPEN".equals(e.get("action"))).count());
    }

    @Test
    void refusesChangesByOtherOrganisersAuditorsAndResidents() {
        long id = api.openableElection(organiser, "Afgeschermd");

        api.patch("/api/elections/" + id, Map.of("budget", 1), null).problem(401, "UNAUTHORIZED");
        api.patch("/api/elections/" + id, Map.of("budget", 1), otherOrganiser).problem(403, "FORBIDDEN");
        api.patch("/api/elections/" + id, Map.of("budget", 1), auditor).problem(403, "FORBIDDEN");
        api.post("/api/elections/" + id + "/open", null, otherOrganiser).problem(403, "FORBIDDEN");
        api.post("/api/elections/" + id + "/open", null, auditor).problem(403, "FORBIDDEN");
        api.post("/api/elections/" + id + "/open", null, null).problem(401, "UNAUTHORIZED");
        api.post("/api/elections", election("Auditor"), auditor).problem(403, "FORBIDDEN");
        api.post("/api/elections", election("Anoniem"), null).problem(401, "UNAUTHORIZED");

        assertEquals("DRAFT", api.get("/api/elections/" + id, organiser).ok(200).get("state"));
        assertEquals(100_000, ((Number) api.patch("/api/elections/" + id, Map.of("name", "Door admin"), admin).ok(200).get("budget")).intValue());
    }

    @Test
    void unknownElectionIsNotFound() {
        Map<String, Object> problem = api.get("/api/elections/999999", admin).problem(404, "ELECTION_NOT_FOUND");
        assertEquals("There is no election 999999.", problem.get("detail"));
        api.post("/api/elections/999999/open", null, admin).problem(404, "ELECTION_NOT_FOUND");
        assertNull(problem.get("stackTrace"));
    }
}
