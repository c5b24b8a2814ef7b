package nl.buurtbegroting.service.manage;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11's service rules as the organiser pages use them: disabling an account, names compared ignoring case,
 * the password rules, code batches per district and approved by a second staff member while voting is open,
 * discarding a paper keying, extending the end of voting, and the election form's eligibility and incompatible groups.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManageHardeningPagesTest {

    @Inject
    EmbeddedServer server;

    FormClient pages;

    @BeforeAll
    void setUp() {
        pages = new FormClient(server.getURL().toString(), "nl");
    }

    @Test
    void passwordRulesShowBesideTheFieldNamesIgnoreCaseAndADisabledAccountIsSignedOutEverywhere() throws Exception {
        FormClient.Session admin = pages.signIn("admin", "admin-password-for-tests");
        HttpResponse<String> weak = pages.post("/manage/accounts", admin.cookie(), "csrf=" + admin.csrf()
                + "&action=create&role=ORGANISER&username=Tuin&password=" + FormClient.enc("aaaaaaaaaaaa"));
        assertEquals(400, weak.statusCode());
        assertTrue(weak.body().contains("id=\"password-error\"") && weak.body().contains("Gebruik minstens 4 verschillende tekens."),
                weak.body());
        HttpResponse<String> common = pages.post("/manage/accounts", admin.cookie(), "csrf=" + admin.csrf()
                + "&action=create&role=ORGANISER&username=Tuin&password=" + FormClient.enc("password1234"));
        assertTrue(common.body().contains("staat op de lijst van veelgebruikte wachtwoorden"), common.body());
        assertEquals(200, pages.post("/manage/accounts", admin.cookie(), "csrf=" + admin.csrf()
                + "&action=create&role=ORGANISER&username=Tuin&password=" + FormClient.enc("tuin-wachtwoord-9")).statusCode());
        HttpResponse<String> twin = pages.post("/manage/accounts", admin.cookie(), "csrf=" + admin.csrf()
                + "&action=create&role=ORGANISER&username=tuin&password=" + FormClient.enc("tuin-wachtwoord-9"));
        assertEquals(400, twin.statusCode(), "a name differing only in case is the same name");

        // The same lookup as the API: "tuin" signs in to the account "Tuin".
        FormClient.Session tuin = pages.signIn("tuin", "tuin-wachtwoord-9");
        assertEquals(200, pages.get("/manage", tuin.cookie()).statusCode());
        HttpResponse<String> own = pages.post("/manage/password", tuin.cookie(), "csrf=" + tuin.csrf()
                + "&currentPassword=" + FormClient.enc("tuin-wachtwoord-9") + "&newPassword=" + FormClient.enc("TUIN"));
        assertEquals(400, own.statusCode());
        assertTrue(own.body().contains("id=\"newPassword-error\"") || own.body().contains("Gebruik minstens 12 tekens."), own.body());
        HttpResponse<String> reset = pages.post("/manage/accounts", admin.cookie(), "csrf=" + admin.csrf()
                + "&action=reset&username=Tuin&newPassword=" + FormClient.enc("tuin"));
        assertTrue(reset.body().contains("Het wachtwoord van Tuin is niet veranderd: Gebruik minstens 12 tekens."), reset.body());

        String accounts = pages.get("/manage/accounts", admin.cookie()).body();
        assertTrue(accounts.contains("value=\"disable\""), "a Disable button for other accounts");
        HttpResponse<String> self = pages.post("/manage/accounts", admin.cookie(), "csrf=" + admin.csrf() + "&action=disable&username=admin");
        assertEquals(400, self.statusCode());
        HttpResponse<String> disabled = pages.post("/manage/accounts", admin.cookie(), "csrf=" + admin.csrf()
                + "&action=disable&username=Tuin");
        assertEquals(200, disabled.statusCode(), disabled.body());
        assertTrue(disabled.body().contains("Account Tuin is uitgeschakeld."), disabled.body());
        assertTrue(disabled.body().contains(">uitgeschakeld</span>"), disabled.body());
        HttpResponse<String> after = pages.get("/manage", tuin.cookie());
        assertEquals(303, after.statusCode(), "the open session ended");
        assertTrue(after.headers().firstValue("Location").orElse("").startsWith("/manage/login"));
        assertEquals(401, pages.login("Tuin", "tuin-wachtwoord-9").statusCode(), "and the account cannot sign in again");
        String log = pages.get("/manage/audit", admin.cookie()).body();
        assertTrue(log.contains("ACCOUNT_DISABLED"), "audited");
    }

    @Test
    void batchesNameADistrictAndWhileVotingIsOpenASecondStaffMemberApprovesThem() throws Exception {
        FormClient.Session admin = pages.signIn("admin", "admin-password-for-tests");
        String path = createElection(admin, "Wijken", "&districts=" + FormClient.enc("Noord\r\nZuid") + "&minimumAge=12"
                + "&incompatible=" + FormClient.enc("a, b"));
        String edit = pages.get(path + "/edit", admin.cookie()).body();
        assertTrue(edit.contains(">Noord\nZuid</textarea>") && edit.contains(">a, b</textarea>") && edit.contains("value=\"12\""), edit);
        for (String code : new String[]{"a", "b"}) {
            assertEquals(303, pages.post(path + "/proposals/new", admin.cookie(), "csrf=" + admin.csrf() + "&code=" + code
                    + "&title=Plan+" + code + "&cost=100&verdict=ELIGIBLE").statusCode());
        }
        long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        assertEquals(200, pages.post("/manage/accounts", admin.cookie(), "csrf=" + admin.csrf()
                + "&action=create&role=ORGANISER&username=noord&password=" + FormClient.enc("noord-wachtwoord-7")).statusCode());
        assertEquals(200, pages.post("/manage/accounts", admin.cookie(), "csrf=" + admin.csrf()
                + "&action=grant&username=noord&election=" + id).statusCode());
        assertEquals(303, pages.post(path + "/open", admin.cookie(), "csrf=" + admin.csrf()).statusCode());

        FormClient.Session noord = pages.signIn("noord", "noord-wachtwoord-7");
        String form = pages.get(path + "/codes", noord.cookie()).body();
        assertTrue(form.contains("<option value=\"Noord\"") && form.contains("<option value=\"Zuid\""), form);
        HttpResponse<String> none = pages.post(path + "/codes", noord.cookie(), "csrf=" + noord.csrf()
                + "&label=Brieven&count=3&output=csv&letterText=x");
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("Kies de wijk waar deze codes voor zijn."), none.body());
        HttpResponse<String> asked = pages.post(path + "/codes", noord.cookie(), "csrf=" + noord.csrf()
                + "&label=Brieven&count=3&output=csv&letterText=x&district=Noord");
        assertEquals(202, asked.statusCode(), asked.body());
        assertTrue(asked.body().contains("wacht op goedkeuring"), asked.body());
        assertFalse(asked.body().contains("/approve\""), "who asked cannot approve");

        String adminPage = pages.get(path + "/codes", admin.cookie()).body();
        Matcher approve = Pattern.compile("action=\"(" + Pattern.quote(path) + "/codes/\\d+/approve)\"").matcher(adminPage);
        assertTrue(approve.find(), adminPage);
        HttpResponse<String> csv = pages.post(approve.group(1), admin.cookie(), "csrf=" + admin.csrf() + "&output=csv");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals(4, csv.body().strip().split("\r?\n").length, "a header and 3 codes: " + csv.body());
        String done = pages.get(path + "/codes", noord.cookie()).body();
        assertTrue(done.contains("goedgekeurd door admin") && done.contains("Noord"), done);
        assertEquals(409, pages.post(approve.group(1), admin.cookie(), "csrf=" + admin.csrf() + "&output=csv").statusCode(),
                "approved once");
    }

    @Test
    void aKeyingThatWaitsIsDiscardedAndTheEndOfVotingIsMovedLaterOnly() throws Exception {
        FormClient.Session admin = pages.signIn("admin", "admin-password-for-tests");
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        ZoneId zone = nl.buurtbegroting.service.web.Page.ZONE;
        String closes = LocalDateTime.now(zone).plusDays(3).format(local);
        String path = createElection(admin, "Papier", "&closes=" + FormClient.enc(closes));
        assertEquals(303, pages.post(path + "/proposals/new", admin.cookie(), "csrf=" + admin.csrf()
                + "&code=a&title=Plan+a&cost=100&verdict=ELIGIBLE").statusCode());
        assertEquals(303, pages.post(path + "/open", admin.cookie(), "csrf=" + admin.csrf()).statusCode());
        HttpResponse<String> csv = pages.post(path + "/codes", admin.cookie(), "csrf=" + admin.csrf()
                + "&label=Papier&count=1&output=csv&letterText=x");
        String code = csv.body().strip().split("\r?\n")[1].split(",")[0];

        HttpResponse<String> keyed = pages.post(path + "/paper", admin.cookie(), "csrf=" + admin.csrf()
                + "&ballotCode=" + FormClient.enc(code) + "&projects=a");
        assertEquals(200, keyed.statusCode(), keyed.body());
        assertTrue(keyed.body().contains("Wacht op tweede invoer (1)"), keyed.body());
        Matcher entry = Pattern.compile("name=\"entry\" value=\"([0-9a-f]{32})\"").matcher(keyed.body());
        assertTrue(entry.find(), keyed.body());
        HttpResponse<String> discarded = pages.post(path + "/paper/discard", admin.cookie(), "csrf=" + admin.csrf()
                + "&entry=" + entry.group(1));
        assertEquals(200, discarded.statusCode(), discarded.body());
        assertTrue(discarded.body().contains("is weggegooid") && !discarded.body().contains("Wacht op tweede invoer"),
                discarded.body());
        assertTrue(pages.get("/manage/audit", admin.cookie()).body().contains("PAPER_KEYING_DISCARDED"));
        assertEquals(404, pages.post(path + "/paper/discard", admin.cookie(), "csrf=" + admin.csrf() + "&entry=" + entry.group(1))
                .statusCode(), "gone");

        String typed = LocalDateTime.now(zone).plusDays(1).format(local);
        HttpResponse<String> earlier = pages.post(path + "/extend", admin.cookie(), "csrf=" + admin.csrf()
                + "&closes=" + FormClient.enc(typed));
        assertEquals(400, earlier.statusCode());
        assertTrue(earlier.body().contains("Het nieuwe einde moet na nu liggen en na het huidige einde"), earlier.body());
        // Beside the field on the election's own page, with what was typed, not on a page of its own.
        assertTrue(earlier.body().contains("<p class=\"field-error\" id=\"extend-closes-error\">"), earlier.body());
        assertTrue(earlier.body().contains("value=\"" + typed + "\""), earlier.body());
        assertTrue(earlier.body().contains("<a href=\"#extend-closes\">"), "the summary links to the field");
        HttpResponse<String> garbled = pages.post(path + "/extend", admin.cookie(), "csrf=" + admin.csrf() + "&closes=morgen");
        assertEquals(400, garbled.statusCode());
        assertTrue(garbled.body().contains("Vul een datum en tijd in, bijvoorbeeld 2026-05-31T18:00.")
                && garbled.body().contains("value=\"morgen\""), garbled.body());
        String later = LocalDateTime.now(zone).plusDays(10).withSecond(0).withNano(0).format(local);
        assertEquals(303, pages.post(path + "/extend", admin.cookie(), "csrf=" + admin.csrf() + "&closes=" + FormClient.enc(later)).statusCode());
        assertTrue(pages.get("/manage/audit", admin.cookie()).body().contains("VOTING_EXTENDED"));
    }

    private String createElection(FormClient.Session s, String name, String extra) throws Exception {
        HttpResponse<String> created = pages.post("/manage/elections", s.cookie(), "csrf=" + s.csrf() + "&name=" + name
                + "&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID" + extra);
        assertEquals(303, created.statusCode(), created.body());
        return created.headers().firstValue("Location").orElseThrow();
    }
}
