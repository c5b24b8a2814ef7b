package nl.buurtbegroting.service.hardening;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reviewer's odd characters and numbers at the API and the Pabulib import (review of 2026-12-01): each was accepted
 * or answered with a wrong or vague problem before; each now gets a precise problem, and nothing is stored.
 */
@MicronautTest(transactional = false)
class OddInputTest extends ApiTestBase {

    private static final String ELECTION = "{\"name\":\"Vreemd\",\"neighbourhood\":\"Oost\",\"budget\":%s,\"rule\":\"greedy\"%s}";

    private Api.Res raw(MutableHttpRequest<?> request) {
        try {
            HttpResponse<String> r = client.toBlocking().exchange(request.bearerAuth(admin), String.class);
            return new Api.Res(r.code(), r.getContentType().map(MediaType::toString).orElse(null), r.body(), r, json);
        } catch (HttpClientResponseException e) {
            HttpResponse<?> r = e.getResponse();
            return new Api.Res(r.code(), r.getContentType().map(MediaType::toString).orElse(null),
                    r.getBody(String.class).orElse(""), r, json);
        }
    }

    private Api.Res importFile(String text) {
        return raw(HttpRequest.POST("/api/elections/import", text.getBytes(StandardCharsets.UTF_8)).contentType(MediaType.TEXT_PLAIN_TYPE));
    }

    private long elections() {
        return api.get("/api/elections", admin).ok(200).list().size();
    }

    private static String file(String projects) {
        return "META\nkey;value\ndescription;Vreemd bestand\nunit;Oost\nnum_projects;2\nnum_votes;1\nbudget;1000\n"
                + "vote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost;name\n" + projects + "VOTES\nvoter_id;vote\n1;2\n";
    }

    @Test
    void anAddressValueThatIsNoNumberNamesItsParameter() {
        // Was 400 MALFORMED_REQUEST "check the JSON syntax" with the Java parameter as field "/id".
        Map<String, Object> p = api.get("/api/elections/abc", null).invalid("id", "NOT_A_WHOLE_NUMBER");
        assertEquals("'id' in the address must be a whole number of at most 9223372036854775807", p.get("detail"));
        api.get("/api/elections/99999999999999999999/result", null).invalid("id", "NOT_A_WHOLE_NUMBER");
        api.patch("/api/elections/1/proposals/1.5", Map.of("cost", 5), admin).invalid("proposalId", "NOT_A_WHOLE_NUMBER");
        api.post("/api/elections/1/code-batches/x/revoke", null, admin).invalid("batchId", "NOT_A_WHOLE_NUMBER");
        api.get("/api/audit?electionId=abc", admin).invalid("electionId", "NOT_A_WHOLE_NUMBER");
        // In range but unknown stays 404.
        api.get("/api/elections/9223372036854775807", null).problem(404, "ELECTION_NOT_FOUND");
    }

    @Test
    void aBodyThatIsMissingOrMoreThanOneValueOrNoJsonSaysWhere() {
        long before = elections();
        Map<String, Object> none = raw(HttpRequest.POST("/api/elections", new byte[0]).contentType(MediaType.APPLICATION_JSON_TYPE))
                .problem(400, "MALFORMED_REQUEST");
        assertEquals("The request has no body; this address needs one (a JSON object, or the file for an import).", none.get("detail"));
        assertFalse(none.containsKey("field"), "no internal parameter name such as /request");
        // Was 201: the binder read the first object and ignored the second.
        Map<String, Object> two = api.post("/api/elections", ELECTION.formatted("100", "") + "{\"name\":\"Tweede\"}", admin)
                .problem(400, "MALFORMED_REQUEST");
        assertEquals(1, two.get("line"));
        assertEquals(ELECTION.formatted("100", "").length() + 1, two.get("column"));
        Map<String, Object> syntax = api.post("/api/elections", "{\"name\":\"Vreemd\",\n\"budget\":007}", admin)
                .problem(400, "MALFORMED_REQUEST");
        assertEquals(2, syntax.get("line"));
        assertEquals("The request body at line 2, column 11 is not valid JSON here; check the syntax (quotes, commas, brackets).",
                syntax.get("detail"));
        // Was MALFORMED_REQUEST without a field once a number had more than 40 digits.
        api.post("/api/elections", ELECTION.formatted("9".repeat(50), ""), admin).invalid("budget", "NUMBER_OUT_OF_RANGE");
        assertEquals(before, elections());
    }

