package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import nl.buurtbegroting.service.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A resident's steps in a real browser, with JavaScript on and off: the language switch on the ballot, the
 * review and the receipt keeps the choice; a used code is refused at the review beside its field; a vote closed
 * while the resident looks at the review answers the cast with the page that says voting has ended. axe-core
 * runs on every state.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
class VoteStepsBrowserTest extends ApiTestBase {

    @Inject
    EmbeddedServer server;

    String organiser;
    String base;
    Browser withJs;
    Browser withoutJs;

    @BeforeAll
    void setUp() {
        Browser.requireTools();
        organiser = api.account(admin, "stappen", "ORGANISER", List.of());
        base = server.getURL().toString();
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

    private static WebDriverWait waitFor(WebDriver d) {
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(15));
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }

    /** Clicks and waits until a new page has loaded (every step here loads one, also with JavaScript). */
    private static void clickForNewPage(Browser b, By button) {
        WebElement before = b.driver.findElement(By.tagName("html"));
        b.driver.findElement(button).click();
        waitFor(b.driver).until(d -> Chromium.replaced(before, d));
    }

    private static String lang(Browser b) {
        return b.driver.findElement(By.tagName("html")).getAttribute("lang");
    }

    private static boolean checked(Browser b, String id) {
        return b.driver.findElement(By.id(id)).isSelected();
    }

    private static void axe(Browser b, String state, List<String> findings) {
        String v = b.axe();
        if (!"[]".equals(v)) {
            findings.add(state + " (JavaScript " + (b.javascript ? "on" : "off") + "): " + v);
        }
    }

    @ParameterizedTest(name = "JavaScript {0}")
    @ValueSource(booleans = {true, false})
    void theChoiceSurvivesTheSwitchAndAClosedVoteSaysSoAtTheCast(boolean javascript) {
        Browser b = javascript ? withJs : withoutJs;
        List<String> findings = new ArrayList<>();
        long id = Elections.open(api, organiser, "Buurtbudget Stap " + javascript, Map.of("format", "APPROVAL"), "greedy");
        List<String> codes = Elections.codes(api, organiser, id, 2, "Brief");
        b.driver.get(base + "/language?to=nl&back=/vote/" + id);
        waitFor(b.driver).until(d -> !d.findElements(By.id("code")).isEmpty());
        b.driver.findElement(By.id("code")).sendKeys(codes.get(0));
        b.driver.findElement(By.cssSelector("label[for=p-1]")).click();
        b.driver.findElement(By.cssSelector("label[for=p-2]")).click();

        clickForNewPage(b, By.cssSelector("header .lang"));
        assertEquals("en", lang(b));
        assertEquals(codes.get(0), b.driver.findElement(By.id("code")).getAttribute("value"));
        assertEquals(List.of(false, true, true), List.of(checked(b, "p-0"), checked(b, "p-1"), checked(b, "p-2")));
        assertEquals("nl", b.driver.findElement(By.cssSelector("header .lang")).getAttribute("lang"));
        axe(b, "ballot after the switch", findings);

        clickForNewPage(b, By.id("next"));
        waitFor(b.driver).until(d -> !d.findElements(By.id("cast")).isEmpty());
        clickForNewPage(b, By.cssSelector("header .lang"));
        assertEquals("nl", lang(b));
        assertEquals("Uw keuze\nBankjes bij de vijver € 20.000\nBuurthuis opknappen € 60.000",
                b.driver.findElement(By.cssSelector("main h2")).getText() + "\n"
                        + b.driver.findElement(By.cssSelector(".choice-list")).getText());
        axe(b, "review after the switch", findings);

        // The team closes the vote while the resident reads the review.
        api.post("/api/elections/" + id + "/close", null, organiser).ok(200);
        b.driver.findElement(By.id("cast")).click();
        waitFor(b.driver).until(d -> d.findElement(By.tagName("h1")).getText().equals("Het stemmen is voorbij"));
        assertTrue(b.driver.findElement(By.tagName("main")).getText().contains("Uw stem is niet verstuurd en telt niet mee."));
        assertEquals(0, b.driver.findElements(By.cssSelector("main form")).size(), "no form that cannot succeed");
        axe(b, "closed at the cast", findings);
        // The switch now leads to the same news in English.
        clickForNewPage(b, By.cssSelector("header .lang"));
        assertEquals("Voting has ended", b.driver.findElement(By.tagName("h1")).getText());
        assertEquals(List.of(), findings);
    }

    @ParameterizedTest(name = "JavaScript {0}")
    @ValueSource(booleans = {true, false})
    void aUsedCodeIsRefusedAtTheReviewAndTheReceiptSwitchesLanguage(boolean javascript) {
        Browser b = javascript ? withJs : withoutJs;
        List<String> findings = new ArrayList<>();
        long id = Elections.open(api, organiser, "Buurtbudget Bon " + javascript, Map.of("format", "APPROVAL"), "greedy");
        String code = Elections.codes(api, organiser, id, 1, "Brief").get(0);
        b.driver.get(base + "/language?to=nl&back=/vote/" + id);
        waitFor(b.driver).until(d -> !d.findElements(By.id("code")).isEmpty());
        b.driver.findElement(By.id("code")).sendKeys(code);
        b.driver.findElement(By.cssSelector("label[for=p-0]")).click();
        clickForNewPage(b, By.id("next"));
        WebElement cast = waitFor(b.driver).until(d -> d.findElement(By.id("cast")));
        cast.click();
        waitFor(b.driver).until(d -> !d.findElements(By.id("ballot-hash")).isEmpty());
        String hash = b.driver.findElement(By.id("ballot-hash")).getText();
        clickForNewPage(b, By.cssSelector("header .lang"));
        assertEquals("en", lang(b));
        assertEquals("Your vote has been received", b.driver.findElement(By.tagName("h1")).getText());
        assertEquals(hash, b.driver.findElement(By.id("ballot-hash")).getText());
        axe(b, "receipt after the switch", findings);

        if (javascript) {
            // The letter's link opened again: the page asks the service about the code before the ballot is filled in.
            b.driver.get(base + "/vote/" + id + "#" + code);
            WebElement early = waitFor(b.driver).until(d -> {
                WebElement box = d.findElement(By.id("code-error"));
                return box.isDisplayed() ? box : null;
            });
            assertEquals("Error: This code has already been used to vote. Each code works only once.", early.getText().replace("\n", " "));
            axe(b, "used code from the letter's link", findings);
        }
        // The same code again, on a fresh form: refused at the review, beside the field.
        b.driver.get(base + "/vote/" + id);
        waitFor(b.driver).until(d -> !d.findElements(By.id("code")).isEmpty());
        b.driver.findElement(By.id("code")).sendKeys(code);
        b.driver.findElement(By.cssSelector("label[for=p-1]")).click();
        clickForNewPage(b, By.id("next"));
        assertEquals("Error: This code has already been used to vote. Each code works only once.",
                b.driver.findElement(By.id("code-error")).getText().replace("\n", " "));
        assertEquals("true", b.driver.findElement(By.id("code")).getAttribute("aria-invalid"));
        assertTrue(checked(b, "p-1"), "the choice stays");
        if (javascript) {
            assertEquals("error-summary", ((JavascriptExecutor) b.driver).executeScript("return document.activeElement.id"));
        }
        axe(b, "used code at the review", findings);
        assertEquals(List.of(), findings);
    }
}
