package nl.buurtbegroting.service.manage;

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
 * The election form's language switch without JavaScript: a button that sends the half-filled form along, so the
 * same form comes back in the other language with what was typed, the choice remembered, nothing saved and no
 * error shown yet.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManageFormSwitchTest {

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
    void theNewElectionFormComesBackInEnglishWithWhatWasTypedAndNothingSaved() throws Exception {
        String form = pages.get("/manage/elections/new", admin.cookie()).body();
        assertTrue(form.contains("<button type=\"submit\" form=\"form\" formaction=\"/manage/elections\" formmethod=\"post\""
                + " formnovalidate class=\"lang\" name=\"switch\"\n            value=\"en\" lang=\"en\">English</button>"), form);
        assertTrue(form.contains("<form method=\"post\" action=\"/manage/elections\" id=\"form\" novalidate>"), form);

        // Half filled: the budget is still empty, which the real send would refuse.
        HttpResponse<String> switched = pages.post("/manage/elections", admin.cookie(), "csrf=" + admin.csrf()
                + "&name=Lentebudget+%3Cnoord%3E&neighbourhood=Noord&budget=&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID"
                + "&switch=en");
        assertEquals(200, switched.statusCode(), switched.body());
        assertTrue(switched.body().contains("<html lang=\"en\">"), switched.body());
        assertEquals("en", switched.headers().firstValue("Content-Language").orElse(""));
        assertTrue(switched.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("bb_lang=en;")),
                switched.headers().toString());
        assertTrue(switched.body().contains("value=\"Lentebudget &lt;noord>\""), "what was typed comes back: " + switched.body());
        assertTrue(switched.body().contains("value=\"Noord\""), switched.body());
        assertFalse(switched.body().contains("field-error") || switched.body().contains("error-summary"), "no error yet");
        assertTrue(switched.body().contains("value=\"nl\" lang=\"nl\">Nederlands</button>"), "and back again: " + switched.body());
        assertFalse(pages.get("/manage", admin.cookie()).body().contains("Lentebudget"), "nothing saved");

        HttpResponse<String> back = pages.post("/manage/elections", admin.cookie(), "csrf=" + admin.csrf()
                + "&name=Lentebudget&neighbourhood=Noord&budget=&switch=nl");
        assertTrue(back.body().contains("<html lang=\"nl\">") && back.body().contains("value=\"Lentebudget\""), back.body());

        HttpResponse<String> forged = pages.post("/manage/elections", admin.cookie(), "csrf=wrong&name=X&switch=en");
        assertEquals(403, forged.statusCode(), "the switch is checked with the session's token like any send");
    }

    @Test
    void theEditFormSwitchesWithTheChangesTypedAndKeepsTheSavedElectionAsItWas() throws Exception {
        HttpResponse<String> created = pages.post("/manage/elections", admin.cookie(), "csrf=" + admin.csrf()
                + "&name=Zomerbudget&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID");
        assertEquals(303, created.statusCode(), created.body());
        String path = created.headers().firstValue("Location").orElseThrow() + "/edit";
        HttpResponse<String> switched = pages.post(path, admin.cookie(), "csrf=" + admin.csrf()
                + "&name=Herfstbudget&neighbourhood=Oost&budget=2500&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID&switch=en");
        assertEquals(200, switched.statusCode(), switched.body());
        assertTrue(switched.body().contains("<html lang=\"en\">"), switched.body());
        assertTrue(switched.body().contains("value=\"Herfstbudget\"") && switched.body().contains("value=\"2500\""), switched.body());
        assertTrue(switched.body().contains("formaction=\"" + path + "\""), switched.body());
        String saved = pages.get(path, admin.cookie()).body();
        assertTrue(saved.contains("value=\"Zomerbudget\"") && !saved.contains("Herfstbudget"), "nothing saved: " + saved);
    }

    @Test
    void theProposalFormSwitchesWithWhatWasTypedAndSavesNothing() throws Exception {
        HttpResponse<String> created = pages.post("/manage/elections", admin.cookie(), "csrf=" + admin.csrf()
                + "&name=Plannen&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID");
        String election = created.headers().firstValue("Location").orElseThrow();
        String form = pages.get(election + "/proposals/new", admin.cookie()).body();
        assertTrue(form.contains("formaction=\"" + election + "/proposals/new\" formmethod=\"post\""), form);
        HttpResponse<String> switched = pages.post(election + "/proposals/new", admin.cookie(), "csrf=" + admin.csrf()
                + "&code=7&title=Bankjes+bij+de+vijver&cost=&verdict=PENDING&switch=en");
        assertEquals(200, switched.statusCode(), switched.body());
        assertTrue(switched.body().contains("<html lang=\"en\">"), switched.body());
        assertTrue(switched.body().contains("value=\"Bankjes bij de vijver\"") && switched.body().contains("value=\"7\""),
                switched.body());
        assertFalse(switched.body().contains("field-error"), "no error yet");
        assertFalse(pages.get(election, admin.cookie()).body().contains("Bankjes"), "nothing saved");
    }
}