    @Test
    void textOfOnlyInvisibleCharactersIsRefusedInEveryTextField() {
        long before = elections();
        api.post("/api/elections", "{\"name\":\"\\u00a0\\u200b\",\"neighbourhood\":\"Oost\",\"budget\":100,\"rule\":\"greedy\"}", admin)
                .invalid("name", "TEXT_INVISIBLE");
        assertEquals(before, elections());
        long id = Lifecycle.draft(api, admin, "Onzichtbaar");
        String base = "/api/elections/" + id;
        api.patch(base, "{\"neighbourhood\":\"\\ufeff\"}", admin).invalid("neighbourhood", "TEXT_INVISIBLE");
        api.post(base + "/proposals", "{\"title\":\"\\u200b\",\"cost\":5,\"verdict\":\"ELIGIBLE\"}", admin)
                .invalid("title", "TEXT_INVISIBLE");
        api.post(base + "/proposals", "{\"title\":\"Muur\",\"cost\":5,\"verdict\":\"INELIGIBLE\",\"publicReason\":\"\\u2060\\u200e\"}", admin)
                .invalid("publicReason", "TEXT_INVISIBLE");
        api.post(base + "/code-batches", "{\"count\":1,\"label\":\"\\u3164\"}", admin).invalid("label", "TEXT_INVISIBLE");
        assertEquals(3, api.get(base + "/proposals", admin).list().size());
        assertEquals("Assen-Oost", api.get(base, admin).get("neighbourhood"));
        // Direction marks and zero-width joiners beside visible text are text.
        api.post(base + "/proposals", Map.of("title", "\u202eBankje \uD83D\uDC69\u200D\uD83D\uDC69", "cost", 5, "verdict", "ELIGIBLE"),
                admin).ok(201);
        List<String> codes = Lifecycle.issue(api, admin, id, 10, "brieven");
        api.post(base + "/open", null, admin).ok(200);
        api.post(base + "/ballots", Lifecycle.ballot(codes.get(0), List.of("a")), null).ok(201);
        api.post(base + "/close", null, admin).ok(200);
        api.post(base + "/tally", null, admin).ok(200);
        // Was 200: a result published with an empty-looking council decision.
        api.post(base + "/publish", Map.of("councilDecision", "\u200b\u00a0"), admin).invalid("councilDecision", "TEXT_INVISIBLE");
        Map<String, Object> result = api.post(base + "/publish", Map.of("councilDecision", "Raadsbesluit 12"), admin).ok(200).map();
        assertEquals("Raadsbesluit 12", result.get("councilDecision"));
    }

    @Test
    void aCategoryNameWithACommaIsRefusedSoTheExportReadsBackTheSame() {
        Map<String, Object> body = new HashMap<>(Api.election("Komma"));
        body.put("categories", List.of(Map.of("name", "groen,blauw")));
        api.post("/api/elections", body, admin).invalid("categories[0].name", "CATEGORY_NAME_COMMA");
        // Semicolons, colons and line breaks are quoted or parsed safely: the file reads back with the same categories.
        List<Map<String, Object>> categories = List.of(Map.of("name", "groen;blauw", "cap", 40_000), Map.of("name", "a:b", "cap", 500),
                Map.of("name", "x\ny"));
        body.put("categories", categories);
        long id = api.post("/api/elections", body, admin).ok(201).id();
        for (Map<String, Object> c : categories) {
            api.post("/api/elections/" + id + "/proposals", Api.proposal("Voor " + c.get("name"), 100, (String) c.get("name"), "ELIGIBLE"),
                    admin).ok(201);
        }
        String exported = api.get("/api/elections/" + id + "/export.pb", admin).ok(200).body();
        Map<String, Object> back = importFile(exported).ok(201).map();
        assertEquals(categories, back.get("categories"));
        List<Object> before = api.get("/api/elections/" + id + "/proposals", admin).list().stream().map(p -> p.get("category")).toList();
        List<Object> after = api.get("/api/elections/" + back.get("id") + "/proposals", admin).list().stream()
                .map(p -> p.get("category")).toList();
        assertEquals(before, after);
    }

