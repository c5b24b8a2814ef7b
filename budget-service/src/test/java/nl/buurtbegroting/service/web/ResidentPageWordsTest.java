package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nl.buurtbegroting.service.web.WebClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The words a resident reads on the small election of one ballot: one funded plan is "1 plan", not "1 plannen"; a
 * limit of one is "één plan"; the receipt's day is written as people write it; a failed ballot check says so in the
 * page's title and beside the field it concerns, which the field then names in its description.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
class ResidentPageWordsTest extends ApiTestBase {

    private static final List<String> MONTHS = List.of("januari", "februari", "maart", "april", "mei", "juni", "juli",
            "augustus", "september", "oktober", "november", "december");

    @Inject
    EmbeddedServer server;

    WebClient web;
    long election;
    String receipt;
    String hash;

    @BeforeAll
    void setUp() {
        String organiser = api.account(admin, "woorden", "ORGANISER", List.of());
        web = new WebClient(server.getURL().toString());
        Map<String, Object> body = new HashMap<>(Api.election("Buurtbudget Klein"));
        body.put("budget", 60_000);
        body.put("ballot", Map.of("format", "APPROVAL", "maxProjects", 1));
        election = api.post("/api/elections", body, organiser).ok(201).id();
        for (String[] p : new String[][]{{"a", "Speeltuin", "30000"}, {"c", "Buurthuis", "60000"}}) {
            Map<String, Object> proposal = new HashMap<>(Api.proposal(p[1], Long.parseLong(p[2]), "jongeren", "ELIGIBLE"));
            proposal.put("code", p[0]);
            api.post("/api/elections/" + election + "/proposals", proposal, organiser).ok(201);
        }
        api.post("/api/elections/" + election + "/open", null, organiser).ok(200);
        String code = Elections.codes(api, organiser, election, 1, "Brief").get(0);
        List<String[]> f = new ArrayList<>();
        f.add(field("code", code));
        f.add(field("submissionId", "words-test-submission-1"));
        f.add(field("project", "c"));
        WebClient.Page cast = web.post("/vote/" + election + "/cast", f);
        assertEquals(200, cast.status(), cast.body());
        receipt = cast.body();
        hash = cast.textOf("ballot-hash");
    }

    @Test
    void aLimitOfOneAndOneFundedPlanReadAsOne() {
        String organiser = api.account(admin, "woorden2", "ORGANISER", List.of());
        long open = Elections.open(api, organiser, "Buurtbudget Een", Map.of("format", "APPROVAL", "maxProjects", 1), "greedy");
        String vote = web.get("/vote/" + open).mainText();
        assertTrue(vote.contains("Kies hoogstens één plan."), vote);

        publish();
        WebClient.Page result = web.get("/elections/" + election + "/result");
        assertEquals(200, result.status(), result.body());
        assertTrue(result.mainText().contains("1 plan krijgt geld. Het kost € 60.000 van het budget van € 60.000."),
                result.mainText());
    }

    @Test
    void rightToLeftTextIsSetApartFromTheAmountThatFollowsIt() {
        String organiser = api.account(admin, "woorden3", "ORGANISER", List.of());
        Map<String, Object> body = new HashMap<>(Api.election("Wijk مركز"));
        long id = api.post("/api/elections", body, organiser).ok(201).id();
        Map<String, Object> p = new HashMap<>(Api.proposal("حديقة الحي", 7_200, "groen", "ELIGIBLE"));
        p.put("summary", "Een tuin voor iedereen: حديقة للجميع");
        api.post("/api/elections/" + id + "/proposals", p, organiser).ok(201);
        api.post("/api/elections/" + id + "/open", null, organiser).ok(200);
        String page = web.get("/vote/" + id).body();
        // Isolated, the summary cannot pull "€ 7.200" into its right-to-left run ("7.200 €" on its left).
        // The summary stands in a span that carries the team's language on an English page (none here, on a Dutch one).
        assertTrue(page.contains("><span>\u2068Een tuin voor iedereen: حديقة للجميع\u2069</span> <span class=\"cost\">€\u00a07.200</span>"), page);
        assertTrue(page.contains("Kies hoe €\u00a0100.000 voor \u2068Wijk مركز\u2069 wordt besteed."), page);
    }

