package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import nl.buurtbegroting.service.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Residents on a phone (320 and 360 CSS pixels wide) meeting what organisers typed: a proposal title that is one
 * long word, a 500-letter word in a description, right-to-left text and emoji, a long election name. No page may
 * scroll sideways (WCAG 1.4.10 reflow) and every page passes axe-core at that width, with JavaScript on and off,
 * in Dutch and English. With JavaScript, a cast that comes back with an error leaves the focus on the error summary.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
@Property(name = "bb.publication.minimum-voters-for-ballots", value = "1")
class PhoneBrowserTest extends ApiTestBase {

    static final String WORD = "Speeltuin".repeat(20);
    static final String LONG = "x".repeat(500);

    @Inject
    EmbeddedServer server;

    String base;
    long open;
    long published;
    List<String> codes;
    Browser withJs;
    Browser withoutJs;

    @BeforeAll
    void setUp() {
        Browser.requireTools();
        base = server.getURL().toString();
        String organiser = api.account(admin, "telefoon", "ORGANISER", List.of());
        open = election(organiser, "Buurtbudget " + "Lang".repeat(30));
        published = election(organiser, "Buurtbudget Uitslag");
        List<String> forResult = Elections.codes(api, organiser, published, 2, "Wijk " + "Straat".repeat(15));
        for (int i = 0; i < forResult.size(); i++) {
            api.post("/api/elections/" + published + "/ballots", Map.of("code", forResult.get(i), "projects", List.of("a"),
                    "submissionId", "phone-test-submission-" + i), null).ok(201);
        }
        api.post("/api/elections/" + published + "/close", null, organiser).ok(200);
        api.post("/api/elections/" + published + "/tally", null, organiser).ok(200);
        api.post("/api/elections/" + published + "/publish", Map.of("councilDecision", "Raadsbesluit " + LONG.substring(0, 180)), organiser).ok(200);
        codes = new ArrayList<>(Elections.codes(api, organiser, open, 2, "Brief"));
        withJs = Browser.start(true);
        withoutJs = Browser.start(false);
    }

    /** An open election whose proposals carry the odd text: a title of one long word, RTL, emoji, a long reason. */
    private long election(String organiser, String name) {
        Map<String, Object> body = new HashMap<>(Api.election(name));
        body.put("ballot", Map.of("format", "APPROVAL", "minProjects", 1, "maxProjects", 2));
        long id = api.post("/api/elections", body, organiser).ok(201).id();
        Map<String, Object> a = new HashMap<>(Api.proposal(WORD, 30_000, "jongeren", "ELIGIBLE"));
        a.put("code", "a");
        a.put("summary", "Een plan 🌳🚲 met שלום עולם en مرحبا en " + LONG);
        api.post("/api/elections/" + id + "/proposals", a, organiser).ok(201);
        Map<String, Object> b = new HashMap<>(Api.proposal("Bankjes " + LONG.substring(0, 150), 20_000, "groen", "ELIGIBLE"));
        b.put("code", "b");
        api.post("/api/elections/" + id + "/proposals", b, organiser).ok(201);
        Map<String, Object> r = new HashMap<>(Api.proposal("Parkeergarage", 90_000, "jongeren", "INELIGIBLE"));
        r.put("code", "r");
        r.put("publicReason", "Te duur: " + LONG);
        api.post("/api/elections/" + id + "/proposals", r, organiser).ok(201);
        api.post("/api/elections/" + id + "/open", null, organiser).ok(200);
        return id;
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

    @Test
    void noPageScrollsSidewaysOnAPhoneAndEachPassesAxeThere() {
        List<String> findings = new ArrayList<>();
        List<String> pages = List.of("/", "/elections/" + open, "/vote/" + open, "/elections/" + published,
                "/elections/" + published + "/result", "/elections/" + published + "/check");
        for (Browser b : List.of(withJs, withoutJs)) {
            for (String lang : List.of("nl", "en")) {
                b.driver.get(base + "/language?to=" + lang + "&back=/");
                for (String path : pages) {
                    b.driver.get(base + path);
                    for (int width : new int[]{320, 360}) {
                        b.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                                Map.of("width", width, "height", 640, "deviceScaleFactor", 1, "mobile", true));
                        Object overflow = b.driver.executeScript(
                                "var e = document.documentElement; return e.scrollWidth - e.clientWidth;");
                        if (((Number) overflow).longValue() != 0) {
                            findings.add(path + " " + lang + " at " + width + " px scrolls sideways by " + overflow + " px");
                        }
                        if (width == 320) {
                            String violations = b.axe();
                            if (!"[]".equals(violations)) {
                                findings.add(path + " " + lang + " at 320 px (JavaScript " + (b.javascript ? "on" : "off") + "): "
                                        + violations);
                            }
                        }
                    }
                    b.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
                }
            }
        }
        assertEquals(List.of(), findings);
    }

