package nl.buurtbegroting.service.manage;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A name the letter's font cannot print (an emoji, a script outside Western Europe's) never becomes "?" on a
 * printed letter: the election form refuses it beside the name, and letters for an election named so through the
 * API are refused beside the choice of letters, before any code is made, while the printer's list stays possible.
 */
@MicronautTest(transactional = false)
class LetterCharactersPagesTest extends ApiTestBase {

    @Inject
    EmbeddedServer server;

    FormClient pages;

    @BeforeAll
    void setUp() {
        pages = new FormClient(server.getURL().toString(), "nl");
    }

    @Test
    void theElectionFormRefusesANameTheLetterCannotPrintBesideTheField() throws Exception {
        FormClient.Session s = pages.signIn("admin", "admin-password-for-tests");
        String fields = "&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID";
        HttpResponse<String> refused = pages.post("/manage/elections", s.cookie(), "csrf=" + s.csrf() + "&name="
                + FormClient.enc("Buurtbudget 🌳 Oost ŝ") + fields);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Deze tekens kunnen niet in de gedrukte brief: 🌳 ŝ. De naam staat op elke brief"
                + " met een stemcode. Laat ze weg."), refused.body());
        assertTrue(refused.body().contains("<a href=\"#name\">"), "the summary links to the field");
        assertTrue(refused.body().contains("value=\"Buurtbudget 🌳 Oost ŝ\""), "what was typed comes back");
        // Dutch and Western European letters and the euro sign print.
        HttpResponse<String> fine = pages.post("/manage/elections", s.cookie(), "csrf=" + s.csrf() + "&name="
                + FormClient.enc("Buurtbudget Café Zoë € 2026") + fields);
        assertEquals(303, fine.statusCode(), fine.body());
    }

    @Test
    void lettersForAnElectionNamedSoElsewhereAreRefusedBeforeAnyCodeAndTheListStaysPossible() throws Exception {
        long id = api.post("/api/elections", Api.election("Buurtbudget 🌳"), admin).ok(201).id();
        FormClient.Session s = pages.signIn("admin", "admin-password-for-tests");
        String path = "/manage/elections/" + id + "/codes";
        HttpResponse<String> pdf = pages.post(path, s.cookie(), "csrf=" + s.csrf()
                + "&label=Brieven&count=3&output=pdf&letterText=Beste+bewoner");
        assertEquals(400, pdf.statusCode());
        assertTrue(pdf.body().contains("id=\"output-error\"><span class=\"visually-hidden\">Fout:</span> De naam van de gemeente,"
                + " de verkiezing of de groep heeft tekens die niet in de brief kunnen: 🌳. Kies de lijst voor de drukker (CSV).</p>"),
                pdf.body());
        assertFalse(pages.get(path, s.cookie()).body().contains("<th scope=\"row\">Brieven"), "no batch was made");
        HttpResponse<String> csv = pages.post(path, s.cookie(), "csrf=" + s.csrf()
                + "&label=Brieven&count=3&output=csv&letterText=Beste+bewoner");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
    }
}
