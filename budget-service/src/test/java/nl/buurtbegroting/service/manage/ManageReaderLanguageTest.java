package nl.buurtbegroting.service.manage;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A neighbourhood team's walk through the organiser pages in Dutch, with the mistakes people make: everything the
 * team reads is Dutch (no English line from the service underneath), a number typed as Dutch people write money
 * gets a message that says how to write it, a form with errors says so in its title, and a paper form keyed wrongly
 * names the number that is wrong.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManageReaderLanguageTest {

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
    void theChecklistBeforeOpeningIsDutchAndNamesTheProposalsConcerned() throws Exception {
        String path = election("Checklist", "0", "");
        assertEquals(303, pages.post(path + "/proposals/new", admin.cookie(), csrf() + "&code=7&title=Bankjes&cost=100&verdict=PENDING")
                .statusCode());
        String page = pages.get(path, admin.cookie()).body();
        assertTrue(page.contains("<li>Het budget moet hoger zijn dan 0.</li>"), page);
        assertTrue(page.contains("<li>Minstens één plan moet zijn toegelaten.</li>"), page);
        assertTrue(page.contains("<li>Elk plan moet beoordeeld zijn. Nummers: 7.</li>"), page);
        assertFalse(page.contains("must be above 0") || page.contains("without an eligibility verdict"), "no English line: " + page);

        String english = pages.get(path, admin.cookie(), "en").body();
        assertTrue(english.contains("<li>Every proposal must be assessed. Numbers: 7.</li>"), english);
    }

    @Test
    void aRefusalPageInDutchCarriesNoEnglishDetail() throws Exception {
        String path = election("Weigering", "1000", "");
        HttpResponse<String> missing = pages.get(path + "/proposals/999", admin.cookie());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("<p class=\"lead\">Dit plan bestaat niet.</p>"), missing.body());
        assertFalse(missing.body().contains("has no proposal"), missing.body());
        assertTrue(pages.get(path + "/proposals/999", admin.cookie(), "en").body().contains("has no proposal 999"),
                "an English reader keeps the service's detail");

        assertEquals(303, pages.post(path + "/proposals/new", admin.cookie(), csrf() + "&code=a&title=A&cost=100&verdict=ELIGIBLE")
                .statusCode());
        String overview = pages.get(path, admin.cookie()).body();
        Matcher id = Pattern.compile("/proposals/(\\d+)\"").matcher(overview);
        assertTrue(id.find(), overview);
        HttpResponse<String> sideways = pages.post(path + "/proposals/" + id.group(1) + "/move", admin.cookie(),
                csrf() + "&direction=sideways");
        assertEquals(400, sideways.statusCode());
        assertTrue(sideways.body().contains("Het formulier klopt niet. Ga terug naar de vorige pagina en probeer het opnieuw."),
                sideways.body());
        assertFalse(sideways.body().contains("direction is") || sideways.body().contains("violations"), sideways.body());
    }

    @Test
    void moneyTypedTheDutchWayIsExplainedBesideTheFieldAndTheTitleSaysThereIsAnError() throws Exception {
        String path = election("Bedragen", "1000", "");
        HttpResponse<String> cents = pages.post(path + "/proposals/new", admin.cookie(), csrf()
                + "&title=Bankjes&cost=" + FormClient.enc("1.234,56") + "&verdict=ELIGIBLE");
        assertEquals(400, cents.statusCode());
        String body = cents.body();
        assertTrue(body.contains("<title>Fout: Plan toevoegen – "), body);
        assertTrue(body.contains("<h1>Plan toevoegen</h1>"), "the heading stays: " + body);
        Matcher error = Pattern.compile("id=\"cost-error\"><span class=\"visually-hidden\">Fout:</span> ([^<]+)</p>").matcher(body);
        assertTrue(error.find(), body);
        assertEquals("Kosten: vul een bedrag in hele euro&#39;s in, zonder komma en centen. Bijvoorbeeld 1234.",
                error.group(1).replace("'", "&#39;"));
        assertTrue(body.contains("value=\"1.234,56\""), "what was typed comes back");
        HttpResponse<String> noVerdict = pages.post(path + "/proposals/new", admin.cookie(), csrf() + "&title=Bankjes&cost=100");
        assertTrue(noVerdict.body().contains("id=\"verdict\" aria-describedby=\"verdict-error\"") && noVerdict.body().contains(
                "<p class=\"field-error\" id=\"verdict-error\"><span class=\"visually-hidden\">Fout:</span> Kies of het plan is toegelaten.</p>"),
                "a group's error is named by its fieldset: " + noVerdict.body());

        HttpResponse<String> huge = pages.post(path + "/proposals/new", admin.cookie(), csrf()
                + "&title=Bankjes&cost=99999999999999999999&verdict=ELIGIBLE");
        assertTrue(huge.body().contains("Kosten: vul een getal in van 1 tot en met 1.000.000.000.000."), huge.body());
        HttpResponse<String> budget = pages.post("/manage/elections", admin.cookie(), csrf() + "&name=Groot&neighbourhood=Oost"
                + "&budget=99999999999999999999&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID");
        assertTrue(budget.body().contains("Budget: vul een getal in van 0 tot en met 1.000.000.000.000."), budget.body());
        assertEquals(303, pages.post(path + "/proposals/new", admin.cookie(), csrf() + "&title=Bankjes&cost="
                + FormClient.enc("1.234") + "&verdict=ELIGIBLE").statusCode(), "a thousands point is fine");
    }

    @Test
    void aPaperFormKeyedWronglyNamesTheNumberAndAMismatchReadsAsKeyed() throws Exception {
        String path = election("Papier", "100000", "&minProjects=1&maxProjects=2");
        for (String p : new String[]{"a", "b", "c"}) {
            assertEquals(303, pages.post(path + "/proposals/new", admin.cookie(), csrf() + "&code=" + p + "&title=Plan+" + p
                    + "&cost=100&verdict=ELIGIBLE").statusCode());
        }
        assertEquals(303, pages.post(path + "/open", admin.cookie(), csrf()).statusCode());
        HttpResponse<String> csv = pages.post(path + "/codes", admin.cookie(), csrf() + "&label=Papier&count=1&output=csv&letterText=x");
        String code = csv.body().strip().split("\r?\n")[1].split(",")[0];

        HttpResponse<String> unknown = key(path, code, "a 99");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("Dit stembiljet past niet bij de regels van de verkiezing. Plan 99 staat niet op het stembiljet."),
                unknown.body());
        assertTrue(unknown.body().contains("<title>Fout: Papieren stemmen invoeren"), unknown.body());
        assertTrue(key(path, code, "a b c").body().contains("Er zijn te veel plannen gekozen. Het mogen er hoogstens 2 zijn."));
        assertTrue(key(path, code, "b b").body().contains("Plan b staat er twee keer in."));

        assertEquals(200, key(path, code, "b a").statusCode());
        assertEquals(200, pages.post("/manage/accounts", admin.cookie(), csrf() + "&action=create&role=ORGANISER&username=tweede"
                + "&password=" + FormClient.enc("tweede-wachtwoord-5")).statusCode());
        String id = path.substring(path.lastIndexOf('/') + 1);
        assertEquals(200, pages.post("/manage/accounts", admin.cookie(), csrf() + "&action=grant&username=tweede&election=" + id)
                .statusCode());
        FormClient.Session second = pages.signIn("tweede", "tweede-wachtwoord-5");
        assertEquals(409, pages.post(path + "/paper", second.cookie(), "csrf=" + second.csrf() + "&ballotCode="
                + FormClient.enc(code) + "&projects=c").statusCode());
        String mismatches = pages.get(path + "/paper", admin.cookie()).body();
        assertTrue(mismatches.contains("Ingevoerd door admin: <code>a b</code>"), mismatches);
        assertTrue(mismatches.contains("Ingevoerd door tweede: <code>c</code>"), mismatches);
    }

    @Test
    void lettersWhoseTextTheFontCannotPrintAreRefusedBeforeAnyCodeIsMade() throws Exception {
        String path = election("Brieven", "1000", "");
        HttpResponse<String> refused = pages.post(path + "/codes", admin.cookie(), csrf() + "&label=Oost&count=2&output=pdf"
                + "&letterText=" + FormClient.enc("Beste bewoner 🌳, مرحبا. Welkom!"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Deze tekens kunnen niet in de brief: \u2068🌳 م ر ح ب ا\u2069. Laat ze weg. "
                + "Of kies de lijst voor de drukker (CSV)."), refused.body());
        assertTrue(refused.body().contains("Er zijn nog geen codes uitgegeven."), "no batch was made: " + refused.body());
        HttpResponse<String> label = pages.post(path + "/codes", admin.cookie(), csrf() + "&label=" + FormClient.enc("Straat 中")
                + "&count=2&output=pdf&letterText=" + FormClient.enc("Beste bewoner, stem mee! Kosten: € 5.000 „nu”."));
        assertEquals(400, label.statusCode());
        assertTrue(label.body().contains("id=\"label-error\"") && label.body().contains("brief: 中."), label.body());
        HttpResponse<String> csv = pages.post(path + "/codes", admin.cookie(), csrf() + "&label=" + FormClient.enc("Straat 中")
                + "&count=2&output=csv&letterText=" + FormClient.enc("🌳"));
        assertEquals(200, csv.statusCode(), "the printer's list carries no letter text");
        assertEquals(3, csv.body().strip().split("\r?\n").length, csv.body());
    }

    @Test
    void aPabulibFileOfAFewMegabytesIsImportedThroughThePage() throws Exception {
        StringBuilder pb = new StringBuilder("META\nkey;value\ndescription;Groot\ncountry;Netherlands\nunit;Proefstad\n"
                + "instance;2026\nnum_projects;20\nnum_votes;120000\nbudget;300000\nvote_type;approval\nrule;greedy\n"
                + "currency;EUR\nPROJECTS\nproject_id;cost;name\n");
        for (int i = 0; i < 20; i++) {
            pb.append("p").append(i).append(';').append(10_000 + i * 1000).append(";Plan ").append(i).append('\n');
        }
        pb.append("VOTES\nvoter_id;vote\n");
        for (int v = 0; v < 120_000; v++) {
            pb.append(v).append(";p").append(v % 20).append(",p").append((v * 7 + 3) % 20 == v % 20 ? (v + 1) % 20 : (v * 7 + 3) % 20)
                    .append('\n');
        }
        byte[] file = pb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(file.length > 1_500_000, "over Micronaut's default of 1 MB for a file in a form: " + file.length);
        HttpResponse<String> imported = upload("/manage/import", "groot.pb", file);
        assertEquals(303, imported.statusCode(), imported.body());
        assertTrue(imported.headers().firstValue("Location").orElse("").startsWith("/manage/elections/"));
    }

    /** A form with a file, as a browser sends it: the CSRF token as a part, then the file. */
    private HttpResponse<String> upload(String path, String name, byte[] content) throws Exception {
        String boundary = "----grens" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + admin.csrf() + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.getURL() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Cookie", admin.cookie())
                // Not a speed check: a guard, so a server that never answers fails the test instead of hanging the run.
                .timeout(java.time.Duration.ofMinutes(2))
                .header("Accept-Language", "nl").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> key(String path, String code, String projects) throws Exception {
        return pages.post(path + "/paper", admin.cookie(), csrf() + "&ballotCode=" + FormClient.enc(code)
                + "&projects=" + FormClient.enc(projects));
    }

    private String csrf() {
        return "csrf=" + admin.csrf();
    }

    private String election(String name, String budget, String extra) throws Exception {
        HttpResponse<String> created = pages.post("/manage/elections", admin.cookie(), csrf() + "&name=" + name
                + "&neighbourhood=Oost&budget=" + budget + "&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID" + extra);
        assertEquals(303, created.statusCode(), created.body());
        return created.headers().firstValue("Location").orElseThrow();
    }
}
