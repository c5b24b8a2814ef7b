package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static nl.buurtbegroting.service.web.WebClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every resident step (form, review, change, cast, receipt, language switch) without JavaScript when the vote is
 * closed, not yet open or unknown; the code checked at the review without using it up; the choice kept across a
 * language switch on every step.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
class VoteStepsTest extends ApiTestBase {

    @Inject
    EmbeddedServer server;

    WebClient web;
    WebClient english;
    String organiser;

    @BeforeAll
    void setUp() {
        organiser = api.account(admin, "stapjes", "ORGANISER", List.of());
        web = new WebClient(server.getURL().toString());
        english = new WebClient(server.getURL().toString()).acceptLanguage("en-GB,en;q=0.9");
    }

    private static List<String[]> form(String submissionId, String code, String... projects) {
        List<String[]> f = new ArrayList<>();
        f.add(field("submissionId", submissionId));
        f.add(field("action", "review"));
        f.add(field("code", code));
        for (String p : projects) {
            f.add(field("project", p));
        }
        return f;
    }

    private static List<String[]> plus(List<String[]> fields, String name, String value) {
        List<String[]> out = new ArrayList<>(fields);
        out.add(field(name, value));
        return out;
    }

    /** Ballots stored and codes used, from the tally of the closed election. */
    @SuppressWarnings("unchecked")
    private Map<String, Integer> turnout(long id) {
        Map<String, Object> t = (Map<String, Object>) api.post("/api/elections/" + id + "/tally", null, organiser).ok(200)
                .map().get("turnout");
        return Map.of("ballots", ((Number) t.get("ballots")).intValue(), "codesUsed", ((Number) t.get("codesUsed")).intValue());
    }

    /** A step answered with the closed notice: no form at all, a way to the vote's page. */
    private static void assertNoForm(WebClient.Page page) {
        assertFalse(page.body().contains("<form"), page.body());
        assertFalse(page.body().contains("name=\"code\""), "the code is not sent back");
    }

    @Test
    void everyStepAfterTheCloseSaysVotingHasEndedAndWhatComesNextInsteadOfTheBallot() {
        long id = Elections.open(api, organiser, "Buurtbudget Dicht", Map.of("format", "APPROVAL"), "greedy");
        List<String> codes = Elections.codes(api, organiser, id, 2, "Brief");
        WebClient.Page review = web.post("/vote/" + id, form("sid-steps-closed-0001", codes.get(0), "a"));
        assertEquals(200, review.status(), review.mainText());
        api.post("/api/elections/" + id + "/close", null, organiser).ok(200);

        String expected = "Het stemmen is voorbij Het stemmen voor Buurtbudget Dicht is voorbij. Het wijkteam telt nu de stemmen."
                + " De uitslag komt op de pagina van de stemming. Uw stem is niet verstuurd en telt niet mee."
                + " Er is niets bewaard. Naar de pagina van de stemming";
        WebClient.Page cast = web.post("/vote/" + id + "/cast", review.hiddenFields());
        assertEquals(409, cast.status());
        assertEquals(expected, cast.mainText());
        assertTrue(cast.body().contains("<a href=\"/elections/" + id + "\">Naar de pagina van de stemming</a>"));
        assertNoForm(cast);
        for (List<String[]> step : List.of(form("sid-steps-closed-0002", codes.get(1), "a"),
                plus(review.hiddenFields(), "action", "change"), plus(review.hiddenFields(), "switch", "nl"),
                plus(form("sid-steps-closed-0003", "", "b"), "switch", "nl"))) {
            WebClient.Page page = web.post("/vote/" + id, step);
            assertEquals(409, page.status());
            assertEquals(expected, page.mainText());
            assertNoForm(page);
        }
        WebClient.Page en = english.post("/vote/" + id + "/cast", review.hiddenFields());
        assertEquals(409, en.status());
        assertEquals("Voting has ended Voting for Buurtbudget Dicht is over. The neighbourhood team is now counting the votes."
                + " The result will be on the vote's page. Your vote has not been sent and does not count."
                + " Nothing has been kept. Go to the vote's page", en.mainText());
        WebClient.Page get = web.get("/vote/" + id);
        assertEquals(200, get.status());
        assertTrue(get.mainText().startsWith("Het stemmen is voorbij Het stemmen voor Buurtbudget Dicht is voorbij."), get.mainText());
        assertNoForm(get);

        // Nothing was half-written: the codes were not used, no ballot was stored.
        assertEquals(Map.of("ballots", 0, "codesUsed", 0), turnout(id));
    }

