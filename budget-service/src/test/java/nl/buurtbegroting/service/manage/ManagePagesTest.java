package nl.buurtbegroting.service.manage;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The organiser pages without a browser: the session cookie's flags, sign-in errors, CSRF refusals, sign-out
 * ending the session, and per-election grants.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagePagesTest {

    @Inject
    EmbeddedServer server;

    FormClient pages;

    @BeforeAll
    void setUp() {
        pages = new FormClient(server.getURL().toString(), null);
    }

    @Test
    void signInSetsAStrictHttpOnlyCookieAndSignOutEndsTheSession() throws Exception {
        HttpResponse<String> forged = pages.post("/manage/login", null, "username=admin&password=admin-password-for-tests");
        assertEquals(403, forged.statusCode(), "a sign-in form from elsewhere lacks the token pair");
        assertTrue(forged.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(StaffSessions.COOKIE + "=")));
        HttpResponse<String> r = pages.login("admin", "admin-password-for-tests");
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/manage", r.headers().firstValue("Location").orElseThrow());
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(StaffSessions.COOKIE + "="))
                .findFirst().orElseThrow();
        assertTrue(setCookie.contains("HTTPOnly") || setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/manage"), setCookie);
        FormClient.Session s = pages.signIn("admin", "admin-password-for-tests");
        assertEquals(200, pages.get("/manage", s.cookie()).statusCode());
        assertEquals(303, pages.post("/manage/logout", s.cookie(), "csrf=" + s.csrf()).statusCode());
        HttpResponse<String> after = pages.get("/manage", s.cookie());
        assertEquals(303, after.statusCode());
        assertTrue(after.headers().firstValue("Location").orElseThrow().startsWith("/manage/login"));
    }

    @Test
    void aWrongPasswordComesBackWithTheNameFilledInAndNoCookie() throws Exception {
        HttpResponse<String> r = pages.login("admin", "wrong-password-123");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("De gebruikersnaam of het wachtwoord klopt niet."), r.body());
        assertTrue(r.body().contains("value=\"admin\""), "the name stays");
        assertTrue(!r.body().contains("wrong-password-123"), "the password is never echoed");
        assertTrue(r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(StaffSessions.COOKIE + "=")));
    }

    @Test
    void aFormWithoutItsTokenIsRefusedWith403AndChangesNothing() throws Exception {
        FormClient.Session s = pages.signIn("admin", "admin-password-for-tests");
        String form = "name=Zonder+token&neighbourhood=Oost&budget=100&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID";
        HttpResponse<String> missing = pages.post("/manage/elections", s.cookie(), form);
        assertEquals(403, missing.statusCode());
        assertTrue(missing.body().contains("Dit formulier is verlopen"), missing.body());
        HttpResponse<String> wrong = pages.post("/manage/elections", s.cookie(), form + "&csrf=" + s.csrf() + "x");
        assertEquals(403, wrong.statusCode());
        HttpResponse<String> noSession = pages.post("/manage/elections", null, form + "&csrf=" + s.csrf());
        assertEquals(403, noSession.statusCode());
        assertTrue(!pages.get("/manage", s.cookie()).body().contains("Zonder token"), "no election was created");
        HttpResponse<String> ok = pages.post("/manage/elections", s.cookie(), form + "&csrf=" + s.csrf());
        assertEquals(303, ok.statusCode(), ok.body());
        assertTrue(pages.get("/manage", s.cookie()).body().contains("Zonder token"));
    }

    @Test
    void anOrganiserReachesOnlyTheElectionsGrantedToThem() throws Exception {
        FormClient.Session admin = pages.signIn("admin", "admin-password-for-tests");
        for (String user : new String[]{"oost", "west"}) {
            assertEquals(200, pages.post("/manage/accounts", admin.cookie(), "csrf=" + admin.csrf()
                    + "&action=create&role=ORGANISER&username=" + user + "&password=" + FormClient.enc("organiser-password-1")).statusCode());
        }
        FormClient.Session oost = pages.signIn("oost", "organiser-password-1");
        HttpResponse<String> created = pages.post("/manage/elections", oost.cookie(), "csrf=" + oost.csrf()
                + "&name=Oost&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID");
        assertEquals(303, created.statusCode(), created.body());
        String path = created.headers().firstValue("Location").orElseThrow();
        assertEquals(200, pages.get(path, oost.cookie()).statusCode());

        FormClient.Session west = pages.signIn("west", "organiser-password-1");
        HttpResponse<String> page = pages.get(path, west.cookie());
        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("U heeft geen toegang tot deze verkiezing."), page.body());
        HttpResponse<String> change = pages.post(path + "/proposals/new", west.cookie(),
                "csrf=" + west.csrf() + "&title=Inbraak&cost=10&verdict=ELIGIBLE");
        assertEquals(403, change.statusCode());
        assertTrue(!pages.get("/manage", west.cookie()).body().contains(">Oost<"), "not in their list");
        assertEquals(403, pages.get("/manage/accounts", west.cookie()).statusCode(), "accounts are for admins and auditors");
        assertEquals(403, pages.get("/manage/audit", west.cookie()).statusCode(), "the audit log too");
    }

    @Test
    void oddInputComesBackAsErrorsBesideTheFieldsAndMarkupIsShownAsText() throws Exception {
        FormClient.Session s = pages.signIn("admin", "admin-password-for-tests");
        HttpResponse<String> huge = pages.post("/manage/elections", s.cookie(), "csrf=" + s.csrf()
                + "&name=" + FormClient.enc("Buurt \u0000 <script>alert(1)</script> ☃") + "&neighbourhood=Oost&budget=99999999999999999999"
                + "&currency=eu&format=NONSENSE&rule=best&tiePolicy=ID&minProjects=-3&opens=gisteren"
                + "&categories=" + FormClient.enc("groen = veel\n= 5"));
        assertEquals(400, huge.statusCode());
        String body = huge.body();
        for (String message : new String[]{"Budget: vul een getal in van 0 tot en met 1.000.000.000.000.", "Vul een munt in van drie letters, zoals EUR.",
                "Soort stembiljet: kies een van de mogelijkheden.", "Kies een manier om het geld te verdelen.",
                "Minste aantal plannen: vul een getal in van 0 tot en met 10.000.", "Vul bij stemmen begint een datum en tijd in.",
                "Regel 1 van de categorieën klopt niet.", "Naam van de verkiezing mag geen onzichtbare tekens bevatten."}) {
            assertTrue(body.contains(message), message + " in " + body);
        }
        assertTrue(body.contains("value=\"99999999999999999999\""), "what was typed comes back");
        assertTrue(!body.contains("<script>alert(1)</script>"), "markup is escaped");
        assertTrue(body.contains("&lt;script>alert(1)&lt;/script>"), "shown as text in the field: " + body);
        assertTrue(body.contains("aria-invalid=\"true\""));
        assertTrue(body.contains("href=\"#budget\""), "the summary links to the field");
    }

    @Test
    void thePagesSpeakEnglishWhenAskedAndTheSwitchComesBack() throws Exception {
        HttpResponse<String> page = pages.get("/manage/login", null, "en-GB,en;q=0.9");
        assertTrue(page.body().contains("<html lang=\"en\">"), page.body());
        assertTrue(page.body().contains("Sign in with the name and password of your account."));
        HttpResponse<String> dutch = pages.get("/manage/login", null);
        assertTrue(dutch.body().contains("Log in met de naam en het wachtwoord van uw account."));
        assertTrue(dutch.body().contains("href=\"/language?to=en&amp;back=%2Fmanage%2Flogin\""), dutch.body());
    }

    private static List<String> proposalOrder(String overview) {
        Matcher row = Pattern.compile("<tr id=\"proposal-\\d+\">\\s*<td[^>]*>[^<]*</td>\\s*<th scope=\"row\">([^<]+)").matcher(overview);
        List<String> titles = new ArrayList<>();
        while (row.find()) {
            titles.add(row.group(1));
        }
        return titles;
    }

    @Test
    void moveUpAndMoveDownOrderTheProposalsWithoutJavaScript() throws Exception {
        FormClient.Session s = pages.signIn("admin", "admin-password-for-tests");
        String path = pages.post("/manage/elections", s.cookie(), "csrf=" + s.csrf()
                + "&name=Volgorde&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID")
                .headers().firstValue("Location").orElseThrow();
        for (String title : new String[]{"Appel", "Bank", "Cirkel"}) {
            assertEquals(303, pages.post(path + "/proposals/new", s.cookie(), "csrf=" + s.csrf() + "&title=" + title
                    + "&cost=100&verdict=ELIGIBLE").statusCode());
        }
        String overview = pages.get(path, s.cookie()).body();
        assertEquals(List.of("Appel", "Bank", "Cirkel"), proposalOrder(overview));
        // The accessible name starts with the visible text; the first has no Move up, the last no Move down.
        assertTrue(overview.contains("value=\"up\">Omhoog<span class=\"visually-hidden\"> Cirkel</span>"), overview);
        assertTrue(!overview.contains("value=\"up\">Omhoog<span class=\"visually-hidden\"> Appel</span>"), overview);
        assertTrue(!overview.contains("value=\"down\">Omlaag<span class=\"visually-hidden\"> Cirkel</span>"), overview);
        Matcher cirkel = Pattern.compile("action=\"(" + Pattern.quote(path) + "/proposals/\\d+/move)\"[^>]*><input type=\"hidden\" name=\"csrf\"[^>]*><button[^>]*value=\"up\">Omhoog<span class=\"visually-hidden\"> Cirkel<").matcher(overview);
        assertTrue(cirkel.find(), overview);
        String move = cirkel.group(1);

        HttpResponse<String> forged = pages.post(move, s.cookie(), "direction=up");
        assertEquals(403, forged.statusCode(), "a move without its CSRF token is refused");
        assertEquals(List.of("Appel", "Bank", "Cirkel"), proposalOrder(pages.get(path, s.cookie()).body()));

        HttpResponse<String> up = pages.post(move, s.cookie(), "csrf=" + s.csrf() + "&direction=up");
        assertEquals(303, up.statusCode());
        assertTrue(up.headers().firstValue("Location").orElseThrow().endsWith("#" + move.replaceAll(".*/proposals/(\\d+)/move", "proposal-$1")));
        assertEquals(List.of("Appel", "Cirkel", "Bank"), proposalOrder(pages.get(path, s.cookie()).body()));
        assertEquals(303, pages.post(move, s.cookie(), "csrf=" + s.csrf() + "&direction=up").statusCode());
        assertEquals(303, pages.post(move, s.cookie(), "csrf=" + s.csrf() + "&direction=up").statusCode());
        assertEquals(List.of("Cirkel", "Appel", "Bank"), proposalOrder(pages.get(path, s.cookie()).body()), "at the top it stays");
        assertEquals(303, pages.post(move, s.cookie(), "csrf=" + s.csrf() + "&direction=down").statusCode());
        assertEquals(List.of("Appel", "Cirkel", "Bank"), proposalOrder(pages.get(path, s.cookie()).body()));
        assertEquals(400, pages.post(move, s.cookie(), "csrf=" + s.csrf() + "&direction=sideways").statusCode());
    }

    @Test
    void aProposalIsRemovedInDraftAndNothingChangesOnceVotingIsOpen() throws Exception {
        FormClient.Session s = pages.signIn("admin", "admin-password-for-tests");
        String path = pages.post("/manage/elections", s.cookie(), "csrf=" + s.csrf()
                + "&name=Verwijderen&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID")
                .headers().firstValue("Location").orElseThrow();
        for (String title : new String[]{"Blijft", "Weg"}) {
            assertEquals(303, pages.post(path + "/proposals/new", s.cookie(), "csrf=" + s.csrf() + "&title=" + title
                    + "&cost=100&verdict=ELIGIBLE").statusCode());
        }
        String overview = pages.get(path, s.cookie()).body();
        Matcher weg = Pattern.compile("href=\"(" + Pattern.quote(path) + "/proposals/\\d+)\">Aanpassen<span class=\"visually-hidden\"> Weg").matcher(overview);
        assertTrue(weg.find(), overview);
        assertEquals(303, pages.post(weg.group(1) + "/delete", s.cookie(), "csrf=" + s.csrf()).statusCode());
        overview = pages.get(path, s.cookie()).body();
        assertTrue(overview.contains("Plannen (1)") && !overview.contains("> Weg<"), overview);

        assertEquals(303, pages.post(path + "/open", s.cookie(), "csrf=" + s.csrf()).statusCode());
        HttpResponse<String> late = pages.post(path + "/proposals/new", s.cookie(), "csrf=" + s.csrf() + "&title=Te+laat&cost=100&verdict=ELIGIBLE");
        assertEquals(409, late.statusCode());
        assertTrue(late.body().contains("De verkiezing is al geopend. Instellingen en plannen liggen nu vast."), late.body());
        HttpResponse<String> again = pages.post(path + "/open", s.cookie(), "csrf=" + s.csrf());
        assertEquals(409, again.statusCode(), "opening twice is refused with a page, not an error");
    }

    @Test
    void noPageCarriesInlineScriptOrStyleAndNoneIsStored() throws Exception {
        FormClient.Session s = pages.signIn("admin", "admin-password-for-tests");
        String path = pages.post("/manage/elections", s.cookie(), "csrf=" + s.csrf()
                + "&name=Inline&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID")
                .headers().firstValue("Location").orElseThrow();
        Pattern inline = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>|\\sstyle=|\\son[a-z]+=|<style|javascript:", Pattern.CASE_INSENSITIVE);
        for (String page : new String[]{"/manage", "/manage/elections/new", path, path + "/edit", path + "/proposals/new",
                path + "/import-proposals", path + "/codes", path + "/paper", path + "/tally", "/manage/import",
                "/manage/whatif", "/manage/accounts", "/manage/password", "/manage/audit"}) {
            HttpResponse<String> r = pages.get(page, s.cookie());
            assertEquals(200, r.statusCode(), page);
            Matcher m = inline.matcher(r.body());
            assertTrue(!m.find(), page + " has inline code: " + (m.hitEnd() ? "" : m.group()));
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), page);
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self';"), page);
        }
        assertEquals(200, pages.get("/manage/login", null).statusCode());
    }

    @Test
    void anAuditorReadsEverythingAndChangesNothing() throws Exception {
        FormClient.Session admin = pages.signIn("admin", "admin-password-for-tests");
        assertEquals(200, pages.post("/manage/accounts", admin.cookie(), "csrf=" + admin.csrf()
                + "&action=create&role=AUDITOR&username=controle&password=" + FormClient.enc("auditor-password-1")).statusCode());
        String path = pages.post("/manage/elections", admin.cookie(), "csrf=" + admin.csrf()
                + "&name=Gecontroleerd&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID")
                .headers().firstValue("Location").orElseThrow();
        FormClient.Session auditor = pages.signIn("controle", "auditor-password-1");
        assertTrue(pages.get("/manage", auditor.cookie()).body().contains("Gecontroleerd"));
        String overview = pages.get(path, auditor.cookie()).body();
        assertTrue(!overview.contains("/open\"") && !overview.contains("/edit\""), "no buttons that change: " + overview);
        String codes = pages.get(path + "/codes", auditor.cookie()).body();
        assertTrue(!codes.contains("name=\"count\""), "no issue form");
        assertTrue(pages.get(path + "/paper", auditor.cookie()).body().contains("U kunt deze stembiljetten bekijken, maar niet invoeren."));
        assertEquals(403, pages.post(path + "/codes", auditor.cookie(), "csrf=" + auditor.csrf() + "&label=x&count=1&output=csv").statusCode());
        assertEquals(403, pages.post(path + "/open", auditor.cookie(), "csrf=" + auditor.csrf()).statusCode());
        assertEquals(200, pages.get("/manage/audit", auditor.cookie()).statusCode());
        assertEquals(200, pages.get("/manage/accounts", auditor.cookie()).statusCode());
        assertEquals(403, pages.post("/manage/accounts", auditor.cookie(), "csrf=" + auditor.csrf()
                + "&action=create&role=ADMIN&username=ikke&password=" + FormClient.enc("auditor-password-1")).statusCode());
    }
}
