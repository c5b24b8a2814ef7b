package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static nl.buurtbegroting.service.web.WebClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public pages around a vote: the start page, the election page, the language switch, the result after
 * publication and the ballot check, with the security headers of every answer.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
class ResultAndCheckPagesTest extends ApiTestBase {

    @Inject
    EmbeddedServer server;

    WebClient web;
    WebClient english;
    String organiser;
    long published;
    long stillOpen;
    final List<String> hashes = new ArrayList<>();
    final List<byte[]> receiptFiles = new ArrayList<>();
    Map<String, Object> result;

    @BeforeAll
    void setUp() {
        organiser = api.account(admin, "wijkteam", "ORGANISER", List.of());
        web = new WebClient(server.getURL().toString());
        english = new WebClient(server.getURL().toString()).acceptLanguage("en");
        published = Elections.open(api, organiser, "Buurtbudget Centrum", Map.of("format", "APPROVAL", "minProjects", 1, "maxProjects", 2), "greedy");
        stillOpen = Elections.open(api, organiser, "Buurtbudget Haven", Map.of("format", "APPROVAL"), "mes-add1");
        List<String> codes = Elections.codes(api, organiser, published, 5, "Pittelo");
        List<List<String>> choices = List.of(List.of("a"), List.of("a", "b"), List.of("b"), List.of("c"));
        for (int i = 0; i < choices.size(); i++) {
            List<String[]> f = new ArrayList<>();
            f.add(field("code", codes.get(i)));
            f.add(field("submissionId", "result-test-submission-" + i));
            choices.get(i).forEach(p -> f.add(field("project", p)));
            WebClient.Page receipt = web.post("/vote/" + published + "/cast", f);
            assertEquals(200, receipt.status(), receipt.body());
            hashes.add(receipt.textOf("ballot-hash"));
            Matcher m = Pattern.compile("href=\"data:application/json;base64,([^\"]+)\"").matcher(receipt.body());
            assertTrue(m.find());
            receiptFiles.add(Base64.getDecoder().decode(m.group(1)));
        }
        WebClient.Page before = web.get("/elections/" + published + "/check");
        assertTrue(before.mainText().contains("U kunt dit controleren als de uitslag bekend is."), before.mainText());
        api.post("/api/elections/" + published + "/close", null, organiser).ok(200);
        api.post("/api/elections/" + published + "/tally", null, organiser).ok(200);
        api.post("/api/elections/" + published + "/publish", Map.of("councilDecision", "Raadsbesluit 2026-114"), organiser).ok(200);
        result = api.get("/api/elections/" + published + "/result?explanations=all", null).ok(200).map();
    }

    @Test
    void theStartPageListsOpenAndPublishedElections() {
        WebClient.Page home = web.get("/");
        assertEquals(200, home.status());
        assertTrue(home.body().startsWith("<!DOCTYPE html>") || home.body().strip().startsWith("<!DOCTYPE html>"));
        assertTrue(home.body().contains("<html lang=\"nl\">"));
        String text = home.mainText();
        assertTrue(text.contains("Buurtbudget Haven"), text);
        assertTrue(text.contains("De uitslag is bekend."), text);
        assertTrue(home.body().contains("href=\"/vote/" + stillOpen + "\""));
        assertTrue(home.body().contains("href=\"/elections/" + published + "/result\""));
    }

    @Test
    void theElectionPageShowsProposalsTheRefusedOnesWithTheirReasonAndHowTheRuleDecides() {
        WebClient.Page page = web.get("/elections/" + stillOpen);
        assertEquals(200, page.status());
        String text = page.mainText();
        assertTrue(text.contains("Speeltuin Oost"));
        assertTrue(text.contains("€ 30.000"));
        assertTrue(text.contains("Parkeergarage"));
        assertTrue(text.contains("Reden: Dit is geen taak van de buurt."), text);
        assertTrue(text.contains("Het budget wordt eerlijk verdeeld over alle stemmers."), text);
        assertTrue(text.contains("U kiest de plannen die u goed vindt."));
        assertTrue(english.get("/elections/" + stillOpen).mainText().contains("The budget is shared fairly between all voters."));
    }

