package nl.buurtbegroting.service.manage;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WCAG 3.1.2 on the organiser pages: in English, the team's Dutch (names, titles, summaries, the municipality) is
 * marked {@code lang="nl"}, in the page's text and in the fields that hold it; in Dutch nothing is marked.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManageLanguageOfPartsTest {

    @Inject
    EmbeddedServer server;

    FormClient english;
    FormClient dutch;

    @BeforeAll
    void setUp() {
        english = new FormClient(server.getURL().toString(), "en");
        dutch = new FormClient(server.getURL().toString(), "nl");
    }

    @Test
    void theTeamsDutchIsMarkedOnEnglishOrganiserPages() throws Exception {
        FormClient.Session s = english.signIn("admin", "admin-password-for-tests");
        String path = english.post("/manage/elections", s.cookie(), "csrf=" + s.csrf() + "&name=Buurtbudget+Talen"
                + "&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID")
                .headers().firstValue("Location").orElseThrow();
        english.post(path + "/proposals/new", s.cookie(), "csrf=" + s.csrf() + "&title=Speeltuin&cost=100&verdict=ELIGIBLE");
        String overview = english.get(path, s.cookie()).body();
        assertTrue(overview.contains("<h1 lang=\"nl\">Buurtbudget Talen</h1>"), overview);
        assertTrue(overview.contains("<dd lang=\"nl\">Oost</dd>"), overview);
        assertTrue(overview.contains("<th scope=\"row\" lang=\"nl\">Speeltuin</th>"), overview);
        assertTrue(overview.contains("<span lang=\"nl\">Gemeente Voorbeeld</span>"), "the municipality");
        String edit = english.get(path + "/edit", s.cookie()).body();
        assertTrue(edit.contains("value=\"Buurtbudget Talen\"") && edit.contains("lang=\"nl\">"), edit);
        String proposal = english.get(path + "/proposals/new", s.cookie()).body();
        assertTrue(proposal.contains("<textarea class=\"input\" id=\"summary\" name=\"summary\" lang=\"nl\""), proposal);

        String nl = dutch.get(path, s.cookie()).body();
        assertFalse(nl.substring(nl.indexOf("<body")).contains(" lang=\"nl\""), "a Dutch page marks nothing Dutch");
    }
}
