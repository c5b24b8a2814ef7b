package nl.buurtbegroting.service.manage;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-made file forms sent to the organiser pages: two files, no file, an empty file, a part of another name, a
 * file sent as text, a file name too long to read. Each gets its message beside the file field in the reader's
 * language, nothing is imported, and the text typed beside the file (the proposal list) stays.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManageUploadPartsTest {

    private static final String PB = "META\nkey;value\ndescription;Tweeling\ncountry;Netherlands\nunit;Tweestad\n"
            + "instance;2026\nnum_projects;1\nnum_votes;1\nbudget;1000\nvote_type;approval\nrule;greedy\n"
            + "currency;EUR\nPROJECTS\nproject_id;cost;name\np1;500;Bankje\nVOTES\nvoter_id;vote\n1;p1\n";

    @Inject
    EmbeddedServer server;

    FormClient pages;
    FormClient.Session admin;

    @BeforeAll
    void setUp() throws Exception {
        pages = new FormClient(server.getURL().toString(), "nl");
        admin = pages.signIn("admin", "admin-password-for-tests");
    }

    /** One part: its name, its file name (null for a plain field) and its content. */
    record P(String name, String filename, String content) {
    }

    @Test
    void twoFilesAreRefusedBesideTheFieldAndNeitherIsImported() throws Exception {
        HttpResponse<String> r = send("/manage/import", "nl", csrf(), file("file", "a.pb", PB), file("file", "b.pb", PB));
        assertEquals(400, r.statusCode(), r.body());
        assertBeside(r.body(), "Fout", "Het formulier had twee bestanden. Er is niets ingelezen. Kies één bestand en verstuur opnieuw.");
        assertFalse(pages.get("/manage", admin.cookie()).body().contains("Tweeling"), "nothing imported");

        HttpResponse<String> en = send("/manage/import", "en", csrf(), file("file", "a.pb", PB), file("file", "b.pb", PB));
        assertEquals(400, en.statusCode(), en.body());
        assertBeside(en.body(), "Error", "The form had two files. Nothing was read. Choose one file and send it again.");
    }

    @Test
    void everyOtherOddFormGetsItsOwnMessageBesideTheField() throws Exception {
        String[][] cases = {
            {"nl", "none", "Kies een bestand. Het bestand mag niet leeg zijn."},
            {"en", "none", "Choose a file. It may not be empty."},
            {"nl", "empty", "Kies een bestand. Het bestand mag niet leeg zijn."},
            {"en", "empty", "Choose a file. It may not be empty."},
            {"nl", "wrongName", "Het formulier had een onbekend veld ‘bestand’. Er is niets ingelezen. Verstuur het formulier van deze pagina opnieuw."},
            {"en", "wrongName", "The form had an unknown field ‘bestand’. Nothing was read. Send the form on this page again."},
            {"nl", "text", "Het veld voor het bestand had tekst in plaats van een bestand. Kies een bestand."},
            {"en", "text", "The field for the file held text instead of a file. Choose a file."},
            {"nl", "twoTokens", "Het formulier had het veld ‘csrf’ twee keer. Er is niets ingelezen. Verstuur het formulier van deze pagina opnieuw."},
        };
        for (String[] c : cases) {
            List<P> parts = new ArrayList<>(List.of(csrf()));
            switch (c[1]) {
                case "empty" -> parts.add(file("file", "leeg.pb", ""));
                case "wrongName" -> parts.add(file("bestand", "a.pb", PB));
                case "text" -> parts.add(new P("file", null, PB));
                case "twoTokens" -> {
                    parts.add(csrf());
                    parts.add(file("file", "a.pb", PB));
                }
                default -> { }
            }
            for (String path : List.of("/manage/import", "/manage/whatif")) {
                HttpResponse<String> r = send(path, c[0], parts.toArray(P[]::new));
                assertEquals(400, r.statusCode(), c[1] + " " + path + ": " + r.body());
                assertBeside(r.body(), c[0].equals("nl") ? "Fout" : "Error", c[2]);
            }
        }
        assertFalse(pages.get("/manage", admin.cookie()).body().contains("Tweeling"), "nothing imported");
    }

    @Test
    void aBrowsersFormWithoutAChosenFileStillWorksForTheExample() throws Exception {
        // A browser sends the file field with an empty file name when no file was chosen.
        HttpResponse<String> r = send("/manage/whatif", "nl", csrf(), file("file", "", ""), new P("example", null, "1"));
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(r.body().contains("field-error"), r.body());
        HttpResponse<String> none = send("/manage/import", "nl", csrf(), file("file", "", ""));
        assertEquals(400, none.statusCode());
        assertBeside(none.body(), "Fout", "Kies een bestand. Het bestand mag niet leeg zijn.");
    }

    @Test
    void aFileNameTooLongToReadIsNamedAsSuchAndALongOneIsNotEchoed() throws Exception {
        HttpResponse<String> huge = send("/manage/import", "nl", csrf(), file("file", "n".repeat(200_000) + ".pb", PB));
        assertEquals(413, huge.statusCode(), huge.body());
        assertBeside(huge.body(), "Fout", "De naam van het bestand is te lang. Geef het bestand een kortere naam en kies het opnieuw.");
        HttpResponse<String> hugeEn = send("/manage/whatif", "en", csrf(), file("file", "n".repeat(200_000) + ".pb", PB));
        assertEquals(413, hugeEn.statusCode(), hugeEn.body());
        assertBeside(hugeEn.body(), "Error", "The file's name is too long. Give the file a shorter name and choose it again.");

        List<P> many = new ArrayList<>(List.of(csrf(), file("file", "a.pb", PB)));
        for (int i = 0; i < 200; i++) {
            many.add(new P("x" + i, null, "x"));
        }
        HttpResponse<String> tooMany = send("/manage/import", "en", many.toArray(P[]::new));
        assertEquals(413, tooMany.statusCode(), tooMany.body());
        assertBeside(tooMany.body(), "Error", "The form had too many fields. Nothing was read. Send the form on this page again.");

        HttpResponse<String> wrong = send("/manage/import", "nl", csrf(), file("file", "m".repeat(60_000) + ".pb", "geen pabulib"));
        assertEquals(400, wrong.statusCode(), wrong.body());
        assertTrue(wrong.body().contains("<p class=\"field-error\" id=\"file-error\"><span class=\"visually-hidden\">Fout:</span> Dit is geen goed Pabulib-bestand"),
                wrong.body());
        assertFalse(wrong.body().contains("m".repeat(101)), "the name is not echoed at length");
    }

    @Test
    void theProposalListKeepsWhatWasTypedWhenTheFileIsOdd() throws Exception {
        HttpResponse<String> created = pages.post("/manage/elections", admin.cookie(), "csrf=" + admin.csrf()
                + "&name=Lijst&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID");
        assertEquals(303, created.statusCode(), created.body());
        String path = created.headers().firstValue("Location").orElseThrow() + "/import-proposals";
        String typed = "code;title;cost\nx;Bankje &lt;hier&gt;;100";
        HttpResponse<String> r = send(path, "nl", csrf(), new P("csv", null, "code;title;cost\nx;Bankje <hier>;100"),
                file("file", "a.csv", "code;title;cost\n"), file("file", "b.csv", "code;title;cost\n"),
                new P("action", null, "preview"));
        assertEquals(400, r.statusCode(), r.body());
        assertBeside(r.body(), "Fout", "Het formulier had twee bestanden. Er is niets ingelezen. Kies één bestand en verstuur opnieuw.");
        assertTrue(r.body().contains("aria-describedby=\"csv-hint\">" + typed + "</textarea>"), r.body());
        assertTrue(r.body().contains("<li><a href=\"#file\">Het formulier had twee bestanden."), "in the summary, linked to the field");

        HttpResponse<String> unknown = send(path, "en", csrf(), new P("csv", null, ""), file("bestand", "a.csv", "x"),
                new P("action", null, "preview"));
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertBeside(unknown.body(), "Error", "The form had an unknown field ‘bestand’. Nothing was read. Send the form on this page again.");
    }

    @Test
    void aPaperBallotFormWithTwoCodesOrTwoListsIsRefusedBesideTheFieldAndUsesNoCode() throws Exception {
        String csrf = "csrf=" + admin.csrf();
        HttpResponse<String> created = pages.post("/manage/elections", admin.cookie(), csrf + "&name=Papier&neighbourhood=Oost"
                + "&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID&minProjects=1&maxProjects=2");
        String path = created.headers().firstValue("Location").orElseThrow();
        for (String p : new String[]{"a", "b"}) {
            assertEquals(303, pages.post(path + "/proposals/new", admin.cookie(), csrf + "&code=" + p + "&title=Plan+" + p
                    + "&cost=100&verdict=ELIGIBLE").statusCode());
        }
        assertEquals(303, pages.post(path + "/open", admin.cookie(), csrf).statusCode());
        String[] codes = pages.post(path + "/codes", admin.cookie(), csrf + "&label=Papier&count=2&output=csv&letterText=x")
                .body().strip().split("\r?\n");
        String one = codes[1].split(",")[0];
        String two = codes[2].split(",")[0];

        HttpResponse<String> twice = pages.post(path + "/paper", admin.cookie(), csrf + "&ballotCode=" + one + "&ballotCode=" + two
                + "&projects=a&projects=b");
        assertEquals(400, twice.statusCode(), twice.body());
        assertTrue(twice.body().contains("id=\"ballotCode-error\"><span class=\"visually-hidden\">Fout:</span> Dit veld kwam 2 keer"
                + " mee. Er is niets bewaard. Voer één stembiljet tegelijk in.</p>"), twice.body());
        assertTrue(twice.body().contains("id=\"projects-error\"><span class=\"visually-hidden\">Fout:</span> Dit veld kwam 2 keer"
                + " mee."), twice.body());
        assertTrue(twice.body().contains("value=\"" + one + "\""), "the first code typed stays in the field");
        for (String code : new String[]{one, two}) {
            HttpResponse<String> single = pages.post(path + "/paper", admin.cookie(), csrf + "&ballotCode=" + code + "&projects=a");
            assertEquals(200, single.statusCode(), "neither code was used: " + single.body());
        }
    }

    private static void assertBeside(String body, String error, String message) {
        assertTrue(body.contains("<p class=\"field-error\" id=\"file-error\"><span class=\"visually-hidden\">" + error
                + ":</span> " + message + "</p>"), message + " beside the field in: " + body);
        assertTrue(body.contains("aria-invalid=\"true\""), body);
    }

    private P csrf() {
        return new P("csrf", null, admin.csrf());
    }

    private static P file(String name, String filename, String content) {
        return new P(name, filename, content);
    }

    private HttpResponse<String> send(String path, String language, P... parts) throws Exception {
        String boundary = "----grens" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (P p : parts) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\""
                    + (p.filename() == null ? "" : "; filename=\"" + p.filename() + "\"\r\nContent-Type: application/octet-stream")
                    + "\r\n\r\n";
            body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(p.content().getBytes(StandardCharsets.UTF_8));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Cookie", admin.cookie())
                // A guard so a server that never answers fails the test instead of hanging the run; not a speed check.
                .timeout(Duration.ofMinutes(2))
                .header("Accept-Language", language).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