    @Test
    void theLanguageSwitchRemembersTheChoiceAndOnlyGoesBackToThisSite() {
        WebClient.Page sw = web.get("/language?to=en&back=%2Felections%2F" + stillOpen);
        assertEquals(303, sw.status());
        assertEquals("/elections/" + stillOpen, sw.header("Location"));
        assertTrue(sw.header("Set-Cookie").startsWith("bb_lang=en"), sw.header("Set-Cookie"));
        assertEquals("/", web.get("/language?to=en&back=%2F%2Fevil.example%2F").header("Location"));
        assertEquals("/", web.get("/language?to=en&back=https%3A%2F%2Fevil.example").header("Location"));
        WebClient.Page chosen = new WebClient(server.getURL().toString()).cookie("bb_lang=en").get("/");
        assertTrue(chosen.body().contains("<html lang=\"en\">"));
        assertTrue(chosen.body().contains("href=\"/language?to=nl&amp;back=%2F\""), "the switch leads back to Dutch");
    }

    @Test
    void theResultShowsFundedProjectsWithTheirExplanationTurnoutAndHowToVerify() {
        WebClient.Page page = web.get("/elections/" + published + "/result");
        assertEquals(200, page.status());
        String text = page.mainText();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> projects = (List<Map<String, Object>>) result.get("projects");
        for (Map<String, Object> p : projects) {
            @SuppressWarnings("unchecked")
            Map<String, Object> nl = (Map<String, Object>) ((Map<String, Object>) p.get("explanation")).get("nl");
            assertTrue(text.contains((String) nl.get("headline")), nl.get("headline") + " in " + text);
            assertTrue(text.contains(((String) nl.get("body")).replaceAll("\\s+", " ").strip()), "the explanation's body");
        }
        assertTrue(text.contains("Plannen die geld krijgen (2)"), text);
        assertTrue(text.contains("€ 50.000 van € 100.000 besteed"), text);
        assertTrue(text.contains("Stemmen in totaal 4"), text);
        assertTrue(text.contains("80 % van 5 stemcodes"), text);
        assertTrue(text.contains("Pittelo 5 4 80 %"), text);
        assertTrue(text.contains("Raadsbesluit 2026-114"));
        @SuppressWarnings("unchecked")
        Map<String, Object> bundle = (Map<String, Object>) result.get("auditBundle");
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) result.get("signingKey");
        assertTrue(text.contains((String) bundle.get("sha256")));
        assertTrue(text.contains("budget verify buurtbegroting-" + published + "-audit-bundle.zip --expect-key " + key.get("fingerprint")));
        assertTrue(page.body().contains("<rect x=\"0\" y=\"0\" width=\"100\" height=\"8\"/>"), "the chart's longest bar");

        WebClient.Page en = english.get("/elections/" + published + "/result");
        @SuppressWarnings("unchecked")
        Map<String, Object> enA = (Map<String, Object>) ((Map<String, Object>) projects.get(0).get("explanation")).get("en");
        assertTrue(en.mainText().contains((String) enA.get("headline")));

