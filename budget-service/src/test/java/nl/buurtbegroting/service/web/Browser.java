package nl.buurtbegroting.service.web;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
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
 * Debian's headless Chromium driven by Debian's chromedriver, with JavaScript on or off, and axe-core from
 * {@code node_modules} (npm ci). Nothing is downloaded: the driver and the browser are named explicitly, so
 * Selenium Manager never runs. On a developer machine without them the browser tests are skipped with a
 * message; in CI ({@code CI=true}) their absence is a failure.
 */
final class Browser implements AutoCloseable {

    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path AXE = Path.of("node_modules/axe-core/axe.min.js");

    final ChromeDriver driver;
    final boolean javascript;

    private Browser(ChromeDriver driver, boolean javascript) {
        this.driver = driver;
        this.javascript = javascript;
    }

    /** Skips (developer machine) or fails (CI) when Chromium, chromedriver or axe-core is missing. */
    static void requireTools() {
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

    static Browser start(boolean javascript) {
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--lang=nl-NL");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", "nl-NL,nl");
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        Browser browser = new Browser(driver, javascript);
        browser.pageScripts(javascript);
        return browser;
    }

    /**
     * Runs axe-core on the page (WCAG 2.0/2.1 A and AA rules) and returns its violations as JSON, "[]" when
     * there are none. Injected through the driver, so it runs with the page's JavaScript switched off too.
     */
    String axe() {
        // With JavaScript off the page runs no script at all; axe needs it for a moment, after the page has loaded
        // (the page's own script was never run, so nothing of it comes back).
        pageScripts(true);
        try {
            return runAxe();
        } finally {
            pageScripts(javascript);
        }
    }

    /** Switches the pages' JavaScript on or off (DevTools: Emulation.setScriptExecutionDisabled), for every page loaded later. */
    private void pageScripts(boolean on) {
        driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !on));
    }

    private String runAxe() {
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

    void screenshot(Path dir, String name, int width, int height) {
        screenshot(dir, name, width, height, null);
    }

    /** A screenshot of the viewport at this size, scrolled to the element with id {@code scrollTo} when given. */
    void screenshot(Path dir, String name, int width, int height, String scrollTo) {
        driver.manage().window().setSize(new Dimension(width, height));
        if (scrollTo != null) {
            driver.executeScript("document.getElementById(arguments[0]).scrollIntoView()", scrollTo);
        }
        try {
            Files.createDirectories(dir);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve(name + "-" + width + "x" + height + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 800));
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
