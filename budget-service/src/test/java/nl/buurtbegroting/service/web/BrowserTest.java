package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import nl.buurtbegroting.service.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Residents in a real browser (Debian's headless Chromium), in Dutch and in English, with JavaScript on and
 * off: open the letter's link, vote in each ballot format, mistype a code, send an invalid ballot, reuse a
 * code, lose the answer and retry, read the receipt; after publication check the ballot and read the result.
 * axe-core runs on every page and state and must report no WCAG 2.1 A/AA violation. A keyboard-only walk casts
 * a ballot in each format. Screenshots of each page go to {@code target/screenshots}.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
// The walk checks a ballot by its typed hash, which needs published ballots; with the default of 10 voters these few
// ballots would be withheld (issue 11), a case ResultAndCheckPagesTest pins.
@Property(name = "bb.publication.minimum-voters-for-ballots", value = "1")
class BrowserTest extends ApiTestBase {

    static final Path SHOTS = Path.of("target/screenshots");

    @Inject
    EmbeddedServer server;

    String organiser;
    String base;
    final Map<String, Long> elections = new HashMap<>();
    final Map<String, List<String>> codes = new HashMap<>();
    final List<String> approvalHashes = new ArrayList<>();
    Browser withJs;
    Browser withoutJs;
    final List<String> axeFindings = new ArrayList<>();

    @BeforeAll
    void setUp() {
        Browser.requireTools();
        organiser = api.account(admin, "browser", "ORGANISER", List.of());
        base = server.getURL().toString();
        elections.put("APPROVAL", Elections.open(api, organiser, "Buurtbudget Oost", Map.of("format", "APPROVAL", "minProjects", 1, "maxProjects", 2), "mes-add1"));
        elections.put("CHOOSE_ONE", Elections.open(api, organiser, "Buurtbudget West", Map.of("format", "CHOOSE_ONE"), "greedy"));
        elections.put("CUMULATIVE", Elections.open(api, organiser, "Buurtbudget Noord", Map.of("format", "CUMULATIVE", "maxPoints", 10), "greedy"));
        elections.put("KNAPSACK", Elections.open(api, organiser, "Buurtbudget Zuid", Map.of("format", "KNAPSACK", "maxCost", 50000), "knapsack"));
        elections.forEach((format, id) -> codes.put(format, new ArrayList<>(Elections.codes(api, organiser, id, 24, "Wijk " + format.charAt(0)))));
        withJs = Browser.start(true);
        withoutJs = Browser.start(false);
    }

    @AfterAll
    void tearDown() {
        if (withJs != null) {
            withJs.close();
        }
        if (withoutJs != null) {
            withoutJs.close();
        }
    }

    private String nextCode(String format) {
        return codes.get(format).remove(0);
    }

    private void language(Browser b, String lang) {
        b.driver.get(base + "/language?to=" + lang + "&back=/");
        assertEquals(lang, b.driver.findElement(By.tagName("html")).getAttribute("lang"));
    }

    /** axe-core on the current page; a finding is collected with the page's name and reported at the end of the test. */
    private void axe(Browser b, String state) {
        String violations = b.axe();
        if (!"[]".equals(violations)) {
            axeFindings.add(state + " (JavaScript " + (b.javascript ? "on" : "off") + "): " + violations);
        }
    }

    private void assertNoAxeFindings() {
        assertEquals(List.of(), axeFindings);
    }

    private static WebDriverWait waitFor(WebDriver d) {
        // Long enough for a loaded 2-core machine (the in-browser check fetches a bundle that the server has node verify
        // first); a wait only lasts this long when the page never gets there, which fails the test anyway.
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(60));
        // While a page is replaced an element found on the old one goes stale, or Chrome answers "node does not
        // belong to the document" (a plain WebDriverException): both mean "ask again". A condition that never holds
        // still ends in a timeout that carries the last of these as its cause.
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }

    /** Opens the link printed on the letter; with JavaScript the code lands in the field and leaves the address. */
    private void openLetter(Browser b, long election, String code) {
        b.driver.get(base + "/vote/" + election + "#" + code);
        // From the receipt at the same address only the fragment changes: the page's script loads the form anew.
        waitFor(b.driver).until(d -> !d.findElements(By.id("code")).isEmpty()
                && "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
        WebElement field = b.driver.findElement(By.id("code"));
        if (b.javascript) {
            waitFor(b.driver).until(d -> !d.getCurrentUrl().contains("#"));
            assertEquals(code, field.getAttribute("value"), "the code from the link fills the field");
            assertFalse(b.driver.getCurrentUrl().contains(code), "the code is gone from the address bar");
        } else {
            assertEquals("", field.getAttribute("value"), "without JavaScript the fragment stays unread");
            field.sendKeys(code.toLowerCase());
        }
    }

    private void choose(Browser b, String format, boolean valid) {
        WebDriver d = b.driver;
        switch (format) {
            case "APPROVAL" -> {
                d.findElement(By.cssSelector("label[for=p-0]")).click();
                d.findElement(By.cssSelector("label[for=p-1]")).click();
                if (!valid) {
                    d.findElement(By.cssSelector("label[for=p-2]")).click();
                }
            }
            case "CHOOSE_ONE" -> d.findElement(By.cssSelector("label[for=p-1]")).click();
            case "CUMULATIVE" -> {
                d.findElement(By.id("pt-0")).sendKeys(valid ? "6" : "11");
                d.findElement(By.id("pt-2")).sendKeys("4");
            }
            case "KNAPSACK" -> {
                d.findElement(By.cssSelector("label[for=p-0]")).click();
                d.findElement(By.cssSelector(valid ? "label[for=p-1]" : "label[for=p-2]")).click();
            }
            default -> fail(format);
        }
    }

    private void submitAndWait(Browser b, String buttonId, String expectedElementId) {
        clickAndAwaitPage(b, buttonId);
        try {
            waitFor(b.driver).until(d -> !d.findElements(By.id(expectedElementId)).isEmpty()
                    && "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
        } catch (org.openqa.selenium.TimeoutException e) {
            b.screenshot(SHOTS, "failure-" + buttonId + "-" + expectedElementId, 1280, 800);
            fail("after #" + buttonId + " no #" + expectedElementId + " on " + b.driver.getCurrentUrl() + ":\n"
                    + b.driver.findElement(By.tagName("main")).getText());
        }
    }

    /** Clicks a submit button; without JavaScript also waits until the browser has left the page it was on. */
    private void clickAndAwaitPage(Browser b, String buttonId) {
        WebElement before = b.driver.findElement(By.tagName("html"));
        b.driver.findElement(By.id(buttonId)).click();
        if (!b.javascript) {
            // Without JavaScript every submit loads a new page: wait until the old one is gone, or an element of the
            // same id on the old page (a hidden code error, an earlier error summary) is taken for the answer.
            // The vote forms are novalidate, so the browser always sends them; the deadline is only for a server that
            // never answers. (At 10 s a slow answer on a loaded machine let the caller read the old page after all.)
            try {
                new WebDriverWait(b.driver, Duration.ofSeconds(60)).until(d -> Chromium.replaced(before, d));
            } catch (org.openqa.selenium.TimeoutException stayed) {
                // The browser kept the page (its own form check): the caller's wait decides.
            }
        }
    }

    private void walk(Browser b, String lang) {
        language(b, lang);
        String tag = lang + "-js-" + (b.javascript ? "on" : "off");
        b.driver.get(base + "/");
        axe(b, tag + " start page");
        b.driver.get(base + "/elections/" + elections.get("APPROVAL"));
        axe(b, tag + " election page");
        if (lang.equals("nl") && b.javascript) {
            b.screenshot(SHOTS, "election", 360, 640);
            b.screenshot(SHOTS, "election", 1280, 800);
        }
        for (String format : List.of("APPROVAL", "CHOOSE_ONE", "CUMULATIVE", "KNAPSACK")) {
            long id = elections.get(format);
            String code = nextCode(format);
            openLetter(b, id, code);
            axe(b, tag + " " + format + " form with code");

            // A mistyped code: in the page with JavaScript, from the server without.
            WebElement field = b.driver.findElement(By.id("code"));
            field.clear();
            field.sendKeys(Elections.typo(code));
            choose(b, format, false);
            // Without JavaScript the old page holds a hidden #code-error too: wait for the server's answer first.
            clickAndAwaitPage(b, "next");
            waitFor(b.driver).until(d -> d.findElement(By.id("code-error")).isDisplayed());
            String typo = b.driver.findElement(By.id("code-error")).getText();
            assertTrue(typo.contains(lang.equals("nl") ? "tikfout" : "typing mistake"), typo);
            axe(b, tag + " " + format + " code with a typo");
            if (lang.equals("nl") && !b.javascript && format.equals("APPROVAL")) {
                b.screenshot(SHOTS, "vote-error", 360, 640);
                b.screenshot(SHOTS, "vote-error", 1280, 800);
            }

            // The right code, an invalid ballot (except choose-one, where a radio button cannot choose two).
            field = b.driver.findElement(By.id("code"));
            field.clear();
            field.sendKeys(code);
            if (!format.equals("CHOOSE_ONE")) {
                // Without JavaScript the server's page kept the invalid choice: it is sent as it is.
                submitAndWait(b, "next", "error-summary");
                assertTrue(b.driver.findElement(By.id("error-summary")).isDisplayed());
                axe(b, tag + " " + format + " invalid ballot");
                b.driver.get(base + "/vote/" + id);
                b.driver.findElement(By.id("code")).sendKeys(code);
                choose(b, format, true);
            }
            submitAndWait(b, "next", "cast");
            axe(b, tag + " " + format + " review");
            if (lang.equals("nl") && b.javascript && format.equals("KNAPSACK")) {
                b.screenshot(SHOTS, "review", 360, 640);
                b.screenshot(SHOTS, "review", 1280, 800);
            }
            submitAndWait(b, "cast", "ballot-hash");
            String hash = b.driver.findElement(By.id("ballot-hash")).getText();
            assertTrue(hash.matches("[0-9a-f]{64}"), hash);
            axe(b, tag + " " + format + " receipt");
            if (format.equals("APPROVAL")) {
                approvalHashes.add(hash);
            }
            if (lang.equals("nl") && b.javascript && format.equals("APPROVAL")) {
                b.screenshot(SHOTS, "receipt", 360, 640);
                b.screenshot(SHOTS, "receipt", 1280, 800);
            }

            if (format.equals("APPROVAL")) {
                // The same code again: refused next to the code field at the review, before any cast (with JavaScript
                // already when the letter's link is opened: VoteStepsBrowserTest).
                openLetter(b, id, code);
                choose(b, format, true);
                submitAndWait(b, "next", "error-summary");
                String used = b.driver.findElement(By.id("code-error")).getText();
                assertTrue(used.contains(lang.equals("nl") ? "al gestemd" : "already been used"), used);
                axe(b, tag + " " + format + " code already used");
            }
        }
    }

    @Test
    @Order(1)
    void residentsVoteInEveryFormatInDutchAndEnglishWithJavaScript() {
        walk(withJs, "nl");
        walk(withJs, "en");
        assertNoAxeFindings();
    }

    @Test
    @Order(2)
    void residentsVoteInEveryFormatInDutchAndEnglishWithoutJavaScript() {
        walk(withoutJs, "nl");
        walk(withoutJs, "en");
        assertNoAxeFindings();
    }

    @Test
    @Order(3)
    void theLiveBarsFollowTheChoice() {
        Browser b = withJs;
        language(b, "nl");
        b.driver.get(base + "/vote/" + elections.get("KNAPSACK"));
        b.driver.findElement(By.cssSelector("label[for=p-0]")).click();
        assertEquals("€ 30.000 van € 50.000 gekozen", b.driver.findElement(By.id("cost-text")).getText());
        b.driver.findElement(By.cssSelector("label[for=p-1]")).click();
        assertEquals("€ 50.000 van € 50.000 gekozen", b.driver.findElement(By.id("cost-text")).getText());
        b.screenshot(SHOTS, "vote-knapsack", 360, 640, "projects");
        b.screenshot(SHOTS, "vote-knapsack", 1280, 800, "code");
        b.driver.get(base + "/vote/" + elections.get("CUMULATIVE"));
        b.driver.findElement(By.id("pt-1")).sendKeys("3");
        assertEquals("Nog 7 van 10 punten over", b.driver.findElement(By.id("points-text")).getText());
    }

    @Test
    @Order(4)
    void aLostAnswerIsSentAgainWithTheSameSubmissionIdAndGivesTheSameReceipt() {
        Browser b = withJs;
        language(b, "nl");
        long id = elections.get("APPROVAL");
        openLetter(b, id, nextCode("APPROVAL"));
        choose(b, "APPROVAL", true);
        submitAndWait(b, "next", "cast");
        // The first answer is lost on the way back: the ballot is stored, the page never hears of it.
        b.driver.executeScript("var real = window.fetch, n = 0; window.fetch = function () {"
                + " var answer = real.apply(this, arguments); n++;"
                + " return n === 1 ? answer.then(function () { throw new TypeError('connection lost'); }) : answer; };");
        b.driver.findElement(By.id("cast")).click();
        waitFor(b.driver).until(d -> !d.findElements(By.id("ballot-hash")).isEmpty());
        String text = b.driver.findElement(By.tagName("main")).getText();
        assertTrue(b.driver.getCurrentUrl().endsWith("/vote/" + id), "the page sent the ballot itself: " + b.driver.getCurrentUrl());
        assertTrue(text.contains("Uw stem was al aangekomen. Dit is hetzelfde bewijs."), text);
        axe(b, "nl retried receipt");
        assertNoAxeFindings();
    }

    /** Presses Tab until the element with this id has the focus, and checks that the focus is visible. */
    private static void tabTo(WebDriver d, String id) {
        for (int i = 0; i < 120; i++) {
            new Actions(d).sendKeys(Keys.TAB).perform();
            WebElement active = d.switchTo().activeElement();
            if (id.equals(active.getAttribute("id"))) {
                String outline = active.getCssValue("outline-style");
                String shadow = active.getCssValue("box-shadow");
                assertTrue(!"none".equals(outline) || !"none".equals(shadow), "focus is visible on " + id);
                return;
            }
        }
        fail("Tab never reached #" + id);
    }

    private static void keys(WebDriver d, CharSequence... keys) {
        new Actions(d).sendKeys(keys).perform();
    }

    @Test
    @Order(5)
    void aBallotIsCastWithTheKeyboardAloneInEveryFormat() {
        for (Browser b : List.of(withJs, withoutJs)) {
            WebDriver d = b.driver;
            language(b, "nl");
            for (String format : List.of("APPROVAL", "CHOOSE_ONE", "CUMULATIVE", "KNAPSACK")) {
                d.get(base + "/vote/" + elections.get(format));
                tabTo(d, "code");
                keys(d, nextCode(format));
                switch (format) {
                    case "APPROVAL", "KNAPSACK" -> {
                        tabTo(d, "p-0");
                        keys(d, Keys.SPACE);
                        tabTo(d, "p-1");
                        keys(d, Keys.SPACE);
                    }
                    case "CHOOSE_ONE" -> {
                        tabTo(d, "p-0");
                        keys(d, Keys.ARROW_DOWN);
                    }
                    default -> {
                        tabTo(d, "pt-0");
                        keys(d, "5");
                        tabTo(d, "pt-1");
                        keys(d, "5");
                    }
                }
                tabTo(d, "next");
                keys(d, Keys.ENTER);
                waitFor(d).until(x -> !x.findElements(By.id("cast")).isEmpty());
                tabTo(d, "cast");
                keys(d, Keys.ENTER);
                waitFor(d).until(x -> !x.findElements(By.id("ballot-hash")).isEmpty());
                assertTrue(d.findElement(By.id("ballot-hash")).getText().matches("[0-9a-f]{64}"), format);
            }
        }
    }

    @Test
    @Order(6)
    void everyPageReflowsAt320PixelsWithoutScrollingSideways() {
        Browser b = withJs;
        language(b, "nl");
        List<String> paths = new ArrayList<>(List.of("/", "/elections/" + elections.get("APPROVAL"),
                "/elections/" + elections.get("APPROVAL") + "/check"));
        elections.values().forEach(id -> paths.add("/vote/" + id));
        // 320 CSS pixels: a small phone, and a 1280-pixel window at 400 % zoom (WCAG 1.4.10).
        b.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 320, "height", 640, "deviceScaleFactor", 1, "mobile", true));
        try {
            for (String path : paths) {
                b.driver.get(base + path);
                Object overflow = b.driver.executeScript("var e = document.documentElement; return e.scrollWidth - e.clientWidth;");
                assertEquals(0L, ((Number) overflow).longValue(), path + " scrolls sideways at 320 px");
            }
        } finally {
            b.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    @Order(7)
    void afterPublicationResidentsCheckTheirBallotAndReadTheResult() {
        long id = elections.get("APPROVAL");
        Browser.requireTools();
        withJs.driver.get(base + "/elections/" + id + "/check");
        axe(withJs, "nl check before publication");
        api.post("/api/elections/" + id + "/close", null, organiser).ok(200);
        api.post("/api/elections/" + id + "/tally", null, organiser).ok(200);
        api.post("/api/elections/" + id + "/publish", Map.of("councilDecision", "Raadsbesluit 2026-201"), organiser).ok(200);
        for (Browser b : List.of(withJs, withoutJs)) {
            for (String lang : List.of("nl", "en")) {
                language(b, lang);
                String tag = lang + " ";
                b.driver.get(base + "/elections/" + id + "/result");
                String result = b.driver.findElement(By.tagName("main")).getText();
                if (b.javascript && lang.equals("nl")) {
                    b.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                            Map.of("width", 320, "height", 640, "deviceScaleFactor", 1, "mobile", true));
                    Object overflow = b.driver.executeScript("var e = document.documentElement; return e.scrollWidth - e.clientWidth;");
                    b.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
                    assertEquals(0L, ((Number) overflow).longValue(), "the result scrolls sideways at 320 px");
                }
                assertTrue(result.contains(lang.equals("nl") ? "Plannen die geld krijgen" : "Plans that get money"), result);
                axe(b, tag + "result");
                if (lang.equals("nl") && b.javascript) {
                    b.screenshot(SHOTS, "result", 360, 640);
                    b.screenshot(SHOTS, "result", 1280, 800);
                }
                if (b.javascript) {
                    // One button: the resident's own browser checks the signed bundle and counts again
                    // with the JavaScript verifier (verifier/), against the fingerprint the page shows.
                    b.driver.findElement(By.id("verify-in-browser")).click();
                    String verified = lang.equals("nl") ? "Alles klopt: de uitslag is gecontroleerd op uw eigen apparaat."
                            : "Everything is right: the result was checked on your own device.";
                    // The verdict is written once, when the check has ended either way: wait for it, then compare,
                    // so that a verifier that says "wrong" fails the test at once, with its words.
                    waitFor(b.driver).until(d -> !d.findElement(By.id("verdict")).getText().isEmpty());
                    assertEquals(verified, b.driver.findElement(By.id("verdict")).getText(),
                            () -> b.driver.findElement(By.tagName("main")).getText());
                    String checks = b.driver.findElement(By.id("checks")).getText();
                    assertEquals(12, b.driver.findElements(By.cssSelector("#checks > li")).size(), checks);
                    axe(b, tag + "result checked in the browser");
                    if (lang.equals("nl")) {
                        b.screenshot(SHOTS, "verify-in-browser", 360, 640);
                        b.screenshot(SHOTS, "verify-in-browser", 1280, 800);
                    }
                }
                b.driver.get(base + "/elections/" + id + "/check");
                axe(b, tag + "check, empty");
                b.driver.findElement(By.id("hash")).sendKeys(approvalHashes.get(0));
                b.driver.findElement(By.id("check")).click();
                if (b.javascript) {
                    String expected = lang.equals("nl") ? "Uw browser heeft het bewijs zelf nagerekend" : "Your browser checked the proof itself";
                    waitFor(b.driver).until(d -> d.findElement(By.id("check-local")).getText().contains(expected));
                    if (lang.equals("nl")) {
                        b.screenshot(SHOTS, "check", 360, 640);
                        b.screenshot(SHOTS, "check", 1280, 800);
                    }
                } else {
                    waitFor(b.driver).until(d -> !d.findElements(By.id("check-outcome")).isEmpty());
                    String outcome = b.driver.findElement(By.id("check-outcome")).getText();
                    assertTrue(outcome.contains(lang.equals("nl") ? "Uw stem is meegeteld" : "Your vote was counted"), outcome);
                }
                axe(b, tag + "check, included");
                b.driver.get(base + "/elections/" + id + "/check");
                b.driver.findElement(By.id("hash")).sendKeys("ab".repeat(32));
                b.driver.findElement(By.id("check")).click();
                if (b.javascript) {
                    String expected = lang.equals("nl") ? "vond deze stem niet" : "did not find this vote";
                    waitFor(b.driver).until(d -> d.findElement(By.id("check-local")).getText().contains(expected));
                } else {
                    waitFor(b.driver).until(d -> !d.findElements(By.id("check-outcome")).isEmpty());
                }
                axe(b, tag + "check, not found");
            }
        }
        withJs.driver.get(base + "/");
        withJs.screenshot(SHOTS, "home", 360, 640);
        withJs.screenshot(SHOTS, "home", 1280, 800);
        withJs.driver.get(base + "/vote/" + elections.get("CUMULATIVE") + "#" + nextCode("CUMULATIVE"));
        withJs.driver.findElement(By.id("pt-0")).sendKeys("4");
        withJs.screenshot(SHOTS, "vote-cumulative", 360, 640, "projects");
        withJs.screenshot(SHOTS, "vote-cumulative", 1280, 800, "code");
        assertNoAxeFindings();
    }
}
