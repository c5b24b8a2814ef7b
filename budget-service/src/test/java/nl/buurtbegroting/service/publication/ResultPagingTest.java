package nl.buurtbegroting.service.publication;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public result of an election of 5,000 proposals (the most an election may have), each with a title of the
 * longest allowed length: the compact result stays under 2 MB, every project's full entry (exact figures,
 * explanations) is reachable one at a time and page by page exactly as in the whole document (the tally, of which
 * the result is a copy), and bad paging parameters are refused with a precise 400.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "bb.code-key", value = PublicationApiTest.CODE_KEY)
@Property(name = "micronaut.http.client.read-timeout", value = "300s")
class ResultPagingTest {

    static final int PROPOSALS = 5000;
    static final int VOTERS = 12;
    static final int TWO_MB = 2_000_000;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    Api api;
    long id;
    /** The whole document's projects in published order (the tally's, which the result copies). */
    List<Map<String, Object>> whole;
    int wholeBytes;

    @BeforeAll
    void publishAnElectionOfFiveThousandProposals() {
        api = new Api(client, json);
        String admin = api.adminToken();
        StringBuilder pb = new StringBuilder("META\nkey;value\ndescription;Generated for the result's size\n"
                + "country;Netherlands\nunit;Proefstad\ninstance;2026\nnum_projects;" + PROPOSALS + "\nnum_votes;0\n"
                + "budget;1000000\nvote_type;approval\nrule;equalshares\ncurrency;EUR\nPROJECTS\nproject_id;cost;name\n");
        for (int i = 0; i < PROPOSALS; i++) {
            pb.append(String.format("p%04d;%d;%s%n", i, 5_000 + (i * 7919L) % 95_000, title(i)));
        }
        pb.append("VOTES\nvoter_id;vote\n");
        String created = client.toBlocking().retrieve(HttpRequest.POST("/api/elections/import",
                pb.toString().getBytes(StandardCharsets.UTF_8)).contentType(MediaType.TEXT_PLAIN_TYPE).bearerAuth(admin));
        id = readId(created);
        api.patch(path(""), Map.of("votingOpens", java.time.Instant.now().minusSeconds(3600).toString(),
                "votingCloses", java.time.Instant.now().plusSeconds(24 * 3600).toString()), admin).ok(200);
        List<String> codes = PublicationApiTest.Fixtures.issue(api, admin, id, VOTERS, "Brief");
        api.post(path("/open"), null, admin).ok(200);
        for (int v = 0; v < VOTERS; v++) {
            List<String> chosen = new ArrayList<>();
            for (int k = 0; k < 40; k++) {
                chosen.add(String.format("p%04d", (v * 37 + k * k * 11) % PROPOSALS));
            }
            api.post(path("/ballots"), PublicationApiTest.Fixtures.ballot(codes.get(v),
                    new ArrayList<>(new java.util.TreeSet<>(chosen))), null).ok(201);
        }
        api.post(path("/close"), null, admin).ok(200);
        api.post(path("/tally"), null, admin).ok(200);
        api.post(path("/publish"), Map.of("councilDecision", "Raadsbesluit 2026-500"), admin).ok(200);
        String tally = api.get(path("/tally"), admin).ok(200).body();
        wholeBytes = tally.getBytes(StandardCharsets.UTF_8).length;
        whole = list(map(tally).get("projects"));
        assertEquals(PROPOSALS, whole.size());
    }

    private long readId(String created) {
        return ((Number) map(created).get("id")).longValue();
    }

    /** 200 characters, the most a title may have: "Plan 0042: " and a Dutch sentence repeated. */
    static String title(int i) {
        StringBuilder t = new StringBuilder(String.format("Plan %04d: ", i));
        while (t.length() < 200) {
            t.append("meer groen en bankjes in de straat ");
        }
        return t.substring(0, 200).strip();
    }

    private String path(String tail) {
        return "/api/elections/" + id + tail;
    }

    @Test
    void theCompactResultOfFiveThousandProposalsIsUnderTwoMegabytesAndHasEveryProjectsDecision() {
        Api.Res res = api.get(path("/result"), null).ok(200);
        int bytes = res.body().getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("result of %,d proposals: compact %,d bytes, whole document %,d bytes%n", PROPOSALS, bytes, wholeBytes);
        assertTrue(bytes < TWO_MB, "compact result is " + bytes + " bytes");
        assertTrue(wholeBytes > TWO_MB, "the whole document is what needed a compact form: " + wholeBytes);
        Map<String, Object> result = res.map();
        List<Map<String, Object>> projects = list(result.get("projects"));
        assertEquals(PROPOSALS, projects.size());
        for (int i = 0; i < PROPOSALS; i++) {
            Map<String, Object> expected = new LinkedHashMap<>(whole.get(i));
            expected.remove("details");
            expected.remove("explanation");
            assertEquals(expected, projects.get(i), "the compact entry is the whole entry without details and explanation");
        }
        assertEquals(Map.of("project", path("/result") + "/projects/{id}",
                "projects", path("/result") + "/projects?page=1&size=100"), result.get("projectDetails"));
        assertNotNull(result.get("auditBundle"));
    }

