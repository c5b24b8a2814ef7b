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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A staff member whose session ended while filling in a form loses nothing: the sign-in page that answers the
 * form carries its values (not the CSRF token, not a password), and after the sign-in they are shown for a check
 * and sent again with the new session's token. A form from another site (no session cookie) carries nothing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpiredSessionFormTest {

    @Inject
    EmbeddedServer server;

    @Inject
    StaffSessions sessions;

    FormClient pages;

    @BeforeAll
    void setUp() {
        pages = new FormClient(server.getURL().toString(), "nl");
    }

    private static final String ELECTION = "&name=" + FormClient.enc("Buurtbudget Lang Formulier")
            + "&neighbourhood=Oost&budget=1000&currency=EUR&format=APPROVAL&rule=greedy&tiePolicy=ID"
            + "&categories=" + FormClient.enc("groen = 400\njongeren");

    /** The hidden fields of a page, in order, unescaped. */
    private static List<String[]> hidden(String body) {
        List<String[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">").matcher(body);
        while (m.find()) {
            out.add(new String[] {unescape(m.group(1)), unescape(m.group(2))});
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("&#10;", "\n").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String encode(List<String[]> fields) {
        StringBuilder b = new StringBuilder();
        for (String[] f : fields) {
            b.append(b.length() == 0 ? "" : "&").append(FormClient.enc(f[0])).append('=').append(FormClient.enc(f[1]));
        }
        return b.toString();
    }

    private static String cookie(HttpResponse<String> r, String name) {
        String c = r.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith(name + "=")).findFirst().orElseThrow();
        return c.substring(0, c.indexOf(';'));
    }

    @Test
    void aFormSentAfterTheSessionEndedComesBackAfterTheSignInForACheckAndANewSubmit() throws Exception {
        FormClient.Session s = pages.signIn("admin", "admin-password-for-tests");
        sessions.end(s.cookie().substring(s.cookie().indexOf('=') + 1));

        HttpResponse<String> expired = pages.post("/manage/elections", s.cookie(), "csrf=" + s.csrf() + ELECTION);
        assertEquals(403, expired.statusCode());
        String login = expired.body();
        assertTrue(login.contains("U was te lang niet actief en bent uitgelogd. Wat u had ingevuld, is nog niet opgeslagen"), login);
        List<String[]> fields = hidden(login);
        assertTrue(fields.stream().anyMatch(f -> f[0].equals("carry.name") && f[1].equals("Buurtbudget Lang Formulier")));
        assertTrue(fields.stream().anyMatch(f -> f[0].equals("carry.categories") && f[1].equals("groen = 400\njongeren")));
        assertTrue(fields.stream().noneMatch(f -> f[0].equals("carry.csrf")), "the old token is not carried");
        assertTrue(fields.stream().anyMatch(f -> f[0].equals("back") && f[1].equals("/manage/elections")));

        // A wrong password keeps the carried form.
        List<String[]> wrong = new ArrayList<>(fields);
        wrong.add(new String[] {"username", "admin"});
        wrong.add(new String[] {"password", "not-the-password"});
        HttpResponse<String> again = pages.post("/manage/login", cookie(expired, SignInPages.LOGIN_COOKIE), encode(wrong));
        assertEquals(401, again.statusCode());
        assertTrue(hidden(again.body()).stream().anyMatch(f -> f[0].equals("carry.name") && f[1].equals("Buurtbudget Lang Formulier")));

        List<String[]> signIn = new ArrayList<>(hidden(again.body()));
        signIn.add(new String[] {"username", "admin"});
        signIn.add(new String[] {"password", "admin-password-for-tests"});
        HttpResponse<String> resend = pages.post("/manage/login", cookie(again, SignInPages.LOGIN_COOKIE), encode(signIn));
        assertEquals(200, resend.statusCode(), resend.body());
        String newSession = cookie(resend, StaffSessions.COOKIE);
        assertTrue(resend.body().contains("<h1>Controleer en verstuur opnieuw</h1>"), resend.body());
        assertTrue(resend.body().contains("<form method=\"post\" action=\"/manage/elections\">"));
        assertTrue(resend.body().contains("<td class=\"pre\">Buurtbudget Lang Formulier</td>"), resend.body());
        List<String[]> sendAgain = hidden(resend.body());
        assertEquals("csrf", sendAgain.get(0)[0]);
        assertNotEquals(s.csrf(), sendAgain.get(0)[1], "the new session's token");
        HttpResponse<String> created = pages.post("/manage/elections", newSession, encode(sendAgain));
        assertEquals(303, created.statusCode(), created.body());
        String overview = pages.get(created.headers().firstValue("Location").orElseThrow(), newSession).body();
        assertTrue(overview.contains(">Buurtbudget Lang Formulier</h1>"), overview);
        assertTrue(overview.contains("groen"), overview);
    }

    @Test
    void passwordsAreNotCarriedAndAFormFromAnotherSiteCarriesNothing() throws Exception {
        FormClient.Session s = pages.signIn("admin", "admin-password-for-tests");
        sessions.end(s.cookie().substring(s.cookie().indexOf('=') + 1));
        HttpResponse<String> account = pages.post("/manage/accounts", s.cookie(), "csrf=" + s.csrf()
                + "&action=create&role=ORGANISER&username=wijkteam-zuid&password=" + FormClient.enc("een-lang-wachtwoord-1"));
        assertEquals(403, account.statusCode());
        List<String[]> fields = hidden(account.body());
        assertTrue(fields.stream().anyMatch(f -> f[0].equals("carry.username") && f[1].equals("wijkteam-zuid")));
        assertFalse(account.body().contains("een-lang-wachtwoord-1"), "a password never comes back in a page");

        // No session cookie at all (the browser sends a SameSite=Strict cookie only from these pages): nothing carried.
        HttpResponse<String> foreign = pages.post("/manage/elections", null, "csrf=x" + ELECTION);
        assertEquals(403, foreign.statusCode());
        assertFalse(foreign.body().contains("carry."), foreign.body());
        assertTrue(foreign.body().contains("Uw sessie is verlopen of u bent uitgelogd."), foreign.body());
    }
}