    @Test
    void aProposalCodeOfOnlyDotsIsRefusedBecauseNoAddressCanHoldIt() {
        long id = Lifecycle.draft(api, admin, "Punten");
        for (String code : List.of(".", "..")) {
            api.post("/api/elections/" + id + "/proposals", Map.of("code", code, "title", "Punt", "cost", 5), admin)
                    .invalid("code", "CODE_ONLY_DOTS");
        }
        api.post("/api/elections/" + id + "/proposals", Map.of("code", "1.2", "title", "Punt", "cost", 5), admin).ok(201);
        Map<String, Object> p = importFile(file("..;500;Speeltuin\n2;600;Bankjes\n")).problem(422, "PABULIB_UNSUPPORTED");
        assertEquals("project_id", p.get("field"));
    }

    @Test
    void aFileWhoseTextBreaksTheRuleNamesItsLineColumnAndProject() {
        long before = elections();
        // Was VALIDATION_FAILED with the API's path proposals[1].title, which names nothing in the file.
        Map<String, Object> p = importFile(file("1;500;Speeltuin\n2;600;Bank\u0000jes\n")).problem(400, "INVALID_PABULIB");
        assertEquals("TEXT_CONTROL_CHARACTER", p.get("pabulibCode"));
        assertEquals(13, p.get("line"));
        assertEquals("name", p.get("field"));
        assertEquals("2", p.get("project"));
        assertTrue(((String) p.get("detail")).startsWith("line 13, project 2, field name: holds the control character U+0000"),
                () -> (String) p.get("detail"));
        assertEquals(before, elections());
        // A name of only invisible characters is no name: the project gets the name an empty one gets.
        long id = importFile(file("1;500;\u200b\u00a0\n2;600;Bankjes\n")).ok(201).id();
        assertEquals("Project 1", api.get("/api/elections/" + id + "/proposals", admin).list().get(0).get("title"));
    }

    @Test
    void anImportWithoutItsFileSaysWhatIsMissing() {
        Map<String, Object> empty = raw(HttpRequest.POST("/api/elections/import", new byte[0]).contentType(MediaType.TEXT_PLAIN_TYPE))
                .problem(400, "MALFORMED_REQUEST");
        assertEquals("The request has no body; this address needs one (a JSON object, or the file for an import).", empty.get("detail"));
        MultipartBody other = MultipartBody.builder().addPart("upload", "x.pb", MediaType.TEXT_PLAIN_TYPE,
                file("1;500;a\n2;600;b\n").getBytes(StandardCharsets.UTF_8)).build();
        raw(HttpRequest.POST("/api/elections/import", other).contentType(MediaType.MULTIPART_FORM_DATA_TYPE))
                .invalid("file", "PART_MISSING");
    }

    @Test
    void refusingAnExtensionSaysTheTimeItMustFollowOnce() {
        long id = Lifecycle.draft(api, admin, "Verlengen");
        api.post("/api/elections/" + id + "/open", null, admin).ok(200);
        Map<String, Object> p = api.post("/api/elections/" + id + "/extend", Map.of("votingCloses", "2001-01-01T00:00:00Z"), admin)
                .invalid("votingCloses", "NOT_LATER");
        String detail = (String) p.get("detail");
        assertTrue(detail.matches("the new end of voting must be after now \\(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)"), detail);
    }

    @Test
    void anElectionWhoseBallotsCouldNeverBeValidDoesNotOpen() {
        long id = Lifecycle.draft(api, admin, "Te veel gevraagd");
        String base = "/api/elections/" + id;
        api.patch(base, Map.of("ballot", Map.of("format", "APPROVAL", "minProjects", 4)), admin).ok(200);
        // Was 200 OPEN, after which every ballot was refused: three proposals cannot fill four places.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> missing = (List<Map<String, Object>>) api.post(base + "/open", null, admin)
                .problem(409, "ELECTION_INCOMPLETE").get("missing");
        assertEquals(List.of(Map.of("field", "ballot.minProjects", "code", "MIN_PROJECTS_ABOVE_ELIGIBLE",
                "message", "a ballot must name at least 4 proposals, but 3 are ELIGIBLE: no ballot could be valid")), missing);
        assertEquals("DRAFT", api.get(base, admin).get("state"));
        api.patch(base, Map.of("ballot", Map.of("format", "APPROVAL", "minProjects", 3)), admin).ok(200);
        api.post(base + "/open", null, admin).ok(200);
    }