    @Test
    void pagesHoldEveryProjectExactlyOnceInPublishedOrderWithEverything() {
        for (int size : new int[] {500, 100, 333}) {
            List<Map<String, Object>> seen = new ArrayList<>();
            String next = path("/result/projects?size=" + size);
            int pages = 0;
            while (next != null) {
                HttpResponse<String> res = client.toBlocking().exchange(HttpRequest.GET(next), String.class);
                Map<String, Object> page = map(res.body());
                pages++;
                assertEquals((long) pages, num(page.get("page")));
                assertEquals((long) PROPOSALS, num(page.get("total")));
                assertEquals((long) (PROPOSALS + size - 1) / size, num(page.get("pages")));
                seen.addAll(list(page.get("projects")));
                Map<String, Object> links = obj(page.get("links"));
                next = (String) links.get("next");
                String header = res.header("Link");
                assertTrue(next == null ? !header.contains("rel=\"next\"") : header.contains("<" + next + ">; rel=\"next\""), header);
            }
            assertEquals((PROPOSALS + size - 1) / size, pages);
            assertEquals(whole, seen, "every project once, in order, as in the whole document (size " + size + ")");
            Set<Object> ids = new HashSet<>();
            seen.forEach(p -> ids.add(p.get("id")));
            assertEquals(PROPOSALS, ids.size());
        }
    }

    @Test
    void oneProjectIsItsEntryInTheWholeDocument() {
        for (int i : new int[] {0, 1, 2499, 4999}) {
            Map<String, Object> expected = whole.get(i);
            Map<String, Object> got = api.get(path("/result/projects/" + expected.get("id")), null).ok(200).map();
            assertEquals(expected, got);
            assertNotNull(obj(obj(got.get("explanation")).get("nl")).get("body"));
        }
        Map<String, Object> funded = whole.stream().filter(p -> Boolean.TRUE.equals(p.get("funded"))).findFirst().orElseThrow();
        assertEquals(funded, api.get(path("/result/projects/" + funded.get("id")), null).ok(200).map());
        api.get(path("/result/projects/p5000"), null).problem(404, "PROPOSAL_NOT_FOUND");
        api.get("/api/elections/999999/result/projects/p0001", null).problem(404, "ELECTION_NOT_FOUND");
    }

    @Test
    void badParametersAreRefusedWithTheFieldAndAStableCode() {
        api.get(path("/result/projects?page=0"), null).invalid("page", "NUMBER_OUT_OF_RANGE");
        api.get(path("/result/projects?page=abc"), null).invalid("page", "NOT_A_WHOLE_NUMBER");
        api.get(path("/result/projects?page=-1"), null).invalid("page", "NUMBER_OUT_OF_RANGE");
        api.get(path("/result/projects?page=99999999999"), null).invalid("page", "NUMBER_OUT_OF_RANGE");
        api.get(path("/result/projects?size=0"), null).invalid("size", "NUMBER_OUT_OF_RANGE");
        api.get(path("/result/projects?size=501"), null).invalid("size", "NUMBER_OUT_OF_RANGE");
        api.get(path("/result/projects?size=1.5"), null).invalid("size", "NOT_A_WHOLE_NUMBER");
        api.get(path("/result/projects?page=11&size=500"), null).invalid("page", "PAGE_AFTER_LAST");
        api.get(path("/result/projects?page=10&size=500"), null).ok(200);
        api.get(path("/result?explanations=some"), null).invalid("explanations", "UNKNOWN_VALUE");
        api.get(path("/result?explanations=all"), null).invalid("explanations", "RESULT_TOO_LARGE");
    }

    @Test
    void theResultPageShowsFiftyProjectsAPageAndEveryProjectOnExactlyOnePage() {
        String first = page("");
        assertTrue(first.length() < 300_000, "first page is " + first.length() + " characters");
        assertTrue(first.contains("aria-current=\"page\""), "a pager marks the page");
        assertTrue(first.contains("U ziet plan 1 tot en met 50 van de 5.000 plannen."));
        // Every card's heading is a project's title; the titles are unique, so each must be seen exactly once.
        Map<String, Integer> seen = new HashMap<>();
        java.util.regex.Pattern card = java.util.regex.Pattern.compile("<h3>([^<]*)</h3>");
        for (int p = 1; p <= PROPOSALS / 50; p++) {
            java.util.regex.Matcher m = card.matcher(p == 1 ? first : page("?page=" + p));
            int cards = 0;
            while (m.find()) {
                seen.merge(m.group(1), 1, Integer::sum);
                cards++;
            }
            assertEquals(50, cards, "cards on page " + p);
        }
        for (Map<String, Object> project : whole) {
            assertEquals(1, seen.getOrDefault((String) project.get("title"), 0), "project " + project.get("id") + " on exactly one page");
        }
        for (String bad : List.of("?page=0", "?page=101", "?page=x")) {
            HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().retrieve(HttpRequest.GET("/elections/" + id + "/result" + bad)
                            .accept(MediaType.TEXT_HTML_TYPE), String.class));
            assertEquals(404, e.getStatus().getCode());
            assertTrue(e.getResponse().getBody(String.class).orElse("").contains("De uitslag heeft pagina 1 tot en met 100."));
        }
    }

    private String page(String query) {
        return client.toBlocking().retrieve(HttpRequest.GET("/elections/" + id + "/result" + query)
                .accept(MediaType.TEXT_HTML_TYPE), String.class);
    }

    private Map<String, Object> map(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }
}
