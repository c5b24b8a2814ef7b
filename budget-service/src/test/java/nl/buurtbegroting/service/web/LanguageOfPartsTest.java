package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WCAG 3.1.2, language of parts: on English pages the Dutch the team typed (election, neighbourhood, proposal
 * titles, summaries, categories, the municipality's name) and the switch's "Nederlands" carry {@code lang="nl"};
 * on Dutch pages the switch's "English" carries {@code lang="en"} and the team's texts nothing.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
class LanguageOfPartsTest extends ApiTestBase {

    @Inject
    EmbeddedServer server;

    WebClient dutch;
    WebClient english;
    long id;

    @BeforeAll
    void setUp() {
        String organiser = api.account(admin, "talen", "ORGANISER", List.of());
        id = Elections.open(api, organiser, "Buurtbudget Delen", Map.of("format", "APPROVAL"), "greedy");
        dutch = new WebClient(server.getURL().toString());
        english = new WebClient(server.getURL().toString()).acceptLanguage("en");
    }

    /** The page without its {@code <html lang>}. */
    private static String body(String html) {
        return html.substring(html.indexOf("<body"));
    }

    @Test
    void theVotePageMarksTheTeamsDutchOnTheEnglishPage() {
        String en = english.get("/vote/" + id).body();
        assertTrue(en.contains("<html lang=\"en\">"));
        assertTrue(en.contains("value=\"nl\" lang=\"nl\">Nederlands</button>"), "the switch");
        assertTrue(en.contains("<span lang=\"nl\">Gemeente Voorbeeld</span>"), "the municipality in the header");
        assertTrue(en.contains("<p>A service of <span lang=\"nl\">Gemeente Voorbeeld</span>. This site uses no cookies"), "the footer");
        assertTrue(en.contains("<a href=\"/elections/" + id + "\" lang=\"nl\">Buurtbudget Delen</a>"), "the crumb");
        assertTrue(en.contains("is spent for <span lang=\"nl\">Buurtbudget Delen</span>."), "the name inside a sentence");
        assertTrue(en.contains("<label for=\"p-0\" class=\"option-title\" lang=\"nl\">Speeltuin Oost</label>"), en);
        assertTrue(en.contains("<span lang=\"nl\">Een plan van bewoners voor speeltuin oost.</span>"), "the summary");
        assertTrue(en.contains("<span class=\"tag\" lang=\"nl\">jongeren</span>"), "the category");

        String nl = dutch.get("/vote/" + id).body();
        assertTrue(nl.contains("value=\"en\" lang=\"en\">English</button>"));
        assertFalse(body(nl).contains(" lang=\"nl\""), "a Dutch page marks nothing Dutch");
        assertTrue(nl.contains("<label for=\"p-0\" class=\"option-title\">Speeltuin Oost</label>"));
    }

    @Test
    void theElectionPageTheStartPageAndTheNoticesMarkItToo() {
        String election = english.get("/elections/" + id).body();
        assertTrue(election.contains("<h1 lang=\"nl\">Buurtbudget Delen</h1>"), election);
        assertTrue(election.contains("<h3 lang=\"nl\">Speeltuin Oost</h3>"));
        assertTrue(election.contains("<p class=\"summary\" lang=\"nl\">Een plan van bewoners voor speeltuin oost.</p>"));
        assertTrue(election.contains("<h3 lang=\"nl\">Parkeergarage</h3>"), "a refused proposal");
        assertTrue(election.contains("<span lang=\"nl\">Dit is geen taak van de buurt.</span>"), "its public reason");
        String home = english.get("/").body();
        assertTrue(home.contains("<a href=\"/elections/" + id + "\" lang=\"nl\">Buurtbudget Delen</a>"), home);
        String notYet = english.get("/elections/" + id + "/result").mainText();
        String notYetHtml = english.get("/elections/" + id + "/result").body();
        assertTrue(notYetHtml.contains("<span lang=\"nl\">Buurtbudget Delen</span>"), notYet);
        assertFalse(body(dutch.get("/elections/" + id).body()).contains(" lang=\"nl\""));
        assertTrue(dutch.get("/elections/" + id).body().contains("lang=\"en\" hreflang=\"en\">English</a>"));
    }
}