    @Test
    void onePointIsOnePunt() {
        String organiser = api.account(admin, "woorden4", "ORGANISER", List.of());
        long points = Elections.open(api, organiser, "Buurtbudget Punten", Map.of("format", "CUMULATIVE", "maxPoints", 10), "greedy");
        String code = Elections.codes(api, organiser, points, 1, "Brief").get(0);
        List<String[]> f = new ArrayList<>();
        f.add(field("code", code));
        f.add(field("submissionId", "words-test-points-1"));
        f.add(field("action", "review"));
        f.add(field("points.a", "1"));
        f.add(field("points.b", "9"));
        WebClient.Page review = web.post("/vote/" + points, f);
        assertEquals(200, review.status(), review.body());
        assertTrue(review.mainText().contains("Speeltuin Oost € 30.000 1 punt"), review.mainText());
        assertTrue(review.mainText().contains("Bankjes bij de vijver € 20.000 9 punten"), review.mainText());
        WebClient.Page receipt = web.post("/vote/" + points + "/cast", review.hiddenFields());
        assertTrue(receipt.mainText().contains("Speeltuin Oost 1 punt"), receipt.mainText());
    }

    @Test
    void theReceiptGivesTheDayInWords() {
        Matcher day = Pattern.compile("<time datetime=\"(\\d{4}-\\d{2}-\\d{2})\">([^<]+)</time>").matcher(receipt);
        assertTrue(day.find(), receipt);
        LocalDate d = LocalDate.parse(day.group(1));
        assertEquals(d.getDayOfMonth() + " " + MONTHS.get(d.getMonthValue() - 1) + " " + d.getYear(), day.group(2));
    }

    @Test
    void aFailedCheckSaysSoInTheTitleAndBesideTheField() {
        publish();
        String path = "/elections/" + election + "/check";
        WebClient.Page typo = web.postMultipart(path, Map.of("hash", "niet-64-tekens"), null, null);
        assertEquals(422, typo.status());
        assertTrue(typo.body().contains("<title>Fout: Controleer uw stem – "), typo.body());
        assertTrue(typo.body().contains("<p class=\"field-error\" id=\"hash-error\"><span class=\"visually-hidden\">Fout:</span> "
                + "Vul de code van 64 tekens in, of kies het bestand met uw stembewijs.</p>"), typo.body());
        assertTrue(typo.body().contains("aria-describedby=\"hash-hint hash-error\" aria-invalid=\"true\""), typo.body());

        // One voter: the ballots are withheld, so a typed hash is not enough and the file field is the one at fault.
        WebClient.Page needsFile = web.postMultipart(path, Map.of("hash", hash), null, null);
        assertEquals(422, needsFile.status());
        assertTrue(needsFile.body().contains("id=\"receipt-error\""), needsFile.body());
        assertTrue(needsFile.body().contains("aria-describedby=\"receipt-hint receipt-error\" aria-invalid=\"true\""), needsFile.body());
        assertTrue(web.get(path).body().contains("<title>Controleer uw stem – "), "no error before a check");

        // A photo chosen instead of the receipt file (3 MB, over the 1 MB that answered with the API's JSON before):
        // the page says so beside the file field.
        WebClient.Page photo = web.postMultipart(path, Map.of("hash", ""), "foto.jpg", new byte[3_000_000]);
        assertEquals(422, photo.status());
        assertTrue(photo.header("Content-Type").startsWith("text/html"), photo.header("Content-Type"));
        assertTrue(photo.body().contains("<title>Fout: Controleer uw stem – "), photo.body());
        assertTrue(photo.body().contains("id=\"receipt-error\"><span class=\"visually-hidden\">Fout:</span> Dit bestand is te "
                + "groot voor een stembewijs. Kies het bestand dat u na het stemmen heeft gedownload.</p>"), photo.body());
    }

    private synchronized void publish() {
        Map<String, Object> e = api.get("/api/elections/" + election, admin).ok(200).map();
        if ("PUBLISHED".equals(e.get("state"))) {
            return;
        }
        api.post("/api/elections/" + election + "/close", null, admin).ok(200);
        api.post("/api/elections/" + election + "/tally", null, admin).ok(200);
        api.post("/api/elections/" + election + "/publish", Map.of("councilDecision", "Raadsbesluit 2026-7"), admin).ok(200);
    }
}
