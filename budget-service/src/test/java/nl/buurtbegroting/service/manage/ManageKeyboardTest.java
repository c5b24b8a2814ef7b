package nl.buurtbegroting.service.manage;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A whole election with the keyboard alone, in Debian's headless Chromium: sign in, create the election, add two
 * proposals and change their order, issue codes, open, close, scrub, tally and publish. Only Tab, Shift+Tab,
 * arrow keys, Enter, Space and typed text reach the pages (no clicks, no scripts that act on the page); after
 * the first address every page is reached through a link or a form. Every element that takes the focus on the
 * way must show it (a computed outline or box-shadow), and axe-core reports no WCAG 2.1 A/AA violation on any
 * page reached.
 */
@MicronautTest(transactional = false)
class ManageKeyboardTest extends BrowserWalk {

    /** A page has far fewer stops than this; more means the target is not reachable by Tab. */
    static final int MAX_TABS = 150;

    /** Whether the focused element matches the selector, and whether its focus can be seen. */
    static final String FOCUS = "var e = document.activeElement; var s = getComputedStyle(e);"
            // Between the last stop and the first the focus is on no element (the body): nothing to show there.
            + "var none = e === document.body || e === document.documentElement;"
            + "var outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;"
            + "var shadow = s.boxShadow && s.boxShadow !== 'none';"
            + "var name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '')"
            + " + (e.getAttribute('href') ? '[href=' + e.getAttribute('href') + ']' : '')"
            + " + ' (outline ' + s.outlineStyle + ' ' + s.outlineWidth + ', box-shadow ' + s.boxShadow + ')';"
            + "return [e.matches(arguments[0]), none || outline || shadow, name];";

    final List<String> focusNotVisible = new ArrayList<>();
    int focusStops;

    ManageKeyboardTest() {
        super(Path.of("target/manage-keyboard-downloads"));
    }

    @Test
    void aWholeElectionWithTheKeyboardAlone() throws Exception {
        b.driver.get(base + "/manage/login");
        check("login");
        tabTo("#username");
        type("admin");
        tabTo("#password");
        type(ManageBrowserTest.ADMIN_PASSWORD);
        pressForNewPage(Keys.ENTER);
        assertTrue(b.driver.getCurrentUrl().endsWith("/manage"), b.driver.getCurrentUrl() + "\n" + main());
        check("home");

        tabTo("a[href='/manage/elections/new']");
        pressForNewPage(Keys.ENTER);
        check("setup");
        tabTo("#name");
        type("Toetsenbord Oost");
        tabTo("#neighbourhood");
        type("Oost");
        tabTo("#budget");
        type("50000");
        tabTo("input[name=rule]");
        arrowTo("#rule-greedy");
        tabTo("main form button.primary");
        pressForNewPage(Keys.ENTER);
        Matcher id = Pattern.compile("/manage/elections/(\\d+)").matcher(b.driver.getCurrentUrl());
        assertTrue(id.find(), b.driver.getCurrentUrl() + "\n" + main());
        long election = Long.parseLong(id.group(1));
        assertTrue(main().contains("Toetsenbord Oost"), main());
        check("election-draft");

        addProposal("Bankjes", "12000");
        addProposal("Speeltuin", "30000");
        assertEquals(List.of("Bankjes", "Speeltuin"), proposalTitles());
        // Move the second one up, with Space on its Move up button.
        tabTo("button[value=up]");
        assertEquals("Omhoog Speeltuin", b.driver.switchTo().activeElement().getAccessibleName());
        pressForNewPage(Keys.SPACE);
        assertEquals(List.of("Speeltuin", "Bankjes"), proposalTitles());
        check("election-reordered");

        tabTo("a[href='/manage/elections/" + election + "/codes']");
        pressForNewPage(Keys.ENTER);
        check("codes");
        tabTo("#label");
        type("Oost");
        tabTo("#count");
        type("3");
        tabTo("input[name=output]");
        arrowTo("#output-csv");
        tabTo("form[action$='/codes'] button.primary");
        new Actions(b.driver).sendKeys(Keys.ENTER).perform();
        List<String> codes = new String(download(".csv"), java.nio.charset.StandardCharsets.UTF_8).lines().skip(1).toList();
        assertEquals(3, codes.size(), "three codes in the CSV");
        // Back up the page with Shift+Tab to the way back to the election.
        tabBackTo("p.crumbs a");
        pressForNewPage(Keys.ENTER);
        check("election-ready");
        assertTrue(main().contains("Alles is ingevuld. U kunt het stemmen openen."), main());

        tabTo("form[action$='/open'] button");
        pressForNewPage(Keys.ENTER);
        assertTrue(main().contains("Stemmen is open"), main());
        check("election-open");

        tabTo("form[action$='/close'] button");
        pressForNewPage(Keys.ENTER);
        assertTrue(main().contains("Gesloten"), main());
        check("election-closed");

        tabTo("a[href$='/tally']");
        pressForNewPage(Keys.ENTER);
        check("tally-closed");
        tabTo("form[action$='/scrub'] button");
        pressForNewPage(Keys.ENTER);
        assertTrue(main().contains("reservebewijzen gewist"), main());
        check("tally-scrubbed");
        tabTo("form[action$='/count'] button");
        pressForNewPage(Keys.ENTER);
        assertTrue(main().contains("De uitslag (nog niet openbaar)"), main());
        check("tally-review");
        tabTo("form[action$='/publish'] button");
        tabBackTo("#councilDecision");
        type("Raadsbesluit 2026-115");
        pressForNewPage(Keys.ENTER);
        assertTrue(main().contains("De uitslag is openbaar"), main());
        check("published");

        assertTrue(focusStops > 30, "the walk went through " + focusStops + " focus stops");
        assertEquals(List.of(), focusNotVisible, "elements whose focus cannot be seen");
        assertEquals(List.of(), axeFindings, "axe-core violations on " + pagesChecked);
    }

