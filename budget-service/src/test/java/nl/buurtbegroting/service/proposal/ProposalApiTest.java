package nl.buurtbegroting.service.proposal;

import io.micronaut.http.HttpMethod;
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
import static nl.buurtbegroting.service.Api.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@MicronautTest(transactional = false)
class ProposalApiTest extends ApiTestBase {

    String organiser;
    String otherOrganiser;
    String auditor;

    @BeforeAll
    void accounts() {
        organiser = api.account(admin, "petra", "ORGANISER", List.of());
        otherOrganiser = api.account(admin, "olaf", "ORGANISER", List.of());
        auditor = api.account(admin, "ada", "AUDITOR", List.of());
    }

    private long draft(String name) {
        return api.post("/api/elections", election(name), organiser).ok(201).id();
    }

    @Test
    void createsProposalWithEveryField() {
        long election = draft("Voorstellen");
        Api.Res res = api.post("/api/elections/" + election + "/proposals", Map.of("code", "P-7", "title", "Moestuin",
                "summary", "Een gedeelde moestuin", "cost", 12_500, "category", "groen", "verdict", "ELIGIBLE"), organiser).ok(201);

        Map<String, Object> p = res.map();
        assertEquals("/api/elections/" + election + "/proposals/" + res.id(), res.response().getHeaders().get("Location"));
        assertEquals(Set.of("id", "electionId", "code", "title", "summary", "cost", "category", "verdict", "createdAt", "updatedAt"), p.keySet());
        assertEquals(election, ((Number) p.get("electionId")).longValue());
        assertEquals("P-7", p.get("code"));
        assertEquals("Moestuin", p.get("title"));
        assertEquals("Een gedeelde moestuin", p.get("summary"));
        assertEquals(12_500, ((Number) p.get("cost")).intValue());
        assertEquals("groen", p.get("category"));
        assertEquals("ELIGIBLE", p.get("verdict"));
        assertEquals(p, api.get("/api/elections/" + election + "/proposals/" + res.id(), organiser).ok(200).map());
    }

    @Test
    void numbersProposalsWithoutCodeAndStartsThemPending() {
        long election = draft("Nummering");
        Map<String, Object> first = api.post("/api/elections/" + election + "/proposals",
                Map.of("title", "Bankje", "cost", 800), organiser).ok(201).map();
        Map<String, Object> second = api.post("/api/elections/" + election + "/proposals",
                Map.of("title", "Boom", "cost", 300), organiser).ok(201).map();

        assertEquals("1", first.get("code"));
        assertEquals("PENDING", first.get("verdict"));
        assertEquals("", first.get("summary"));
        assertEquals("2", second.get("code"));
        List<Map<String, Object>> list = api.get("/api/elections/" + election + "/proposals", organiser).ok(200).list();
        assertEquals(List.of("Bankje", "Boom"), list.stream().map(p -> p.get("title")).toList());
    }

    @Test
    void ineligibleProposalCarriesItsPublicReason() {
        long election = draft("Verdicten");
        long id = api.post("/api/elections/" + election + "/proposals", proposal("Parkeerplaats", 9000, "groen", "PENDING"), organiser).ok(201).id();

        api.patch("/api/elections/" + election + "/proposals/" + id, Map.of("verdict", "INELIGIBLE"), organiser)
                .invalid("publicReason", "PUBLIC_REASON_REQUIRED");
        Map<String, Object> p = api.patch("/api/elections/" + election + "/proposals/" + id,
                Map.of("verdict", "INELIGIBLE", "publicReason", "Niet op gemeentegrond"), organiser).ok(200).map();

        assertEquals("INELIGIBLE", p.get("verdict"));
        assertEquals("Niet op gemeentegrond", p.get("publicReason"));
        assertEquals("Parkeerplaats", p.get("title"));
        assertEquals(9000, ((Number) p.get("cost")).intValue());
    }