        WebClient.Page notYet = web.get("/elections/" + stillOpen + "/result");
        assertTrue(notYet.mainText().contains("De uitslag van Buurtbudget Haven is nog niet bekend."), notYet.mainText());
    }

    @Test
    void aResidentChecksTheirBallotByHashOrByTheReceiptFile() {
        String path = "/elections/" + published + "/check";
        // 4 voters, fewer than the 10 needed to publish ballots (issue 11): a typed hash alone finds no ballot,
        // known or not, and the page asks for the receipt file, whose nonce shows it is the voter's own.
        WebClient.Page form = web.get(path);
        assertTrue(form.mainText().contains("Daarom zijn de stemmen niet openbaar"), form.mainText());
        WebClient.Page byHash = web.postMultipart(path, Map.of("hash", hashes.get(1).toUpperCase()), null, null);
        assertEquals(422, byHash.status(), byHash.body());
        assertTrue(byHash.mainText().contains("Kies het bestand met uw stembewijs"), byHash.mainText());
        assertFalse(byHash.mainText().contains("Uw stem is meegeteld"), byHash.mainText());
        assertEquals("no-store", byHash.header("Cache-Control"));
        WebClient.Page unknown = web.postMultipart(path, Map.of("hash", "ab".repeat(32)), null, null);
        assertEquals(422, unknown.status());
        assertEquals(byHash.mainText().replace(hashes.get(1), ""), unknown.mainText().replace("ab".repeat(32), ""),
                "a typed hash never tells whether such a ballot exists");

        WebClient.Page byFile = english.postMultipart(path, Map.of("hash", ""), "receipt.json", receiptFiles.get(3));
        assertEquals(200, byFile.status(), byFile.body());
        assertTrue(byFile.mainText().contains("Your vote was counted"));
        assertTrue(byFile.mainText().contains(hashes.get(3)));
        WebClient.Page dutchFile = web.postMultipart(path, Map.of("hash", ""), "stembewijs.json", receiptFiles.get(1));
        assertEquals(200, dutchFile.status(), dutchFile.body());
        assertTrue(dutchFile.mainText().contains("Uw stem is meegeteld"));

        // A receipt with the right hash but another nonce is not the voter's: nothing is shown.
        String file = new String(receiptFiles.get(0), StandardCharsets.UTF_8);
        Matcher nonce = Pattern.compile("\"nonce\":\"([0-9a-f]{32})\"").matcher(file);
        assertTrue(nonce.find(), file);
        String forged = file.replace(nonce.group(1), "0".repeat(32));
        WebClient.Page other = web.postMultipart(path, Map.of("hash", ""), "x.json", forged.getBytes(StandardCharsets.UTF_8));
        assertEquals(422, other.status());
        assertTrue(other.mainText().contains("Deze stem staat niet in de lijst"), other.mainText());

        WebClient.Page garbage = web.postMultipart(path, Map.of("hash", "<b>niet</b>"), null, null);
        assertEquals(422, garbage.status());
        assertTrue(garbage.mainText().contains("Vul de code van 64 tekens in"));
        assertFalse(garbage.body().contains("<b>niet</b>"), "what was typed is escaped");

        WebClient.Page notAReceipt = web.postMultipart(path, Map.of("hash", ""), "x.json", "{nope".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, notAReceipt.status());
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndCodePagesAreNeverStored() {
        for (String path : List.of("/", "/elections/" + published, "/elections/" + published + "/result", "/vote/" + stillOpen,
                "/api/elections", "/api/elections/" + published + "/result", "/no/such/page", "/static/app.css", "/theme.css")) {
            WebClient.Page p = web.get(path);
            assertEquals("nosniff", p.header("X-Content-Type-Options"), path);
            assertEquals("DENY", p.header("X-Frame-Options"), path);
            assertEquals("no-referrer", p.header("Referrer-Policy"), path);
            String csp = p.header("Content-Security-Policy");
            assertEquals(SecurityHeaders.CSP, csp, path);
            assertFalse(csp.contains("unsafe-inline"), path);
            assertTrue(csp.contains("frame-ancestors 'none'"), path);
        }
        assertEquals("no-store", web.get("/vote/" + stillOpen).header("Cache-Control"));
        assertEquals("no-store", web.get("/elections/" + published + "/check").header("Cache-Control"));
        assertNull(web.get("/elections/" + published).header("Cache-Control"), "a public page may be cached");
        WebClient.Page apiBallot = web.post("/api/elections/" + stillOpen + "/ballots", List.of());
        assertEquals("no-store", apiBallot.header("Cache-Control"));
        assertEquals("nosniff", apiBallot.header("X-Content-Type-Options"));
    }

    @Test
    void noPageHasInlineScriptOrStyleOrAnyOtherHost() {
        for (String path : List.of("/", "/elections/" + published, "/elections/" + published + "/result",
                "/elections/" + published + "/check", "/vote/" + stillOpen)) {
            String body = web.get(path).body();
            assertFalse(body.contains("style="), path);
            assertFalse(body.contains("<style"), path);
            assertFalse(Pattern.compile("<script(?![^>]*src=\"/static/app.js\")").matcher(body).find(), path);
            assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(body).find(), path + " names another host");
        }
    }

    @Test
    void everyPageWeighsLessThan100KilobytesWithItsStylesheetsScriptAndLogo() {
        long assets = web.get("/static/app.css").body().length() + web.get("/static/app.js").body().length()
                + web.get("/theme.css").body().length() + web.get("/static/logo.svg").body().length();
        for (String path : List.of("/", "/elections/" + published, "/elections/" + published + "/result",
                "/elections/" + published + "/check", "/vote/" + stillOpen)) {
            long total = web.get(path).body().getBytes(StandardCharsets.UTF_8).length + assets;
            assertTrue(total < 100_000, path + " weighs " + total + " bytes");
        }
    }

    @Test
    void theDutchPagesKeepEverySentenceUnderTwentyWords() {
        List<String> tooLong = new ArrayList<>();
        for (String path : List.of("/", "/elections/" + published, "/elections/" + published + "/result",
                "/elections/" + published + "/check", "/vote/" + stillOpen, "/elections/" + stillOpen)) {
            Sentences.tooLongInHtml(web.get(path).body()).forEach(s -> tooLong.add(path + ": " + s));
        }
        assertEquals(List.of(), tooLong);
    }
}