    @Test
    void stepsBeforeTheVotingTimesSayWhenVotingOpensAndUseNoCode() {
        Instant opens = Instant.now().plus(Duration.ofDays(2));
        Map<String, Object> body = new HashMap<>(Api.election("Buurtbudget Straks"));
        body.put("votingOpens", opens.toString());
        long id = api.post("/api/elections", body, organiser).ok(201).id();
        api.post("/api/elections/" + id + "/proposals", Api.proposal("Speeltuin", 30000, "jongeren", "ELIGIBLE"), organiser).ok(201);
        api.post("/api/elections/" + id + "/open", null, organiser).ok(200);
        List<String> codes = Elections.codes(api, organiser, id, 1, "Brief");
        for (String path : List.of("/vote/" + id, "/vote/" + id + "/cast")) {
            WebClient.Page page = web.post(path, form("sid-steps-before-0001", codes.get(0), "a"));
            assertEquals(409, page.status(), path);
            assertTrue(page.mainText().startsWith("Stemmen kan nu niet U kunt voor Buurtbudget Straks stemmen vanaf "), page.mainText());
            assertTrue(page.mainText().endsWith("Bewaar uw brief met de code tot dan. Wat u hebt ingevuld, is niet verstuurd"
                    + " en niet bewaard. Uw code is niet gebruikt. Naar de pagina van de stemming"), page.mainText());
            assertNoForm(page);
        }
    }

    @Test
    void everyStepOfAnUnknownVoteIsNotFound() {
        for (String path : List.of("/vote/987650", "/vote/987650/cast", "/vote/x1")) {
            WebClient.Page page = web.post(path, plus(form("sid-steps-unknown-01", "ABCD", "a"), "switch", "en"));
            assertEquals(404, page.status(), path);
            assertEquals("This page does not exist Check the address. Or go to the start page. Go to the start page",
                    page.mainText(), path);
        }
    }

    @Test
    void theReviewRefusesAUsedOrUnknownCodeBesideTheFieldAndUsesNoCode() {
        long id = Elections.open(api, organiser, "Buurtbudget Codes", Map.of("format", "APPROVAL"), "greedy");
        List<String> codes = Elections.codes(api, organiser, id, 2, "Brief");
        WebClient.Page review = web.post("/vote/" + id, form("sid-steps-code-00001", codes.get(0), "a"));
        assertEquals(200, review.status());
        assertEquals(200, web.post("/vote/" + id + "/cast", review.hiddenFields()).status());

        WebClient.Page used = web.post("/vote/" + id, form("sid-steps-code-00002", codes.get(0), "b"));
        assertEquals(422, used.status());
        assertEquals("Fout: Met deze code is al gestemd. Elke code werkt maar één keer.", used.textOf("code-error"));
        assertTrue(used.body().contains("<a href=\"#code\">Met deze code is al gestemd."), "the summary links to the field");
        assertTrue(used.body().contains("value=\"b\"\n          data-cost=\"20000\" aria-describedby=\"p-1-hint\" checked"),
                "the choice stays");
        WebClient.Page usedEn = english.post("/vote/" + id, form("sid-steps-code-00003", codes.get(0), "b"));
        assertEquals("Error: This code has already been used to vote. Each code works only once.", usedEn.textOf("code-error"));

        // A code of another vote is unknown here.
        long other = Elections.open(api, organiser, "Buurtbudget Anders", Map.of("format", "APPROVAL"), "greedy");
        String foreign = Elections.codes(api, organiser, other, 1, "Brief").get(0);
        WebClient.Page unknown = web.post("/vote/" + id, form("sid-steps-code-00004", foreign, "a"));
        assertEquals(422, unknown.status());
        assertEquals("Fout: Deze code hoort niet bij deze stemming. Kijk de code in uw brief na.", unknown.textOf("code-error"));

        // The check used nothing up: the unused code is reviewed twice and then cast once.
        for (int i = 0; i < 2; i++) {
            assertEquals(200, web.post("/vote/" + id, form("sid-steps-code-00005", codes.get(1), "a")).status());
        }
        WebClient.Page ok = web.post("/vote/" + id, form("sid-steps-code-00005", codes.get(1), "a"));
        assertEquals(200, web.post("/vote/" + id + "/cast", ok.hiddenFields()).status());
        // The resident's own reload of the review after the cast is no "already used": the cast answers with the receipt.
        WebClient.Page reload = web.post("/vote/" + id, form("sid-steps-code-00005", codes.get(1), "a"));
        assertEquals(200, reload.status());
        assertNull(reload.textOf("code-error"));
    }

    @Test
    void theLettersLinkHasItsCodeCheckedBeforeTheBallotWithoutUsingItUp() {
        long id = Elections.open(api, organiser, "Buurtbudget Vroeg", Map.of("format", "APPROVAL"), "greedy");
        List<String> codes = Elections.codes(api, organiser, id, 2, "Brief");
        List<String[]> first = List.of(field("code", codes.get(0)), field("submissionId", "sid-steps-early-00001"));
        WebClient.Page fine = web.post("/vote/" + id + "/code", first);
        assertEquals(204, fine.status());
        assertEquals("", fine.body());
        WebClient.Page review = web.post("/vote/" + id, form("sid-steps-early-00001", codes.get(0), "a"));
        assertEquals(200, web.post("/vote/" + id + "/cast", review.hiddenFields()).status());
        assertEquals(204, web.post("/vote/" + id + "/code", first).status(), "this submission's own code: its receipt");
        WebClient.Page used = web.post("/vote/" + id + "/code",
                List.of(field("code", codes.get(0)), field("submissionId", "sid-steps-early-00002")));
        assertEquals(422, used.status());
        assertEquals("Met deze code is al gestemd. Elke code werkt maar één keer.", used.body());
        WebClient.Page typo = english.post("/vote/" + id + "/code", List.<String[]>of(field("code", Elections.typo(codes.get(1)))));
        assertEquals(422, typo.status());
        assertEquals("The code has a typing mistake. Check the characters one by one.", typo.body());
        assertEquals(404, web.post("/vote/987651/code", first).status());
        api.post("/api/elections/" + id + "/close", null, organiser).ok(200);
        WebClient.Page closed = web.post("/vote/" + id + "/code", List.<String[]>of(field("code", codes.get(1))));
        assertEquals(409, closed.status());
        assertEquals("U kunt nu niet stemmen. De stemming is niet open.", closed.body());
        assertEquals(Map.of("ballots", 1, "codesUsed", 1), turnout(id));
    }