    /** From the election page: the Add link, the form with Tab, a verdict with the arrow keys, Space on Save. */
    private void addProposal(String title, String cost) {
        tabTo("a[href$='/proposals/new']");
        pressForNewPage(Keys.ENTER);
        check("proposal-new");
        tabTo("#title");
        type(title);
        tabTo("#cost");
        type(cost);
        tabTo("input[name=verdict]");
        arrowTo("#verdict-ELIGIBLE");
        tabTo("main form button.primary");
        pressForNewPage(Keys.SPACE);
        assertTrue(main().contains(title), main());
    }

    private List<String> proposalTitles() {
        return b.driver.findElements(By.cssSelector("#proposals + table tbody th[scope=row]")).stream()
                .map(e -> e.getText().lines().findFirst().orElse("")).toList();
    }

    /** Tab until the focused element matches; every stop on the way must show its focus. */
    private void tabTo(String css) {
        move(css, Keys.TAB);
    }

    private void tabBackTo(String css) {
        move(css, Keys.chord(Keys.SHIFT, Keys.TAB));
    }

    /** Arrow keys within a radio group until the matching radio has the focus (and so is chosen). */
    private void arrowTo(String css) {
        if (!focusMatches(css)) {
            for (CharSequence key : List.of(Keys.ARROW_DOWN, Keys.ARROW_UP)) {
                for (int i = 0; i < 12 && !focusMatches(css); i++) {
                    new Actions(b.driver).sendKeys(key).perform();
                }
            }
        }
        assertTrue(focusMatches(css), "arrow keys do not reach " + css);
        assertTrue(b.driver.switchTo().activeElement().isSelected(), css + " is chosen");
    }

    private void move(String css, CharSequence key) {
        for (int i = 0; i < MAX_TABS; i++) {
            new Actions(b.driver).sendKeys(key).perform();
            if (focusMatches(css)) {
                return;
            }
        }
        fail("the keyboard does not reach " + css + " on " + b.driver.getCurrentUrl());
    }

    private boolean focusMatches(String css) {
        List<?> r = (List<?>) ((JavascriptExecutor) b.driver).executeScript(FOCUS, css);
        focusStops++;
        if (!Boolean.TRUE.equals(r.get(1))) {
            String where = r.get(2) + " on " + b.driver.getCurrentUrl().replace(base, "");
            if (!focusNotVisible.contains(where)) {
                focusNotVisible.add(where);
            }
        }
        return Boolean.TRUE.equals(r.get(0));
    }

    /** Types into the focused field, replacing what is in it. */
    private void type(String text) {
        new Actions(b.driver).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys(Keys.DELETE).sendKeys(text).perform();
    }

    private void pressForNewPage(CharSequence key) {
        WebElement html = b.driver.findElement(By.tagName("html"));
        new Actions(b.driver).sendKeys(key).perform();
        WebDriverWait wait = new WebDriverWait(b.driver, Duration.ofSeconds(60));
        wait.ignoring(WebDriverException.class);
        try {
            wait.until(d -> Chromium.replaced(html, d));
        } catch (org.openqa.selenium.TimeoutException e) {
            fail("no new page after " + key + " on " + b.driver.getCurrentUrl() + ":\n" + main());
        }
    }

    private void check(String name) {
        String violations = b.axe();
        pagesChecked.add(name);
        if (!"[]".equals(violations)) {
            axeFindings.add(name + " " + b.driver.getCurrentUrl() + ": " + violations);
        }
    }

    private byte[] download(String suffix) throws Exception {
        Path file = ManageBrowser.finishedDownload(b.downloads, suffix);
        if (file == null) {
            fail("no " + suffix + " download in " + b.downloads + "; page: " + main());
        }
        return Files.readAllBytes(file);
    }

    private String main() {
        return b.driver.findElement(By.tagName("main")).getText();
    }
}
