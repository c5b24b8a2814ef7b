package nl.buurtbegroting.service;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the resident pages' and the organiser pages' browser tests share: Debian's headless Chromium driven by
 * Debian's chromedriver, and axe-core from {@code node_modules} (npm ci). Nothing is downloaded: the driver and
 * the browser are named explicitly, so Selenium Manager never runs. On a developer machine without them the
 * browser tests are skipped with a message; in CI ({@code CI=true}) their absence is a failure.
 */
public final class Chromium {

    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path AXE = Path.of("node_modules/axe-core/axe.min.js");

    private Chromium() {
    }

    /** Skips (developer machine) or fails (CI) when Chromium, chromedriver or axe-core is missing. */
    public static void requireTools() {
        String missing = !Files.isExecutable(DRIVER) || !Files.isExecutable(CHROMIUM)
                ? "Chromium and chromedriver are missing: apt-get install -y chromium chromium-driver"
                : !Files.isRegularFile(AXE) ? "axe-core is missing: run 'npm ci' in budget-service" : null;
        if (missing == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(missing);
        }
        assumeTrue(false, "Browser tests skipped. " + missing);
    }

    /** A headless Chromium in Dutch with a window of this size and these preferences besides the language. */
    public static ChromeDriver start(int width, int height, Map<String, Object> preferences) {
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=nl-NL");
        Map<String, Object> prefs = new HashMap<>(preferences);
        prefs.put("intl.accept_languages", "nl-NL,nl");
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /**
     * Whether the page this element was found on has been replaced by a new, fully loaded one. Chrome says so in
     * two ways: a stale element, or "node does not belong to the document" (a plain WebDriverException); both mean
     * the old page is gone.
     */
    public static boolean replaced(WebElement fromOldPage, WebDriver driver) {
        try {
            fromOldPage.isEnabled();
            return false;
        } catch (WebDriverException gone) {
            // The new page can itself be between documents while it is asked (a redirect): then it is not there yet.
            try {
                return "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState"));
            } catch (WebDriverException between) {
                return false;
            }
        }
    }

    /** axe-core's WCAG 2.0/2.1 A and AA violations on the page as JSON; "[]" when there are none. */
    public static String axe(ChromeDriver driver) {
        JavascriptExecutor js = driver;
        try {
            js.executeScript(Files.readString(AXE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
                + " resultTypes: ['violations']})"
                + ".then(function (r) { done(JSON.stringify(r.violations.map(function (v) {"
                + "  return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(' ') + ' ' + n.failureSummary; })};"
                + "}))); })"
                + ".catch(function (e) { done('axe failed: ' + e); });");
        return String.valueOf(result);
    }
}