    @Test
    void theChoiceSurvivesTheLanguageSwitchOnEveryStep() {
        long id = Elections.open(api, organiser, "Buurtbudget Talen", Map.of("format", "APPROVAL"), "greedy");
        String code = Elections.codes(api, organiser, id, 1, "Brief").get(0);

        // The ballot step, half filled in: the switch sends it along and it comes back in English, untouched.
        WebClient.Page ballot = web.post("/vote/" + id, plus(form("sid-steps-lang-000001", code, "b", "c"), "switch", "en"));
        assertEquals(200, ballot.status());
        assertEquals("en", ballot.header("Content-Language"));
        assertTrue(ballot.header("Set-Cookie").startsWith("bb_lang=en;"), ballot.header("Set-Cookie"));
        assertTrue(ballot.mainText().contains("Vote with the code from your letter"), ballot.mainText());
        assertEquals(code, ballot.input("code"));
        assertTrue(ballot.body().contains("value=\"b\"\n          data-cost=\"20000\" aria-describedby=\"p-1-hint\" checked"));
        assertTrue(ballot.body().contains("value=\"c\"\n          data-cost=\"60000\" aria-describedby=\"p-2-hint\" checked"));
        assertFalse(ballot.body().contains("value=\"a\"\n          data-cost=\"30000\" aria-describedby=\"p-0-hint\" checked"));
        assertFalse(ballot.body().contains("field-error\" id=\"code-error\" hidden=\"false\""), "no error before the resident asked");
        assertTrue(ballot.body().contains("formaction=\"/vote/" + id + "\" formmethod=\"post\" formnovalidate class=\"lang\" name=\"switch\"\n"
                + "            value=\"nl\" lang=\"nl\">Nederlands</button>"), ballot.body());

        // The review step: the switch comes back to the review, with the same choice, in the other language.
        WebClient.Page review = web.post("/vote/" + id, form("sid-steps-lang-000001", code, "b", "c"));
        assertEquals(200, review.status());
        WebClient.Page reviewEn = web.post("/vote/" + id, plus(review.hiddenFields(), "switch", "en"));
        assertEquals(200, reviewEn.status());
        assertTrue(reviewEn.mainText().startsWith("Buurtbudget Talen Check your choice See if this is right."), reviewEn.mainText());
        assertTrue(reviewEn.mainText().contains("Your choice Bankjes bij de vijver €20,000 Buurthuis opknappen €60,000"),
                reviewEn.mainText());
        assertEquals(review.hiddenFields().stream().map(f -> f[0] + "=" + f[1]).toList(),
                reviewEn.hiddenFields().stream().map(f -> f[0] + "=" + f[1]).toList());

        // The receipt: the switch sends the cast again, which gives the same receipt, not a second ballot.
        WebClient.Page receipt = web.post("/vote/" + id + "/cast", reviewEn.hiddenFields());
        assertEquals(200, receipt.status());
        WebClient.Page receiptEn = web.post("/vote/" + id + "/cast", plus(receipt.hiddenFields(), "switch", "en"));
        assertEquals(200, receiptEn.status());
        assertTrue(receiptEn.mainText().startsWith("Your vote has been received Thank you. Your vote for Buurtbudget Talen counts."),
                receiptEn.mainText());
        assertFalse(receiptEn.mainText().contains("already arrived"), "a switch is not a retry to the resident");
        assertEquals(receipt.textOf("ballot-hash"), receiptEn.textOf("ballot-hash"));
        assertEquals(receipt.textOf("receipt-id"), receiptEn.textOf("receipt-id"));
        assertTrue(receiptEn.mainText().contains("What you chose Bankjes bij de vijver Buurthuis opknappen"), receiptEn.mainText());

        // After the close the receipt still comes back in either language.
        api.post("/api/elections/" + id + "/close", null, organiser).ok(200);
        WebClient.Page later = english.post("/vote/" + id + "/cast", plus(receiptEn.hiddenFields(), "switch", "nl"));
        assertEquals(200, later.status());
        assertEquals(receipt.textOf("ballot-hash"), later.textOf("ballot-hash"));
        assertTrue(later.mainText().startsWith("Uw stem is ontvangen"), later.mainText());
        assertEquals(Map.of("ballots", 1, "codesUsed", 1), turnout(id));
    }
}
