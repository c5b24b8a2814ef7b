package nl.buurtbegroting.service.manage;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.Chromium;
import nl.buurtbegroting.cli.BudgetCli;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A neighbourhood team runs a whole election in a real browser (Debian's headless Chromium), through the pages
 * only: the admin creates the team's accounts; an organiser signs in, sets up an election (a failed form first),
 * adds proposals, issues codes as letters (the PDF read back: one page per code, each QR code the vote address
 * with the code in its fragment) and as CSV for paper, imports a Pabulib file into a second election, compares
 * the rules, opens; residents vote with the letters' QR addresses; two accounts key two paper ballots, one of
 * them differently; the organiser closes, scrubs, tallies, reviews and publishes; the published bundle passes
 * {@code budget verify}. Along the way: a form without its CSRF token is refused (403), another organiser cannot
 * reach the election, and axe-core reports no WCAG 2.1 A/AA violation on any page. Screenshots at 1280 and 360
 * pixels wide go to {@code target/screenshots/manage}.
 */
@MicronautTest(transactional = false)
class ManageBrowserTest extends BrowserWalk {

    static final Path SHOTS = Path.of("target/screenshots/manage");
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final String PASSWORD = "team-password-2026";

    ManageBrowserTest() {
        super(Path.of("target/manage-downloads"));
    }

    @Test
    void aTeamRunsAWholeElectionInTheBrowser() throws Exception {
        // The admin creates the team.
        signIn("admin", ADMIN_PASSWORD);
        open("/manage/accounts", "accounts");
        for (String user : List.of("wijkteam", "collega", "anderwijk")) {
            type("username", user);
            type("password", PASSWORD);
            new Select(b.driver.findElement(By.id("role"))).selectByValue("ORGANISER");
            submit("form[action='/manage/accounts'] button.primary");
            assertTrue(main().contains("Account " + user + " is aangemaakt."), main());
        }
        signOut();

        // The organiser sets up an election; the first try lacks everything and comes back with its errors.
        signIn("wijkteam", PASSWORD);
        check("home");
        // A click on a link returns before the browser leaves the page: wait for the form, or axe checks the old page.
        follow(b.driver.findElement(By.linkText("Nieuwe verkiezing")));
        check("setup-new");
        type("budget", "veel");
        submit("button.primary");
        WebElement summary = b.driver.findElement(By.id("error-summary"));
        assertTrue(summary.getText().contains("Vul naam van de verkiezing in, hoogstens 200 tekens."), summary.getText());
        assertTrue(summary.getText().contains("Budget: vul een bedrag in hele euro's in, zonder komma en centen. Bijvoorbeeld 1234."), summary.getText());
        assertEquals("veel", b.driver.findElement(By.id("budget")).getAttribute("value"), "the typed value comes back");
        check("setup-errors");
        type("name", "Buurtbudget Oost 2026");
        type("neighbourhood", "Oost");
        type("budget", "50.000");
        type("categories", "groen = 40000\njeugd");
        b.driver.findElement(By.cssSelector("label[for='rule-greedy']")).click();
        submit("button.primary");
        long election = idFromUrl();
        assertTrue(main().contains("Buurtbudget Oost 2026"), main());
        assertTrue(main().contains("Minstens één plan moet zijn toegelaten."), "the checklist names what is missing");
        check("election-draft");

        addProposal(election, "Bankjes in het park", "12000", "groen", "ELIGIBLE", "");
        // The other two in bulk: a preview first, with the broken line named; nothing is stored until it is right.
        open("/manage/elections/" + election + "/import-proposals", "bulk");
        type("csv", "title,cost,category,verdict,publicReason\nSpeeltuin,veel,jeugd,ELIGIBLE,\n"
                + "Fontein,80000,,INELIGIBLE,\"Kost meer dan het hele budget. " + "Onderhoudskosten".repeat(12) + "\"\n");
        submit("button[value=preview]");
        assertTrue(main().contains("Regel 2, kolom cost: Kosten: vul een bedrag in hele euro's in, zonder komma en centen. Bijvoorbeeld 1234."), main());
        assertTrue(b.driver.findElements(By.cssSelector("button[value=import]")).isEmpty(), "no import while a line is wrong");
        check("bulk-errors");
        type("csv", b.driver.findElement(By.id("csv")).getAttribute("value").replace("veel", "30000"));
        submit("button[value=preview]");
        check("bulk-preview");
        submit("button[value=import]");
        assertTrue(b.driver.getCurrentUrl().contains("/manage/elections/" + election), main());
        assertTrue(main().contains("Plannen (3)"), main());
        assertTrue(main().contains("Alles is ingevuld. U kunt het stemmen openen."), main());
        assertTrue(main().contains("Kost meer dan het hele budget."), main());

        // Letters for the district, a CSV for the paper forms.
        open("/manage/elections/" + election + "/codes", "codes");
        type("label", "Oost");
        type("count", "2");
        submitNoNavigation("form[action$='/codes'] button.primary");
        byte[] pdf = download(".pdf");
        List<Letters.Page> letters = Letters.read(pdf, null);
        assertEquals(2, letters.size(), "one page per code");
        List<String> letterCodes = new ArrayList<>();
        for (Letters.Page page : letters) {
            Matcher m = Pattern.compile(Pattern.quote(base + "/vote/" + election + "#") + "([0-9A-Z-]{21})").matcher(page.qr());
            assertTrue(m.matches(), "QR code " + page.qr());
            assertTrue(page.text().contains(m.group(1)), "the code is printed too");
            letterCodes.add(m.group(1));
        }
        assertFalse(letterCodes.get(0).equals(letterCodes.get(1)));
        b.driver.navigate().refresh();
        type("label", "Papier");
        type("count", "2");
        b.driver.findElement(By.cssSelector("label[for='output-csv']")).click();
        submitNoNavigation("form[action$='/codes'] button.primary");
        List<String> paperCodes = new String(download(".csv"), StandardCharsets.UTF_8).lines().skip(1)
                .map(line -> line.split(",")[0]).toList();
        assertEquals(2, paperCodes.size());
        open("/manage/elections/" + election + "/codes", "codes-issued");
        assertTrue(main().contains("0 van de 4 codes zijn gebruikt"), main());

        // A second election from last year's Pabulib file, and the "what if" comparison.
        open("/manage/import", "import");
        b.driver.findElement(By.id("file")).sendKeys(Path.of("src/main/resources/demo/Netherlands_Assen_2024.pb").toAbsolutePath().toString());
        submit("button.primary");
        long imported = idFromUrl();
        assertTrue(imported != election);
        assertTrue(b.driver.findElements(By.cssSelector("#proposals + table tbody tr")).size() > 5, main());
        check("election-imported");
        open("/manage/whatif", "whatif");
        submit("button[name='example']");
        assertEquals(6, b.driver.findElements(By.cssSelector("table.compare tbody tr")).size(), main());
        check("whatif-result");

        // Open voting.
        open("/manage/elections/" + election, "election-ready");
        submit("form[action$='/open'] button");
        assertTrue(main().contains("Stemmen is open"), main());
        check("election-open");

        // CSRF: the same form without its token is refused and nothing changes.
        ((JavascriptExecutor) b.driver).executeScript(
                "var f = document.querySelector(\"form[action$='/close']\"); f.querySelector('input[name=csrf]').remove(); f.submit();");
        waitFor(d -> main().contains("Dit formulier is verlopen"));
        check("csrf-refused");
        assertEquals(403, post("/manage/elections/" + election + "/close", "csrf=wrong").statusCode());
        assertEquals(403, post("/manage/elections/" + election + "/close", "").statusCode());
        open("/manage/elections/" + election, "election-open-after-csrf");
        assertTrue(main().contains("Stemmen is open"), "still open: " + main());
        signOut();

        // Residents vote with their letters.
        vote(letters.get(0).qr(), "p-0");
        vote(letters.get(1).qr(), "p-1");

        // The admin lets a colleague key paper ballots; the other team gets nothing.
        signIn("admin", ADMIN_PASSWORD);
        open("/manage/accounts", "accounts-list");
        WebElement row = b.driver.findElement(By.xpath("//tr[th[normalize-space()='collega']]"));
        new Select(row.findElement(By.cssSelector("select[name=election]"))).selectByValue(Long.toString(election));
        row.findElement(By.cssSelector("button[value=grant]")).click();
        waitFor(d -> main().contains("collega mag nu verkiezing " + election + " beheren."));
        open("/manage/audit?election=" + election, "audit");
        assertTrue(main().contains("ELECTION_OPEN"), main());
        signOut();

        // Another organiser cannot reach the election.
        signIn("anderwijk", PASSWORD);
        assertFalse(main().contains("Buurtbudget Oost 2026"), "not in their list");
        open("/manage/elections/" + election, "other-organiser");
        assertTrue(main().contains("U heeft geen toegang tot deze verkiezing."), main());
        open("/manage/elections/" + election + "/paper", "other-organiser-paper");
        assertTrue(main().contains("U heeft geen toegang tot deze verkiezing."), main());
        assertEquals(403, post("/manage/elections/" + election + "/close", "csrf=" + csrf()).statusCode());
        signOut();

        // Two keyings per paper form; the second form is keyed differently.
        signIn("wijkteam", PASSWORD);
        key(election, paperCodes.get(0), "1 2", "is opgeslagen");
        key(election, paperCodes.get(1), "1", "is opgeslagen");
        signOut();
        signIn("collega", PASSWORD);
        key(election, paperCodes.get(0), "1 2", "is geteld");
        key(election, paperCodes.get(1), "2", "Een collega heeft dit stembiljet anders ingevoerd.");
        check("paper-mismatch");
        signOut();

        // Close, scrub, tally, review, publish.
        signIn("wijkteam", PASSWORD);
        open("/manage/elections/" + election, "election-before-close");
        submit("form[action$='/close'] button");
        assertTrue(main().contains("Gesloten"), main());
        open("/manage/elections/" + election + "/tally", "tally-closed");
        submit("form[action$='/scrub'] button");
        assertTrue(main().contains("reservebewijzen gewist"), main());
        submit("form[action$='/count'] button");
        assertTrue(main().contains("De uitslag (nog niet openbaar)"), main());
        assertTrue(main().contains("Er zijn 3 stemmen geteld."), main());
        check("tally-review");
        type("councilDecision", "Raadsbesluit 2026-114");
        submit("form[action$='/publish'] button");
        assertTrue(main().contains("De uitslag is openbaar"), main());
        check("published");

        // The same pages in English, through the language switch.
        b.driver.findElement(By.cssSelector("a.lang")).click();
        waitFor(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        assertTrue(main().contains("The result is public"), main());
        check("published-en");
        open("/manage/elections/" + election, "election-en");
        assertTrue(main().contains("Published"), main());
        open("/manage/elections/" + election + "/codes", "codes-en");
        assertTrue(main().contains("3 of the 4 codes have been used"), main());

        // The published bundle passes `budget verify` with the published key.
        HttpResponse<byte[]> bundle = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/api/elections/" + election + "/audit-bundle")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, bundle.statusCode());
        Path zip = Path.of("target/manage-downloads/bundle-" + election + ".zip");
        Files.write(zip, bundle.body());
        String keys = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/signing-keys")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher fp = Pattern.compile("\"fingerprint\"\\s*:\\s*\"([0-9a-f]{64})\"").matcher(keys);
        assertTrue(fp.find(), keys);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BudgetCli.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("verify", zip.toString(), "--expect-key", fp.group(1));
        assertEquals(0, exit, out + "\n" + err);

        assertEquals(List.of(), axeFindings, "axe-core violations on " + pagesChecked);
    }

    private void addProposal(long election, String title, String cost, String category, String verdict, String reason) {
        open("/manage/elections/" + election + "/proposals/new", "proposal-new");
        type("title", title);
        type("cost", cost);
        if (!category.isEmpty()) {
            new Select(b.driver.findElement(By.id("category"))).selectByValue(category);
        }
        b.driver.findElement(By.cssSelector("label[for='verdict-" + verdict + "']")).click();
        if (!reason.isEmpty()) {
            type("publicReason", reason);
        }
        submit("form button.primary");
        assertTrue(b.driver.getCurrentUrl().contains("/manage/elections/" + election), b.driver.getCurrentUrl() + main());
    }

    /** A resident opens the letter's QR address, picks one proposal, reviews and casts. */
    private void vote(String url, String option) {
        b.driver.get(url);
        waitFor(d -> !d.findElement(By.id("code")).getAttribute("value").isEmpty());
        b.driver.findElement(By.cssSelector("label[for='" + option + "']")).click();
        b.driver.findElement(By.cssSelector("form#form button.primary")).click();
        waitFor(d -> !d.findElements(By.cssSelector("form[action$='/cast']")).isEmpty());
        b.driver.findElement(By.cssSelector("form#form button.primary")).click();
        waitFor(d -> !d.findElements(By.id("ballot-hash")).isEmpty());
    }

    /** Keys one paper form with the keyboard alone: the code, Tab, the numbers, Enter. */
    private void key(long election, String code, String projects, String expected) {
        open("/manage/elections/" + election + "/paper", "paper");
        WebElement focused = b.driver.switchTo().activeElement();
        assertEquals("ballotCode", focused.getAttribute("id"), "the code field has the focus");
        focused.sendKeys(code, Keys.TAB);
        b.driver.switchTo().activeElement().sendKeys(projects, Keys.ENTER);
        waitFor(d -> d.findElement(By.id("result")).getText().contains(expected));
        assertEquals("ballotCode", b.driver.switchTo().activeElement().getAttribute("id"), "ready for the next form");
    }

    private void signIn(String user, String password) {
        b.driver.manage().deleteAllCookies();
        open("/manage/login", "login");
        // With the keyboard alone: the name, Tab, the password, Enter.
        WebElement name = b.driver.findElement(By.id("username"));
        name.sendKeys(user, Keys.TAB);
        b.driver.switchTo().activeElement().sendKeys(password, Keys.ENTER);
        waitFor(d -> d.getCurrentUrl().endsWith("/manage"));
    }

    private void signOut() {
        submit("form.signout button");
        waitFor(d -> d.getCurrentUrl().contains("/manage/login"));
    }

    private void open(String path, String name) {
        b.driver.get(base + path);
        check(name);
    }

    /**
     * axe-core on the page as it is now, and its reflow on a phone 320 pixels wide (a public reason of one long word
     * is on the election's pages); screenshots at 1280 and 360 pixels wide.
     */
    private void check(String name) {
        String violations = b.axe();
        pagesChecked.add(name);
        if (!"[]".equals(violations)) {
            axeFindings.add(name + " " + b.driver.getCurrentUrl() + ": " + violations);
        }
        b.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 320, "height", 640, "deviceScaleFactor", 1, "mobile", true));
        Object sideways = b.driver.executeScript("var e = document.documentElement; return e.scrollWidth - e.clientWidth;");
        b.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        if (((Number) sideways).longValue() != 0) {
            axeFindings.add(name + " " + b.driver.getCurrentUrl() + " scrolls sideways at 320 px by " + sideways + " px");
        }
        b.screenshot(SHOTS, name, 1280);
        b.screenshot(SHOTS, name, 360);
    }

    private void type(String id, String text) {
        WebElement field = b.driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private void submit(String css) {
        follow(b.driver.findElement(By.cssSelector(css)));
    }

    /** Clicks a button or link that loads a new page, and waits until the new page has replaced this one. */
    private void follow(WebElement element) {
        element.click();
        waitFor(d -> Chromium.replaced(element, d));
    }

    private void submitNoNavigation(String css) {
        b.driver.findElement(By.cssSelector(css)).click();
    }

    private byte[] download(String suffix) throws Exception {
        Path file = ManageBrowser.finishedDownload(b.downloads, suffix);
        if (file == null) {
            fail("no " + suffix + " download in " + b.downloads + "; page: " + main());
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.move(file, file.resolveSibling(file.getFileName() + ".read"));
        return bytes;
    }

    private String main() {
        return b.driver.findElement(By.tagName("main")).getText();
    }

    private long idFromUrl() {
        Matcher m = Pattern.compile("/manage/elections/(\\d+)").matcher(b.driver.getCurrentUrl());
        assertTrue(m.find(), b.driver.getCurrentUrl() + "\n" + main());
        return Long.parseLong(m.group(1));
    }

    private String csrf() {
        return b.driver.findElement(By.cssSelector("input[name=csrf]")).getAttribute("value");
    }

    /** A form POST with this browser's session cookie, as a forged or stale form would arrive. */
    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        String cookie = b.driver.manage().getCookieNamed(StaffSessions.COOKIE).getValue();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", StaffSessions.COOKIE + "=" + cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        WebDriverWait wait = new WebDriverWait(b.driver, Duration.ofSeconds(60));
        // While the next page loads, the old one's nodes vanish under the driver's hands: ask again.
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        try {
            wait.until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            b.screenshot(SHOTS, "failure", 1280);
            fail("timed out on " + b.driver.getCurrentUrl() + ":\n" + main());
        }
    }
}