    @Test
    void theAuditLogComesInPagesOfAtMostTheLimit() {
        long id = Lifecycle.draft(api, admin, "Logboek");
        String events = "/api/audit?electionId=" + id;
        List<Map<String, Object>> all = api.get(events, admin).ok(200).list();
        assertTrue(all.size() >= 4, () -> "created and three proposals: " + all);
        // Read on page by page with 'after' = the last id: the same events in the same order.
        List<Object> paged = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            List<Map<String, Object>> page = api.get(events + "&limit=3&after=" + after, admin).ok(200).list();
            assertTrue(page.size() <= 3);
            page.forEach(e -> paged.add(e.get("id")));
            if (page.size() < 3) {
                break;
            }
            after = ((Number) page.get(page.size() - 1).get("id")).longValue();
        }
        assertEquals(all.stream().map(e -> e.get("id")).toList(), paged);
        api.get("/api/audit?limit=0", admin).invalid("limit", "NUMBER_OUT_OF_RANGE");
        api.get("/api/audit?limit=10001", admin).invalid("limit", "NUMBER_OUT_OF_RANGE");
        api.get("/api/audit?limit=many", admin).invalid("limit", "NOT_A_WHOLE_NUMBER");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRequestWithThousandsOfFaultsGetsAShortAnswer() {
        long id = Lifecycle.draft(api, admin, "Veel fouten");
        // 300,000 numbers where names belong: a 600 KB request anyone may send was answered with 28 MB of violations.
        String ballot = "{\"code\":\"x\",\"projects\":[" + String.join(",", java.util.Collections.nCopies(300_000, "1"))
                + "],\"submissionId\":\"0123456789abcdef0123\"}";
        Api.Res res = api.post("/api/elections/" + id + "/ballots", ballot, null);
        Map<String, Object> p = res.invalid("projects[0]", "WRONG_TYPE");
        List<Map<String, Object>> violations = (List<Map<String, Object>>) p.get("violations");
        assertEquals(101, violations.size());
        assertEquals(Map.of("field", "", "code", "TOO_MANY_VIOLATIONS",
                "message", "299900 more faults are not listed; fix these first and send the request again"), violations.get(100));
        assertTrue(res.body().length() < 50_000, () -> res.body().length() + " characters");
    }

    @Test
    void anUploadedFileNameIsQuotedWithoutControlOrDirectionCharacters() {
        MultipartBody body = MultipartBody.builder().addPart("file", "\u202Egp.exe\u0000" + "x".repeat(300), MediaType.TEXT_PLAIN_TYPE,
                "hallo\n".getBytes(StandardCharsets.UTF_8)).build();
        Map<String, Object> p = raw(HttpRequest.POST("/api/elections/import", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE))
                .problem(400, "INVALID_PABULIB");
        // Was quoted as sent: a right-to-left override (shown as "exe.pg"), a NUL and every one of 300 characters.
        assertEquals("gp.exe" + "x".repeat(94) + ", line 1: 'hallo' comes before any section; a Pabulib file starts with a line META",
                p.get("detail"));
    }

    @Test
    void aFilesDatesOutsideTheApisRangeAreLeftOutLikeUnreadableOnes() {
        String file = "META\nkey;value\ndescription;Data\nnum_projects;1\nnum_votes;0\nbudget;10\nvote_type;approval\n"
                + "date_begin;01.01.+999999999\ndate_end;02.01.0001\nPROJECTS\nproject_id;cost;name\n1;5;a\nVOTES\nvoter_id;vote\n";
        Map<String, Object> e = importFile(file).ok(201).map();
        // Was stored: the election opened with voting starting in year 999999999, so every online ballot was refused.
        assertFalse(e.containsKey("votingOpens"), e::toString);
        assertFalse(e.containsKey("votingCloses"), e::toString);
        String inRange = file.replace("01.01.+999999999", "01.03.2026").replace("02.01.0001", "14.03.2026");
        Map<String, Object> dated = importFile(inRange).ok(201).map();
        assertEquals("2026-03-01T00:00:00Z", dated.get("votingOpens"));
        assertEquals("2026-03-15T00:00:00Z", dated.get("votingCloses"));
    }
}
