package nl.buurtbegroting.service.manage;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The code batch page past the election's limit of codes (set to 10 here) and past a batch's 200,000: the reason
 * with its numbers beside the number field, in Dutch and English, the typed number kept, nothing made.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.codes.max-per-election", value = "10")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodeLimitPagesTest {

    @Inject
    EmbeddedServer server;

    FormClient pages;
    FormClient.Session admin;

    @BeforeAll
    void setUp() throws Exception {
        pages = new FormClient(server.getURL().toString(), "nl");
        admin = pages.signIn("admin", "admin-password-for-tests");
    }

    @Test
    void pastTheElectionsLimitTheNumbersStandBesideTheFieldAndNothingIsMade() throws Exception {
        HttpResponse<String> created = pages.post("/manage/elections", admin.cookie(), "csrf=" + admin.csrf()
                + "&name=Grens&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID");
        assertEquals(303, created.statusCode(), created.body());
        String path = created.headers().firstValue("Location").orElseThrow() + "/codes";
        assertEquals(200, issue(path, "Eerste", "7", "nl").statusCode());

        HttpResponse<String> nl = issue(path, "Tweede", "4", "nl");
        assertEquals(409, nl.statusCode(), nl.body());
        assertTrue(nl.body().contains("id=\"count-error\"><span class=\"visually-hidden\">Fout:</span> Zoveel codes kan niet."
                + " Een stemming mag hoogstens 10 codes hebben. Er zijn er al 7 en u vroeg er 4. U kunt er nog 3 maken.</p>"), nl.body());
        assertTrue(nl.body().contains("name=\"count\" type=\"text\" value=\"4\""), "the typed number stays: " + nl.body());
        assertTrue(nl.body().contains("value=\"Tweede\""), "the label stays");
        assertTrue(nl.body().contains("<a href=\"#count\">"), "the summary links to the field");

        HttpResponse<String> en = issue(path, "Second", "4", "en");
        assertEquals(409, en.statusCode(), en.body());
        assertTrue(en.body().contains("id=\"count-error\"><span class=\"visually-hidden\">Error:</span> That many codes is not"
                + " possible. An election may have at most 10 codes. It already has 7 and you asked for 4. You can make 3 more.</p>"),
                en.body());
        String list = pages.get(path, admin.cookie()).body();
        assertFalse(list.contains("Tweede") || list.contains("Second"), "no batch was made: " + list);
        assertEquals(200, issue(path, "Rest", "3", "nl").statusCode(), "the 3 that fit can be made");
    }

    @Test
    void aBatchOverTwoHundredThousandIsRefusedBesideTheFieldWithTheTypedNumber() throws Exception {
        HttpResponse<String> created = pages.post("/manage/elections", admin.cookie(), "csrf=" + admin.csrf()
                + "&name=Groot&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID");
        String path = created.headers().firstValue("Location").orElseThrow() + "/codes";
        HttpResponse<String> nl = issue(path, "Veel", "200001", "nl");
        assertEquals(400, nl.statusCode(), nl.body());
        assertTrue(nl.body().contains("id=\"count-error\"><span class=\"visually-hidden\">Fout:</span> Aantal codes: vul een getal in"
                + " van 1 tot en met 200.000.</p>"), nl.body());
        assertTrue(nl.body().contains("name=\"count\" type=\"text\" value=\"200001\""), nl.body());
        HttpResponse<String> en = issue(path, "Many", "99999999999999999999", "en");
        assertEquals(400, en.statusCode(), en.body());
        assertTrue(en.body().contains("id=\"count-error\"><span class=\"visually-hidden\">Error:</span> Number of codes: enter a number"
                + " from 1 to 200,000.</p>"), en.body());
        assertTrue(en.body().contains("name=\"count\" type=\"text\" value=\"99999999999999999999\""), en.body());
    }

    private HttpResponse<String> issue(String path, String label, String count, String language) throws Exception {
        // The page's language is the reader's choice (cookie), as the language switch sets it.
        return pages.post(path, admin.cookie() + "; bb_lang=" + language, "csrf=" + admin.csrf() + "&label=" + label
                + "&count=" + count + "&output=csv&letterText=Beste+bewoner");
    }
}
