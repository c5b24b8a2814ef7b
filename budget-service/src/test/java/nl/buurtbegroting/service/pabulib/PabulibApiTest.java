package nl.buurtbegroting.service.pabulib;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.model.Project;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class PabulibApiTest extends ApiTestBase {

    @Inject
    DataSource dataSource;

    String organiser;
    String auditor;
    byte[] assen;

    @BeforeAll
    void setUp() throws IOException {
        organiser = api.account(admin, "importeur", "ORGANISER", List.of());
        auditor = api.account(admin, "kijker", "AUDITOR", List.of());
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("demo/Netherlands_Assen_2024.pb")) {
            assen = in.readAllBytes();
        }
    }

    private HttpResponse<String> importText(byte[] body, String token) {
        io.micronaut.http.MutableHttpRequest<byte[]> request = HttpRequest.POST("/api/elections/import", body).contentType(MediaType.TEXT_PLAIN_TYPE);
        if (token != null) {
            request = request.bearerAuth(token);
        }
        try {
            return client.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return HttpResponse.status(e.getStatus()).body(e.getResponse().getBody(String.class).orElse(""));
        }
    }

    private Api.Res res(HttpResponse<String> response) {
        return new Api.Res(response.code(), response.getContentType().map(MediaType::toString).orElse("application/problem+json"),
                response.body(), response, json);
    }

    /** A file of {@code projects} projects "p1", "p2", ... with costs and two categories. */
    private static byte[] fileOf(int projects) {
        StringBuilder file = new StringBuilder("META\nkey;value\ndescription;Groot\ncountry;Nederland\nunit;Stad\n"
                + "instance;2026\nnum_projects;" + projects + "\nnum_votes;0\nbudget;100000000\nvote_type;approval\n"
                + "PROJECTS\nproject_id;cost;name;category\n");
        for (int i = 1; i <= projects; i++) {
            file.append('p').append(i).append(';').append(1_000 + i).append(";Plan ").append(i).append(';')
                    .append(i % 3 == 0 ? "groen" : "verkeer").append('\n');
        }
        return file.append("VOTES\nvoter_id;vote\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private long count(String sql, Object... params) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void importsTheMostProposalsAnElectionMayHaveInTheFilesOrderEachInTheAuditLog() throws SQLException {
        long id = res(importText(fileOf(5000), organiser)).ok(201).id();

        List<Map<String, Object>> proposals = api.get("/api/elections/" + id + "/proposals", organiser).ok(200).list();
        assertEquals(5000, proposals.size());
        for (int i = 0; i < proposals.size(); i++) {
            assertEquals("p" + (i + 1), proposals.get(i).get("code"));
            assertEquals(1_000 + i + 1, ((Number) proposals.get(i).get("cost")).intValue());
        }
        assertEquals("groen", proposals.get(2).get("category"));
        assertEquals(5000, count("SELECT COUNT(*) FROM audit_event WHERE election_id = ? AND action = 'PROPOSAL_CREATED'"
                + " AND actor = 'importeur'", id));
        assertEquals(5000, count("SELECT COUNT(DISTINCT list_position) FROM proposal WHERE election_id = ?"
                + " AND list_position BETWEEN 1 AND 5000", id));
        // A proposal added by hand afterwards is the 5,001st: refused, the election keeps its 5,000.
        api.post("/api/elections/" + id + "/proposals", Map.of("title", "Nog een", "cost", 10), organiser)
                .problem(409, "TOO_MANY_PROPOSALS");
        assertEquals(5000, count("SELECT COUNT(*) FROM proposal WHERE election_id = ?", id));
    }

    @Test
    void aFileWithOneProposalTooManyIsRefusedAndLeavesNothingBehind() throws SQLException {
        long elections = count("SELECT COUNT(*) FROM election");
        long proposals = count("SELECT COUNT(*) FROM proposal");
        long audit = count("SELECT COUNT(*) FROM audit_event");

        res(importText(fileOf(5001), organiser)).problem(409, "TOO_MANY_PROPOSALS");

        assertEquals(elections, count("SELECT COUNT(*) FROM election"));
        assertEquals(proposals, count("SELECT COUNT(*) FROM proposal"));
        assertEquals(audit, count("SELECT COUNT(*) FROM audit_event"));
    }

    @Test
    void importsARealElectionAsADraftWithItsProposals() {
        Api.Res res = res(importText(assen, organiser)).ok(201);

        Map<String, Object> e = res.map();
        assertEquals("Assen Top Idee", e.get("name"));
        assertEquals("Assen", e.get("neighbourhood"));
        assertEquals(100_000, ((Number) e.get("budget")).intValue());
        assertEquals("EUR", e.get("currency"));
        assertEquals(Map.of("format", "APPROVAL", "minProjects", 2), e.get("ballot"));
        assertEquals("mes-add1", e.get("rule"));
        assertEquals("2024-03-31T00:00:00Z", e.get("votingOpens"));
        assertEquals("2024-04-16T00:00:00Z", e.get("votingCloses"));
        assertEquals("DRAFT", e.get("state"));

        List<Map<String, Object>> proposals = api.get("/api/elections/" + res.id() + "/proposals", organiser).ok(200).list();
        assertEquals(14, proposals.size());
        Map<String, Object> first = proposals.get(0);
        assertEquals("3", first.get("code"));
        assertEquals("PopUp Podium", first.get("title"));
        assertEquals(7200, ((Number) first.get("cost")).intValue());
        assertEquals("ELIGIBLE", first.get("verdict"));
        assertEquals("12x per jaar zal er een PopUp Podium opduiken in de stad", first.get("summary"));
        assertEquals(248_700, proposals.stream().mapToLong(p -> ((Number) p.get("cost")).longValue()).sum());

        // The file's voting ended in 2024: an election whose end has passed does not open (issue 11) until it is moved.
        api.post("/api/elections/" + res.id() + "/open", null, organiser).problem(409, "ELECTION_INCOMPLETE");
        api.patch("/api/elections/" + res.id(), Map.of("votingCloses", "2099-01-01T00:00:00Z"), organiser).ok(200);
        assertEquals("OPEN", api.post("/api/elections/" + res.id() + "/open", null, organiser).ok(200).get("state"));
    }

    @Test
    void importsAMultipartUpload() {
        MultipartBody body = MultipartBody.builder()
                .addPart("file", "Netherlands_Assen_2024.pb", MediaType.TEXT_PLAIN_TYPE, assen).build();
        HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.POST("/api/elections/import", body)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(organiser), String.class);

        assertEquals(201, response.code());
        assertEquals("Assen Top Idee", res(response).get("name"));
    }

    @Test
    void exportsTheConfigurationAsPabulibThatReadsBack() throws IOException {
        long id = res(importText(assen, organiser)).ok(201).id();

        HttpResponse<String> response = client.toBlocking().exchange(
                HttpRequest.GET("/api/elections/" + id + "/export.pb").bearerAuth(organiser), String.class);

        assertEquals("text/plain;charset=utf-8", response.getContentType().orElseThrow().toString().replace(" ", ""));
        assertEquals("attachment; filename=\"election-" + id + ".pb\"", response.header("Content-Disposition"));
        String text = response.body();
        assertTrue(text.startsWith("META\n"), text);
        assertTrue(text.contains("\nVOTES\nvoter_id;vote\n"), text);
        Election exported = PabulibReader.read(new StringReader(text), "export");
        Election original = PabulibReader.read(new java.io.ByteArrayInputStream(assen), "original");
        assertEquals(original.instance().budget(), exported.instance().budget());
        assertEquals(original.instance().projects().stream().map(p -> p.id() + "=" + p.cost() + ":" + p.name()).toList(),
                exported.instance().projects().stream().map(p -> p.id() + "=" + p.cost() + ":" + p.name()).toList());
        assertEquals(original.instance().ballotRules(), exported.instance().ballotRules());
        assertEquals(0, exported.profile().size());
        assertEquals("mes-add1", exported.instance().meta().get("rule"));

        Map<String, Object> again = res(importText(text.getBytes(StandardCharsets.UTF_8), organiser)).ok(201).map();
        Map<String, Object> first = api.get("/api/elections/" + id, organiser).ok(200).map();
        for (String field : List.of("name", "neighbourhood", "budget", "currency", "ballot", "rule", "votingOpens", "votingCloses")) {
            assertEquals(first.get(field), again.get(field), field);
        }
    }

    @Test
    void exportKeepsVerdictsCategoriesAndCaps() throws IOException {
        long id = api.post("/api/elections", Api.election("Met categorieen"), organiser).ok(201).id();
        api.post("/api/elections/" + id + "/proposals", Api.proposal("Bomen", 30_000, "groen", "ELIGIBLE"), organiser).ok(201);
        api.post("/api/elections/" + id + "/proposals", Map.of("title", "Parkeren", "cost", 5000, "category", "jongeren",
                "verdict", "INELIGIBLE", "publicReason", "Geen gemeentegrond"), organiser).ok(201);

        String text = client.toBlocking().retrieve(HttpRequest.GET("/api/elections/" + id + "/export.pb").bearerAuth(organiser));
        Election exported = PabulibReader.read(new StringReader(text), "export");

        assertEquals(Map.of("groen", 40_000L), exported.instance().categoryCaps());
        Project parkeren = exported.instance().project("2").orElseThrow();
        assertEquals(List.of("jongeren"), parkeren.categories());
        assertEquals(false, parkeren.admitted());
        assertEquals("Geen gemeentegrond", parkeren.eligibility().reason());
    }

    /** A file's incompatible_groups (as export.pb writes them) become the draft's groups; a broken one is refused at its line. */
    @Test
    void importsIncompatibleGroupsAndRefusesABrokenGroupAtItsLine() {
        String file = "META\nkey;value\nbudget;1000\nvote_type;approval\nincompatible_groups;%s\n"
                + "PROJECTS\nproject_id;cost;name\na;300;Plein\nb;300;Speeltuin\nc;300;Bankjes\nVOTES\nvoter_id;vote\n";
        long id = ((Number) res(importText(String.format(file, "a,b|b,c").getBytes(StandardCharsets.UTF_8), organiser))
                .ok(201).map().get("id")).longValue();
        assertEquals(List.of(List.of("a", "b"), List.of("b", "c")), api.get("/api/elections/" + id, organiser).get("incompatibleGroups"));

        Map<String, Object> problem = res(importText(String.format(file, "a,z").getBytes(StandardCharsets.UTF_8), organiser))
                .problem(400, "INVALID_PABULIB");
        assertEquals(5, ((Number) problem.get("line")).intValue());
        assertEquals("incompatible_groups", problem.get("field"));
        assertEquals("INVALID_INCOMPATIBLE_GROUPS", problem.get("pabulibCode"));
    }

    @Test
    void rejectsABrokenFileWithLineAndField() {
        String broken = "META\nkey;value\nbudget;1000\nvote_type;approval\nnum_projects;1\nnum_votes;0\n"
                + "PROJECTS\nproject_id;cost\n1;duizend\nVOTES\nvoter_id;vote\n";
        Map<String, Object> problem = res(importText(broken.getBytes(StandardCharsets.UTF_8), organiser)).problem(400, "INVALID_PABULIB");

        assertEquals(9, ((Number) problem.get("line")).intValue());
        assertEquals("cost", problem.get("field"));
        assertTrue(((String) problem.get("detail")).contains("line 9"));
        assertTrue(problem.containsKey("pabulibCode"));
    }

    @Test
    void importAndExportRespectRoles() {
        res(importText(assen, null)).problem(401, "UNAUTHORIZED");
        res(importText(assen, auditor)).problem(403, "FORBIDDEN");

        long id = res(importText(assen, organiser)).ok(201).id();
        api.get("/api/elections/" + id + "/export.pb", null).problem(401, "UNAUTHORIZED");
        api.patch("/api/elections/" + id, Map.of("votingCloses", "2099-01-01T00:00:00Z"), organiser).ok(200);
        api.post("/api/elections/" + id + "/open", null, organiser).ok(200);
        assertEquals(200, api.get("/api/elections/" + id + "/export.pb", null).status());
        api.get("/api/elections/987654/export.pb", organiser).problem(404, "ELECTION_NOT_FOUND");
    }
}