    @Test
    void theCodeFieldIsDescribedByItsErrorOnlyWhileThereIsOne() {
        for (Browser b : List.of(withJs, withoutJs)) {
            b.driver.get(base + "/language?to=nl&back=/");
            b.driver.get(base + "/vote/" + open);
            String hint = "De code staat in uw brief. Bijvoorbeeld: ABCD-EFGH-JKMN-PQRS-T. Hoofdletters en streepjes maken niet uit.";
            assertEquals(hint, description(b, "code"), "an untouched field has no error to announce");
            WebElement form = b.driver.findElement(By.id("form"));
            b.driver.findElement(By.id("code")).sendKeys(Elections.typo(codes.get(1)));
            b.driver.findElement(By.id("next")).click();
            WebDriverWait wait = new WebDriverWait(b.driver, Duration.ofSeconds(60));
            if (b.javascript) {
                wait.until(d -> d.findElement(By.id("code-error")).isDisplayed());
            } else {
                wait.until(d -> Chromium.replaced(form, d));
            }
            assertEquals(hint + " Fout: Er zit een tikfout in de code. Kijk de tekens een voor een na.", description(b, "code"),
                    "JavaScript " + (b.javascript ? "on" : "off"));
            if (b.javascript) {
                WebElement code = b.driver.findElement(By.id("code"));
                code.clear();
                code.sendKeys(codes.get(1));
                assertEquals(hint, description(b, "code"), "corrected: the error is gone from the description too");
            }
        }
    }

    /** The accessible description Chromium computes for an element: what a screen reader reads after its name. */
    @SuppressWarnings("unchecked")
    private static String description(Browser b, String id) {
        Map<String, Object> doc = b.driver.executeCdpCommand("DOM.getDocument", Map.of());
        Number root = (Number) ((Map<String, Object>) doc.get("root")).get("nodeId");
        Number node = (Number) b.driver.executeCdpCommand("DOM.querySelector", Map.of("nodeId", root, "selector", "#" + id))
                .get("nodeId");
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) b.driver.executeCdpCommand("Accessibility.getPartialAXTree",
                Map.of("nodeId", node, "fetchRelatives", false)).get("nodes");
        Map<String, Object> description = (Map<String, Object>) nodes.get(0).get("description");
        return description == null ? "" : String.valueOf(description.get("value")).replaceAll("\\s+", " ").strip();
    }

    @Test
    void aCastThatComesBackWithAnErrorLeavesTheFocusOnTheErrorSummary() {
        String code = codes.get(0);
        withJs.driver.get(base + "/language?to=nl&back=/");
        withJs.driver.get(base + "/vote/" + open + "#" + code);
        WebElement form = withJs.driver.findElement(By.id("form"));
        withJs.driver.findElement(By.cssSelector("label[for=p-1]")).click();
        withJs.driver.findElement(By.id("next")).click();
        WebDriverWait wait = new WebDriverWait(withJs.driver, Duration.ofSeconds(60));
        wait.until(d -> Chromium.replaced(form, d));
        assertTrue(withJs.driver.getTitle().startsWith("Controleer uw keuze"), withJs.driver.getTitle());
        // The same code is used elsewhere meanwhile (another tab, a paper form): the cast comes back with an error.
        api.post("/api/elections/" + open + "/ballots", Map.of("code", code, "projects", List.of("a"),
                "submissionId", "phone-test-elsewhere"), null).ok(201);
        withJs.driver.findElement(By.id("cast")).click();
        wait.until(d -> !d.findElements(By.id("error-summary")).isEmpty());
        assertEquals("error-summary", withJs.driver.executeScript("return document.activeElement.id"));
        assertTrue(withJs.driver.getTitle().startsWith("Fout: "), withJs.driver.getTitle());
        assertTrue(withJs.driver.findElement(By.id("error-summary")).getText()
                .contains("Met deze code is al gestemd. Elke code werkt maar één keer."));
    }
}