    @Test
    void rejectsInvalidProposalsNamingTheField() {
        long election = draft("Validatie");
        String path = "/api/elections/" + election + "/proposals";

        api.post(path, proposal("Onbekend", 100, "sport", "ELIGIBLE"), organiser).invalid("category", "UNKNOWN_CATEGORY");
        api.post(path, proposal("Gratis", 0, "groen", "ELIGIBLE"), organiser).invalid("cost", "POSITIVE");
        api.post(path, Map.of("cost", 10), organiser).invalid("title", "NOT_BLANK");
        api.post(path, Map.of("title", "x", "cost", 10, "verdict", "INELIGIBLE"), organiser).invalid("publicReason", "PUBLIC_REASON_REQUIRED");
        api.post(path, Map.of("title", "x".repeat(201), "cost", 10), organiser).invalid("title", "SIZE");
        api.post(path, Map.of("title", "x", "cost", 10, "code", "met spatie"), organiser).invalid("code", "PATTERN");
        api.post(path, Map.of("title", "x", "cost", 10, "code", "A"), organiser).ok(201);
        api.post(path, Map.of("title", "y", "cost", 10, "code", "A"), organiser).invalid("code", "DUPLICATE_CODE");
        api.post(path, "{\"title\": \"x\", \"cost\": 10, \"verdict\": \"MAYBE\"}", organiser).invalid("verdict", "UNKNOWN_VALUE");
    }

    @Test
    void proposalsAreFrozenOnceTheElectionOpens() {
        long election = api.openableElection(organiser, "Bevroren");
        long id = api.get("/api/elections/" + election + "/proposals", organiser).ok(200).list().get(0).get("id") instanceof Number n ? n.longValue() : -1;
        api.post("/api/elections/" + election + "/open", null, organiser).ok(200);

        Map<String, Object> problem = api.post("/api/elections/" + election + "/proposals", proposal("Te laat", 100, "groen", "ELIGIBLE"), organiser)
                .problem(409, "ELECTION_NOT_DRAFT");
        assertNotNull(problem.get("detail"));
        api.patch("/api/elections/" + election + "/proposals/" + id, Map.of("cost", 1), organiser).problem(409, "ELECTION_NOT_DRAFT");
        api.patch("/api/elections/" + election + "/proposals/" + id, Map.of("verdict", "INELIGIBLE", "publicReason", "x"), admin)
                .problem(409, "ELECTION_NOT_DRAFT");

        List<Map<String, Object>> publicList = api.get("/api/elections/" + election + "/proposals", null).ok(200).list();
        assertEquals(1, publicList.size());
        assertEquals(20_000, ((Number) publicList.get(0).get("cost")).intValue());
    }

    @Test
    void refusesResidentsOtherOrganisersAndAuditors() {
        long election = draft("Toegang");
        String path = "/api/elections/" + election + "/proposals";
        long id = api.post(path, proposal("Bloemen", 100, "groen", "ELIGIBLE"), organiser).ok(201).id();

        api.post(path, proposal("Anoniem", 100, "groen", "ELIGIBLE"), null).problem(401, "UNAUTHORIZED");
        api.post(path, proposal("Ander", 100, "groen", "ELIGIBLE"), otherOrganiser).problem(403, "FORBIDDEN");
        api.post(path, proposal("Auditor", 100, "groen", "ELIGIBLE"), auditor).problem(403, "FORBIDDEN");
        api.patch(path + "/" + id, Map.of("cost", 5), otherOrganiser).problem(403, "FORBIDDEN");
        api.patch(path + "/" + id, Map.of("cost", 5), auditor).problem(403, "FORBIDDEN");
        api.get(path, null).problem(401, "UNAUTHORIZED");
        api.get(path, otherOrganiser).problem(403, "FORBIDDEN");
        assertEquals(1, api.get(path, auditor).ok(200).list().size());
        assertEquals(100, ((Number) api.get(path + "/" + id, organiser).ok(200).get("cost")).intValue());
    }

    @Test
    void grantedOrganiserMayChangeAnotherOrganisersElection() {
        long election = draft("Gedeeld");
        String path = "/api/elections/" + election + "/proposals";
        String helper = api.account(admin, "hanna", "ORGANISER", List.of(election));

        assertEquals(201, api.post(path, proposal("Samen", 100, "groen", "ELIGIBLE"), helper).status());
    }

    @Test
    void unknownProposalIsNotFound() {
        long election = draft("Leeg");
        api.get("/api/elections/" + election + "/proposals/424242", organiser).problem(404, "PROPOSAL_NOT_FOUND");
        api.patch("/api/elections/" + election + "/proposals/424242", Map.of("cost", 3), organiser).problem(404, "PROPOSAL_NOT_FOUND");
        api.get("/api/elections/424242/proposals", organiser).problem(404, "ELECTION_NOT_FOUND");
        Map<String, Object> body = new HashMap<>(proposal("x", 1, "groen", "ELIGIBLE"));
        api.post("/api/elections/424242/proposals", body, organiser).problem(404, "ELECTION_NOT_FOUND");
    }

