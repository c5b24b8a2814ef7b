package nl.buurtbegroting.service.manage;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import nl.buurtbegroting.service.Chromium;


/**
 * The organiser pages' browser: {@link Chromium} with downloads into a directory of the test's own.
 */
final class ManageBrowser implements AutoCloseable {

    final ChromeDriver driver;
    final Path downloads;

    private ManageBrowser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    static void requireTools() {
        Chromium.requireTools();
    }

    /**
     * The first download whose name ends with {@code suffix}, once Chromium has finished it, or null after 60 s (a
     * letters PDF made and downloaded on a loaded 2-core machine; the wait ends as soon as the file is complete).
     * Chromium reserves the final name with an empty file and writes into a {@code .crdownload} beside it, so a
     * file is taken only when no partial download is left and its size, above 0, held still for one poll.
     */
    static Path finishedDownload(Path dir, String suffix) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
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

    /** Starts the browser with an empty download directory (what an earlier run left there is deleted). */
    static ManageBrowser start(Path downloads) throws IOException {
        Files.createDirectories(downloads);
        try (Stream<Path> files = Files.list(downloads)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("plugins.always_open_pdf_externally", true);
        ChromeDriver driver = Chromium.start(1280, 900, prefs);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString()));
        return new ManageBrowser(driver, downloads);
    }

    /** axe-core's WCAG 2.0/2.1 A and AA violations on the page as JSON; "[]" when there are none. */
    String axe() {
        return Chromium.axe(driver);
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
