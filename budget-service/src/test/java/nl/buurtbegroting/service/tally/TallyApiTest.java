package nl.buurtbegroting.service.tally;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.core.audit.AuditBundle;
import nl.buurtbegroting.core.audit.BundleVerifier;
import nl.buurtbegroting.core.audit.CheckResult;
import nl.buurtbegroting.core.audit.VerificationReport;
import nl.buurtbegroting.core.audit.VerifyOptions;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tallies that exercise the election's settings: points, category caps, a given tie order, all ballots published. */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
@Property(name = "bb.publication.minimum-voters-for-ballots", value = "0")
class TallyApiTest extends ApiTestBase {

    @Test
    void countsPointsWithinCategoryCapsAndTheBundleRecomputesIt() {
        Map<String, Object> body = new HashMap<>(Api.election("Punten in Pittelo"));
        body.put("ballot", Map.of("format", "CUMULATIVE", "maxPoints", 5));
        long id = draft(body, new Object[][] {{"a", 30_000, "groen"}, {"b", 20_000, "groen"}, {"c", 10_000, "jongeren"}});
        List<String> codes = codes(id, 3);
        api.post(path(id, "/open"), null, admin).ok(200);
        vote(id, codes.get(0), List.of("a", "b"), List.of(3L, 2L));
        vote(id, codes.get(1), List.of("a"), List.of(5L));
        vote(id, codes.get(2), List.of("b", "c"), List.of(4L, 1L));
        api.post(path(id, "/close"), null, admin).ok(200);

        Map<String, Object> tally = api.post(path(id, "/tally"), null, admin).ok(200).map();
        assertEquals(List.of("a", "c"), tally.get("selected"));
        List<Map<String, Object>> projects = list(tally.get("projects"));
        assertEquals(List.of(8L, 6L, 1L), projects.stream().map(p -> ((Number) p.get("support")).longValue()).toList());
        assertEquals("EXCEEDS_CATEGORY_CAP", projects.get(1).get("decision"));
        String nl = (String) obj(obj(projects.get(1).get("explanation")).get("nl")).get("body");
        assertTrue(nl.contains("punten") || nl.contains("groen"), nl);

        publishAndVerify(id);
    }

    @Test
    void breaksTiesByTheGivenOrderAndRecordsTheTie() {
        Map<String, Object> body = new HashMap<>(Api.election("Gelijkspel"));
        body.put("budget", 40_000);
        body.put("categories", List.of(Map.of("name", "jongeren")));
        body.put("ballot", Map.of("format", "APPROVAL", "minProjects", 1, "maxProjects", 1));
        body.put("tieBreaking", Map.of("policy", "GIVEN", "order", List.of("b", "a")));
        long id = draft(body, new Object[][] {{"a", 30_000, "jongeren"}, {"b", 30_000, "jongeren"}});
        List<String> codes = codes(id, 2);
        api.post(path(id, "/open"), null, admin).ok(200);
        vote(id, codes.get(0), List.of("a"), null);
        vote(id, codes.get(1), List.of("b"), null);
        api.post(path(id, "/close"), null, admin).ok(200);

        Map<String, Object> tally = api.post(path(id, "/tally"), null, admin).ok(200).map();
        assertEquals("given:b,a", tally.get("tieBreaking"));
        assertEquals(List.of("b"), tally.get("selected"));
        List<Map<String, Object>> ties = list(tally.get("ties"));
        assertEquals(1, ties.size());
        assertEquals("b", ties.get(0).get("winner"));

        publishAndVerify(id);
    }

    @Test
    void talliesAndPublishesAnElectionWithoutBallots() {
        long id = draft(new HashMap<>(Api.election("Niemand")), new Object[][] {{"a", 30_000, "jongeren"}});
        codes(id, 2);
        api.post(path(id, "/open"), null, admin).ok(200);
        api.post(path(id, "/close"), null, admin).ok(200);
        Map<String, Object> tally = api.post(path(id, "/tally"), null, admin).ok(200).map();
        assertEquals(0L, ((Number) obj(tally.get("turnout")).get("ballots")).longValue());
        assertEquals(0L, ((Number) list(tally.get("projects")).get(0).get("support")).longValue());
        publishAndVerify(id);
    }

    /**
     * Voting stores a cumulative ballot without its zero-point entries, so a project given 0 points is not
     * a chosen project: a ballot that reaches the minimum only that way is refused when it is cast, and the
     * published ballots check exactly as they were checked at voting.
     */
    @Test
    void aProjectWithZeroPointsDoesNotCountTowardsTheMinimum() {
        Map<String, Object> body = new HashMap<>(Api.election("Nul punten"));
        body.put("categories", List.of(Map.of("name", "jongeren")));
        body.put("ballot", Map.of("format", "CUMULATIVE", "maxPoints", 5, "minProjects", 2));
        long id = draft(body, new Object[][] {{"a", 30_000, "jongeren"}, {"b", 20_000, "jongeren"}});
        List<String> codes = codes(id, 1);
        api.post(path(id, "/open"), null, admin).ok(200);
        Map<String, Object> refused = new HashMap<>(Map.of("code", codes.get(0), "projects", List.of("a", "b"),
                "points", List.of(5L, 0L), "submissionId", "0123456789abcdef0123456789abcdef"));
        api.post(path(id, "/ballots"), refused, null).problem(422, "INVALID_BALLOT");
        vote(id, codes.get(0), List.of("a", "b"), List.of(4L, 1L));
        api.post(path(id, "/close"), null, admin).ok(200);
        api.post(path(id, "/tally"), null, admin).ok(200);
        publishAndVerify(id);
    }

    private void publishAndVerify(long id) {
        Map<String, Object> result = api.post(path(id, "/publish"), Map.of("councilDecision", "Besluit " + id), admin).ok(200).map();
        byte[] zip = client.toBlocking().retrieve(HttpRequest.GET(path(id, "/audit-bundle")), byte[].class);
        AuditBundle bundle = AuditBundle.fromZip(zip);
        VerificationReport report = BundleVerifier.verify(bundle,
                VerifyOptions.expectingKey((String) obj(result.get("signingKey")).get("fingerprint")));
        for (CheckResult r : report.results()) {
            if (r.check() != nl.buurtbegroting.core.audit.Check.RECEIPT_INCLUDED) {
                assertEquals(CheckResult.Status.PASS, r.status(), r::line);
            }
        }
        String manifest = new String(bundle.file(AuditBundle.MANIFEST), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\"councilDecision\":\"Besluit " + id + "\""), manifest);
    }

    private long draft(Map<String, Object> body, Object[][] proposals) {
        long id = api.post("/api/elections", body, admin).ok(201).id();
        for (Object[] p : proposals) {
            Map<String, Object> proposal = new HashMap<>(Api.proposal("Voorstel " + p[0], ((Number) p[1]).longValue(), (String) p[2], "ELIGIBLE"));
            proposal.put("code", p[0]);
            api.post(path(id, "/proposals"), proposal, admin).ok(201);
        }
        return id;
    }

    private List<String> codes(long id, int n) {
        return api.issueCodes(admin, id, n, "Brief");
    }

    private void vote(long id, String code, List<String> projects, List<Long> points) {
        byte[] sid = new byte[16];
        new SecureRandom().nextBytes(sid);
        Map<String, Object> ballot = new HashMap<>(Map.of("code", code, "projects", projects, "submissionId", HexFormat.of().formatHex(sid)));
        if (points != null) {
            ballot.put("points", points);
        }
        api.post(path(id, "/ballots"), ballot, null).ok(201);
    }

    private static String path(long id, String tail) {
        return "/api/elections/" + id + tail;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
