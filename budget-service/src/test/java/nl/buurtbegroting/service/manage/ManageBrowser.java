package nl.buurtbegroting.service.manage;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium and chromedriver for the organiser pages, with downloads into a directory of the
 * test's own and axe-core from {@code node_modules} (npm ci, as for the resident pages' browser test). Nothing
 * is downloaded: without the tools the test is skipped on a developer machine and fails in CI.
 */
final class ManageBrowser implements AutoCloseable {

    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path AXE = Path.of("node_modules/axe-core/axe.min.js");

    final ChromeDriver driver;
    final Path downloads;

    private ManageBrowser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

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

    /**
     * The first download whose name ends with {@code suffix}, once Chromium has finished it, or null after 20 s.
     * Chromium reserves the final name with an empty file and writes into a {@code .crdownload} beside it, so a
     * file is taken only when no partial download is left and its size, above 0, held still for one poll.
     */
    static Path finishedDownload(Path dir, String suffix) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        Path seen = null;
        long seenSize = -1;
        while (System.currentTimeMillis() < deadline) {
            List<Path> files;
            try (Stream<Path> listed = Files.list(dir)) {
                files = listed.toList();
            }
            boolean partial = files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
            Optional<Path> done = files.stream().filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
            if (!partial && done.isPresent()) {
                long size = Files.size(done.get());
                if (size > 0 && done.get().equals(seen) && size == seenSize) {
                    return done.get();
                }
                seen = done.get();
                seenSize = size;
            }
            Thread.sleep(100);
        }
        return null;
    }

    static ManageBrowser start(Path downloads) throws IOException {
        Files.createDirectories(downloads);
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--lang=nl-NL");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", "nl-NL,nl");
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("plugins.always_open_pdf_externally", true);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString()));
        return new ManageBrowser(driver, downloads);
    }

    /** axe-core's WCAG 2.0/2.1 A and AA violations on the page as JSON; "[]" when there are none. */
    String axe() {
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

    /** The whole page at a width (its full height), into {@code dir}. */
    void screenshot(Path dir, String name, int width) {
        try {
            Files.createDirectories(dir);
            driver.manage().window().setSize(new Dimension(width, 900));
            Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(width, Math.min(6000, Math.max(600, height.intValue()))));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve(name + "-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
