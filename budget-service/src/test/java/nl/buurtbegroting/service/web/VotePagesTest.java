package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static nl.buurtbegroting.service.web.WebClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vote page without JavaScript, as a plain browser posts it: every ballot format, the review step, the
 * cast and the receipt, a retry of a lost answer, and every error of the API next to its field, in Dutch
 * and in English.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
class VotePagesTest extends ApiTestBase {

    @Inject
    EmbeddedServer server;

    WebClient web;
    WebClient english;
    String organiser;
    long approval;
    long chooseOne;
    long cumulative;
    long knapsack;
    List<String> approvalCodes;

    @BeforeAll
    void setUp() {
        organiser = api.account(admin, "stemlokaal", "ORGANISER", List.of());
        approval = Elections.open(api, organiser, "Buurtbudget Oost", Map.of("format", "APPROVAL", "minProjects", 1, "maxProjects", 2), "greedy");
        chooseOne = Elections.open(api, organiser, "Buurtbudget West", Map.of("format", "CHOOSE_ONE"), "greedy");
        cumulative = Elections.open(api, organiser, "Buurtbudget Noord", Map.of("format", "CUMULATIVE", "maxPoints", 10), "greedy");
        knapsack = Elections.open(api, organiser, "Buurtbudget Zuid", Map.of("format", "KNAPSACK", "maxCost", 50000), "greedy");
        approvalCodes = Elections.codes(api, organiser, approval, 10, "Brief");
        web = new WebClient(server.getURL().toString());
        english = new WebClient(server.getURL().toString()).acceptLanguage("en-GB,en;q=0.9,nl;q=0.5");
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

    @Test
    void beforeItsVotingTimesTheVotePageSaysWhenVotingOpensAndTakesNoBallot() {
        // Issue 11 enforces votingOpens and votingCloses: an open election whose voting starts tomorrow shows the
        // dates politely instead of a form whose ballot the service would refuse.
        java.time.Instant opens = java.time.Instant.now().plus(java.time.Duration.ofDays(1));
        long future = futureElection(opens);
        WebClient.Page page = web.get("/vote/" + future);
        assertEquals(200, page.status());
        assertTrue(page.mainText().contains("Stemmen kan nu niet"), page.mainText());
        assertTrue(page.mainText().contains("U kunt voor Buurtbudget Morgen stemmen van "), page.mainText());
        assertFalse(page.body().contains("name=\"code\""), "no form to fill in");
        WebClient.Page en = english.get("/vote/" + future);
        assertTrue(en.mainText().contains("You can vote for Buurtbudget Morgen from "), en.mainText());
    }

    /** A draft is the organisers' work in progress: every public page answers as for an election that does not exist. */
    @Test
    void aDraftIsNotFoundOnAnyPublicPage() {
        long draft = api.post("/api/elections", nl.buurtbegroting.service.Api.election("Geheim concept"), organiser).ok(201).id();
        api.post("/api/elections/" + draft + "/proposals",
                nl.buurtbegroting.service.Api.proposal("Verborgen plan", 30000, "jongeren", "ELIGIBLE"), organiser).ok(201);
        WebClient.Page missing = web.get("/elections/999999");
        assertEquals(404, missing.status());
        for (String path : List.of("/elections/" + draft, "/vote/" + draft, "/elections/" + draft + "/result",
                "/elections/" + draft + "/check")) {
            WebClient.Page page = web.get(path);
            assertEquals(404, page.status(), path);
            assertEquals(missing.mainText(), page.mainText(), path);
            assertFalse(page.body().contains("Geheim concept") || page.body().contains("Verborgen plan"), path);
        }
        assertFalse(web.get("/").body().contains("Geheim concept"));
    }

    private long futureElection(java.time.Instant opens) {
        Map<String, Object> body = new java.util.HashMap<>(nl.buurtbegroting.service.Api.election("Buurtbudget Morgen"));
        body.put("votingOpens", opens.toString());
        body.put("votingCloses", opens.plus(java.time.Duration.ofDays(14)).toString());
        long id = api.post("/api/elections", body, organiser).ok(201).id();
        api.post("/api/elections/" + id + "/proposals", nl.buurtbegroting.service.Api.proposal("Speeltuin", 30000, "jongeren", "ELIGIBLE"), organiser).ok(201);
        api.post("/api/elections/" + id + "/open", null, organiser).ok(200);
        return id;
    }

    @Test
    void theVotePageShowsEachBallotFormatWithItsLimits() {
        WebClient.Page a = web.get("/vote/" + approval);
        assertEquals(200, a.status());
        assertEquals("no-store", a.header("Cache-Control"));
        assertTrue(a.body().contains("type=\"checkbox\" id=\"p-0\" name=\"project\" value=\"a\""), a.body());
        assertTrue(a.mainText().contains("Kies minstens 1 en hoogstens 2 plannen."), a.mainText());
        assertFalse(a.body().contains("Parkeergarage"), "a refused proposal is not on the ballot");

        WebClient.Page one = web.get("/vote/" + chooseOne);
        assertTrue(one.body().contains("type=\"radio\" id=\"p-0\" name=\"project\" value=\"a\""));
        assertTrue(one.mainText().contains("Kies het plan dat u het beste vindt."));

        WebClient.Page cum = web.get("/vote/" + cumulative);
        assertTrue(cum.body().contains("type=\"number\""));
        assertTrue(cum.body().contains("name=\"points.b\""));
        assertTrue(cum.mainText().contains("U heeft 10 punten."), cum.mainText());
        assertEquals("Nog 10 van 10 punten over", cum.textOf("points-text"));

        WebClient.Page k = web.get("/vote/" + knapsack);
        assertTrue(k.body().contains("data-cost=\"30000\""));
        assertEquals("€ 0 van € 50.000 gekozen", k.textOf("cost-text"));
        assertTrue(k.mainText().contains("Uw plannen mogen samen hoogstens € 50.000 kosten."));

        assertEquals("€0 of €50,000 chosen", english.get("/vote/" + knapsack).textOf("cost-text"));
    }

    @Test
    void anApprovalBallotIsReviewedCastAndReceiptedAndARetryGetsTheSameReceipt() {
        String sid = web.get("/vote/" + approval).input("submissionId");
        assertNotNull(sid);
        String code = approvalCodes.get(0).toLowerCase().replace("-", " ");
        WebClient.Page review = web.post("/vote/" + approval, form(sid, code, "a", "b"));
        assertEquals(200, review.status(), review.body());
        assertTrue(review.mainText().contains("Controleer uw keuze"));
        assertTrue(review.mainText().contains("Speeltuin Oost") && review.mainText().contains("Bankjes bij de vijver"));
        assertFalse(review.mainText().contains("Buurthuis opknappen"));
        assertEquals("no-store", review.header("Cache-Control"));

        // Back to change it: the choice is kept.
        List<String[]> change = new ArrayList<>(review.hiddenFields());
        change.add(field("action", "change"));
        WebClient.Page changed = web.post("/vote/" + approval, change);
        assertTrue(changed.body().contains("value=\"a\"\n          data-cost=\"30000\" aria-describedby=\"p-0-hint\" checked"), changed.body());

        WebClient.Page receipt = web.post("/vote/" + approval + "/cast", review.hiddenFields());
        assertEquals(200, receipt.status(), receipt.body());
        assertEquals("no-store", receipt.header("Cache-Control"));
        String hash = receipt.textOf("ballot-hash");
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertTrue(receipt.textOf("receipt-id").matches("[0-9a-f]{32}"), receipt.textOf("receipt-id"));
        assertTrue(receipt.body().contains("href=\"data:application/json;base64,"), "the signed receipt file is downloadable");
        assertTrue(receipt.mainText().contains("Uw stem is ontvangen"));
        assertFalse(receipt.mainText().contains("Uw stem was al aangekomen"));

        // The answer was lost; the browser sends the same form again: the same receipt, no second ballot.
        WebClient.Page again = web.post("/vote/" + approval + "/cast", review.hiddenFields());
        assertEquals(200, again.status());
        assertEquals(hash, again.textOf("ballot-hash"));
        assertTrue(again.mainText().contains("Uw stem was al aangekomen. Dit is hetzelfde bewijs."));

        // The same code from another form: refused next to the code field.
        WebClient.Page reused = web.post("/vote/" + approval + "/cast", form("another-submission-id-1", approvalCodes.get(0), "c"));
        assertEquals(409, reused.status());
        assertEquals("Fout: Met deze code is al gestemd. Elke code werkt maar één keer.", reused.textOf("code-error"));
        assertTrue(reused.body().contains("<a href=\"#code\">Met deze code is al gestemd."), "the error summary links to the field");
        assertTrue(reused.body().contains("<title>Fout: "), "the title says there is an error");
    }

    @Test
    void codeMistakesAreShownNextToTheCodeFieldInTheResidentsLanguage() {
        String sid = "sid-for-code-mistakes-1";
        WebClient.Page missing = web.post("/vote/" + approval, form(sid, "", "a"));
        assertEquals(422, missing.status());
        assertEquals("Fout: Vul de stemcode uit uw brief in.", missing.textOf("code-error"));

        WebClient.Page typo = web.post("/vote/" + approval, form(sid, Elections.typo(approvalCodes.get(1)), "a"));
        assertEquals(422, typo.status());
        assertEquals("Fout: Er zit een tikfout in de code. Kijk de tekens een voor een na.", typo.textOf("code-error"));
        assertTrue(typo.body().contains("aria-invalid=\"true\""));
        assertEquals(Elections.typo(approvalCodes.get(1)), typo.input("code"), "what was typed stays in the field");

        WebClient.Page malformed = english.post("/vote/" + approval, form(sid, "ABC-123", "a"));
        assertEquals(422, malformed.status());
        assertEquals("Error: A voting code has 17 letters and digits. Check the code in your letter.", malformed.textOf("code-error"));
        assertTrue(malformed.body().contains("<html lang=\"en\">"));
    }

    @Test
    void anInvalidBallotShowsEachViolationAtTheChoice() {
        String code = approvalCodes.get(2);
        WebClient.Page tooMany = web.post("/vote/" + approval, form("sid-invalid-ballot-1", code, "a", "b", "c"));
        assertEquals(422, tooMany.status());
        assertEquals("Fout: Kies hoogstens 2 plannen.", tooMany.textOf("projects-error"));
        assertTrue(tooMany.body().contains("<a href=\"#projects\">Kies hoogstens 2 plannen.</a>"));

        WebClient.Page none = english.post("/vote/" + approval, form("sid-invalid-ballot-1", code));
        assertEquals(422, none.status());
        assertEquals("Error: Choose at least one plan.", none.textOf("projects-error"));

        List<String> oneCodes = Elections.codes(api, organiser, chooseOne, 1, "Brief");
        WebClient.Page two = web.post("/vote/" + chooseOne, form("sid-invalid-ballot-2", oneCodes.get(0), "a", "b"));
        assertEquals(422, two.status());
        assertEquals("Fout: Kies één plan.", two.textOf("projects-error"));

        List<String> kCodes = Elections.codes(api, organiser, knapsack, 1, "Brief");
        WebClient.Page over = web.post("/vote/" + knapsack, form("sid-invalid-ballot-3", kCodes.get(0), "a", "c"));
        assertEquals(422, over.status());
        assertEquals("Fout: Uw plannen kosten samen te veel. Het mag hoogstens € 50.000 zijn.", over.textOf("projects-error"));
        assertEquals("€ 90.000 van € 50.000 gekozen", over.textOf("cost-text"), "the bar shows what was chosen");

        List<String> cCodes = Elections.codes(api, organiser, cumulative, 1, "Brief");
        List<String[]> points = form("sid-invalid-ballot-4", cCodes.get(0));
        points.add(field("points.a", "7"));
        points.add(field("points.b", "5"));
        WebClient.Page tooManyPoints = web.post("/vote/" + cumulative, points);
        assertEquals(422, tooManyPoints.status());
        assertEquals("Fout: U gaf te veel punten. U heeft er 10 in totaal.", tooManyPoints.textOf("projects-error"));
        assertEquals("Nog 0 van 10 punten over", tooManyPoints.textOf("points-text"));

        List<String[]> word = form("sid-invalid-ballot-4", cCodes.get(0));
        word.add(field("points.c", "veel"));
        WebClient.Page notANumber = web.post("/vote/" + cumulative, word);
        assertEquals(422, notANumber.status());
        assertEquals("Fout: Vul bij Buurthuis opknappen een heel getal in, of laat het leeg.", notANumber.textOf("pt-2-error"));
        assertEquals("veel", notANumber.input("points.c"));
    }

    @Test
    void aCumulativeAndAKnapsackBallotAreCast() {
        List<String> cCodes = Elections.codes(api, organiser, cumulative, 1, "Brief");
        List<String[]> points = form("sid-cumulative-cast-1", cCodes.get(0));
        points.add(field("points.a", "6"));
        points.add(field("points.b", ""));
        points.add(field("points.c", "4"));
        WebClient.Page review = web.post("/vote/" + cumulative, points);
        assertEquals(200, review.status(), review.body());
        assertTrue(review.mainText().contains("10 van 10 punten gegeven"), review.mainText());
        WebClient.Page receipt = web.post("/vote/" + cumulative + "/cast", review.hiddenFields());
        assertEquals(200, receipt.status(), receipt.body());
        assertTrue(receipt.mainText().contains("Speeltuin Oost 6 punten"), receipt.mainText());
        assertTrue(receipt.mainText().contains("Buurthuis opknappen 4 punten"));

        List<String> kCodes = Elections.codes(api, organiser, knapsack, 1, "Brief");
        WebClient.Page kReview = english.post("/vote/" + knapsack, form("sid-knapsack-cast-1", kCodes.get(0), "a", "b"));
        assertEquals(200, kReview.status(), kReview.body());
        assertTrue(kReview.mainText().contains("€50,000 of €50,000 chosen"), kReview.mainText());
        WebClient.Page kReceipt = english.post("/vote/" + knapsack + "/cast", kReview.hiddenFields());
        assertEquals(200, kReceipt.status());
        assertTrue(kReceipt.mainText().contains("Your vote has been received"));
    }

    @Test
    void aBallotSentAfterTheCloseIsRefusedWithAMessageAndTheVotePageSaysVotingIsOver() {
        long late = Elections.open(api, organiser, "Buurtbudget Laat", Map.of("format", "APPROVAL"), "greedy");
        List<String> codes = Elections.codes(api, organiser, late, 1, "Brief");
        WebClient.Page review = web.post("/vote/" + late, form("sid-closed-meanwhile-1", codes.get(0), "a"));
        assertEquals(200, review.status(), review.mainText());
        api.post("/api/elections/" + late + "/close", null, organiser).ok(200);

        WebClient.Page refused = web.post("/vote/" + late + "/cast", review.hiddenFields());
        assertEquals(409, refused.status());
        // Not the ballot again (it could not succeed): the plain news, what happens next, the way to the vote's page.
        assertEquals("Het stemmen is voorbij Het stemmen voor Buurtbudget Laat is voorbij. Het wijkteam telt nu de stemmen."
                + " De uitslag komt op de pagina van de stemming. Uw stem is niet verstuurd en telt niet mee."
                + " Er is niets bewaard. Naar de pagina van de stemming", refused.mainText());
        assertTrue(refused.body().contains("href=\"/language?to=en&amp;back=%2Fvote%2F" + late + "\""),
                "the switch leads to the vote's address, which answers a GET");
        WebClient.Page page = english.get("/vote/" + late);
        assertEquals(200, page.status());
        assertTrue(page.mainText().contains("Voting for Buurtbudget Laat is over."), page.mainText());
    }

    @Test
    void anUnknownElectionOrOneThatIsNotOpenGetsACalmPage() {
        WebClient.Page none = web.get("/vote/987654");
        assertEquals(404, none.status());
        assertTrue(none.mainText().contains("Deze pagina bestaat niet"));
        assertEquals(404, web.get("/vote/not-a-number").status());
        assertEquals(404, web.get("/elections/987654").status());
    }
}