    private List<String> titles(long election, String token) {
        return api.get("/api/elections/" + election + "/proposals", token).ok(200).list().stream()
                .map(p -> (String) p.get("title")).toList();
    }

    @Test
    void organiserOrdersProposalsAndEveryListFollows() {
        long election = draft("Volgorde");
        String path = "/api/elections/" + election + "/proposals";
        long a = api.post(path, proposal("Appel", 100, "groen", "ELIGIBLE"), organiser).ok(201).id();
        long b = api.post(path, proposal("Bank", 200, "groen", "ELIGIBLE"), organiser).ok(201).id();
        long c = api.post(path, proposal("Cirkel", 300, "groen", "ELIGIBLE"), organiser).ok(201).id();
        assertEquals(List.of("Appel", "Bank", "Cirkel"), titles(election, organiser));

        List<Map<String, Object>> answer = api.call(HttpMethod.PUT, path + "/order", Map.of("proposalIds", List.of(c, a, b)), organiser)
                .ok(200).list();
        assertEquals(List.of("Cirkel", "Appel", "Bank"), answer.stream().map(p -> p.get("title")).toList());
        assertEquals(List.of("Cirkel", "Appel", "Bank"), titles(election, organiser));

        // A new proposal goes to the end; a changed one keeps its place.
        api.post(path, proposal("Dak", 400, "groen", "ELIGIBLE"), organiser).ok(201);
        api.patch(path + "/" + a, Map.of("cost", 150), organiser).ok(200);
        assertEquals(List.of("Cirkel", "Appel", "Bank", "Dak"), titles(election, organiser));
        assertEquals(List.of("Cirkel", "Appel", "Bank", "Dak"), titles(election, auditor));
    }

    @Test
    void refusesAnOrderThatDoesNotNameEveryProposalOnce() {
        long election = draft("Foute volgorde");
        String path = "/api/elections/" + election + "/proposals";
        long a = api.post(path, proposal("Appel", 100, "groen", "ELIGIBLE"), organiser).ok(201).id();
        long b = api.post(path, proposal("Bank", 200, "groen", "ELIGIBLE"), organiser).ok(201).id();
        long elsewhere = api.post("/api/elections/" + draft("Ander") + "/proposals", proposal("Elders", 1, "groen", "ELIGIBLE"), organiser)
                .ok(201).id();

        api.call(HttpMethod.PUT, path + "/order", Map.of("proposalIds", List.of(a)), organiser).invalid("proposalIds", "PROPOSAL_ORDER_MISMATCH");
        api.call(HttpMethod.PUT, path + "/order", Map.of("proposalIds", List.of(a, a)), organiser).invalid("proposalIds", "PROPOSAL_ORDER_MISMATCH");
        api.call(HttpMethod.PUT, path + "/order", Map.of("proposalIds", List.of(a, elsewhere)), organiser).invalid("proposalIds", "PROPOSAL_ORDER_MISMATCH");
        api.call(HttpMethod.PUT, path + "/order", Map.of("proposalIds", List.of(b, a, 999_999L)), organiser).invalid("proposalIds", "PROPOSAL_ORDER_MISMATCH");
        api.call(HttpMethod.PUT, path + "/order", Map.of(), organiser).invalid("proposalIds", "PROPOSAL_ORDER_MISMATCH");
        api.call(HttpMethod.PUT, path + "/order", Map.of("proposalIds", List.of(b, a)), otherOrganiser).problem(403, "FORBIDDEN");
        api.call(HttpMethod.PUT, path + "/order", Map.of("proposalIds", List.of(b, a)), auditor).problem(403, "FORBIDDEN");
        assertEquals(List.of("Appel", "Bank"), titles(election, organiser));
    }

    @Test
    void orderIsFixedOnceTheElectionOpens() {
        long election = api.openableElection(organiser, "Vaste volgorde");
        String path = "/api/elections/" + election + "/proposals";
        long id = ((Number) api.get(path, organiser).ok(200).list().get(0).get("id")).longValue();
        api.call(HttpMethod.PUT, path + "/order", Map.of("proposalIds", List.of(id)), organiser).ok(200);
        api.post("/api/elections/" + election + "/open", null, organiser).ok(200);

        api.call(HttpMethod.PUT, path + "/order", Map.of("proposalIds", List.of(id)), organiser).problem(409, "ELECTION_NOT_DRAFT");
    }
}
