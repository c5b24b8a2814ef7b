package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nl.buurtbegroting.service.web.WebClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Query parameters on the public pages and the sign-in, as a shared or hand-edited address carries them. Pages take
 * the first of a repeated parameter and ignore ones they do not know (a page has no {@code ?lang=}: the language is
 * the reader's, from the switch's cookie or the browser); a page number that is not one of the result's pages gets
 * the kind "no such page" answer in the reader's language; nothing answers 500 or shows a trace.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
class PageQueryParametersTest extends ApiTestBase {

    @Inject
    EmbeddedServer server;

    WebClient web;
    String organiser;
    long published;
    long open;

    @BeforeAll
    void setUp() {
        organiser = api.account(admin, "wijkteam", "ORGANISER", List.of());
        web = new WebClient(server.getURL().toString());
        published = Elections.open(api, organiser, "Buurtbudget Centrum", Map.of("format", "APPROVAL"), "greedy");
        open = Elections.open(api, organiser, "Buurtbudget Haven", Map.of("format", "APPROVAL"), "greedy");
        List<String> codes = Elections.codes(api, organiser, published, 2, "Pittelo");
        List<String[]> f = new ArrayList<>();
        f.add(field("code", codes.get(0)));
        f.add(field("submissionId", "query-test-submission"));
        f.add(field("project", "a"));
        assertEquals(200, web.post("/vote/" + published + "/cast", f).status());
        api.post("/api/elections/" + published + "/close", null, organiser).ok(200);
        api.post("/api/elections/" + published + "/tally", null, organiser).ok(200);
        api.post("/api/elections/" + published + "/publish", Map.of("councilDecision", "Raadsbesluit 2026-114"), organiser).ok(200);
    }

    @Test
    void aLangParameterIsIgnoredTheReadersLanguageStays() {
        WebClient english = new WebClient(server.getURL().toString()).acceptLanguage("en");
        for (String query : List.of("?lang=en", "?lang=en&lang=nl", "?lang=xx", "?lang=" + "e".repeat(5000), "?lang=%00",
                "?lang=", "?foo=1&foo=2")) {
            WebClient.Page nl = web.get("/vote/" + open + query);
            assertEquals(200, nl.status(), query);
            assertTrue(nl.body().contains("<html lang=\"nl\""), query);
            assertTrue(nl.body().contains("<title>Stemmen: Buurtbudget Haven – Gemeente Voorbeeld</title>"), query);
            WebClient.Page en = english.get("/vote/" + open + query);
            assertEquals(200, en.status(), query);
            assertTrue(en.body().contains("<html lang=\"en\""), query);
            noTrace(nl);
            noTrace(en);
        }
    }

    @Test
    void theResultsPageNumberUsesTheFirstValueAndABadOneGetsAKindPageInTheReadersLanguage() {
        String r = "/elections/" + published + "/result";
        for (String query : List.of("", "?page=1", "?page=1&page=2", "?page=", "?size=5", "?page=1&unknown=x")) {
            WebClient.Page p = web.get(r + query);
            assertEquals(200, p.status(), query);
            assertTrue(p.body().contains("<title>Uitslag: Buurtbudget Centrum – Gemeente Voorbeeld</title>"), query);
        }
        WebClient english = new WebClient(server.getURL().toString()).acceptLanguage("en");
        for (String query : List.of("?page=2", "?page=0", "?page=-1", "?page=99999999999999999999", "?page=abc", "?page=%00",
                "?page=2&page=1", "?page=1e3", "?page=%EF%BC%91")) {
            WebClient.Page nl = web.get(r + query);
            assertEquals(404, nl.status(), query);
            assertTrue(nl.body().contains("<title>Deze pagina bestaat niet – Gemeente Voorbeeld</title>"), query);
            assertTrue(nl.mainText().contains("De uitslag heeft pagina 1 tot en met 1. Kies een van die pagina's."), nl.mainText());
            WebClient.Page en = english.get(r + query);
            assertEquals(404, en.status(), query);
            assertTrue(en.mainText().contains("The result has pages 1 to 1. Choose one of those pages."), en.mainText());
            noTrace(nl);
            noTrace(en);
        }
    }

    @Test
    void theLanguageSwitchAndTheSignInTakeTheFirstOfARepeatedParameter() {
        WebClient.Page twice = web.get("/language?to=en&to=nl&back=/elections/" + published + "&back=//elders.example");
        assertEquals(303, twice.status());
        assertEquals("/elections/" + published, twice.header("Location"), "the first back, not the two joined");
        assertTrue(twice.header("Set-Cookie").startsWith("bb_lang=en;"), twice.header("Set-Cookie"));
        WebClient.Page odd = web.get("/language?to=" + "x".repeat(3000) + "&back=%00");
        assertEquals(303, odd.status());
        assertEquals("/", odd.header("Location"));
        assertTrue(odd.header("Set-Cookie").startsWith("bb_lang=nl;"), odd.header("Set-Cookie"));

        WebClient.Page login = web.get("/manage/login?back=/manage/audit&back=//elders.example");
        assertEquals(200, login.status());
        assertTrue(login.body().contains("<input type=\"hidden\" name=\"back\" value=\"/manage/audit\">"), login.body());
    }

    private static void noTrace(WebClient.Page p) {
        assertFalse(p.body().contains("Exception") || p.body().contains("at nl.") || p.body().contains("\"status\":500"), p.body());
    }
}
