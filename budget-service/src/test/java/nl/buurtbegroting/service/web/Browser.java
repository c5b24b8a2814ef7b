package nl.buurtbegroting.service.web;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nl.buurtbegroting.service.Chromium;


/**
 * The resident pages' browser: {@link Chromium} with the pages' JavaScript on or off.
 */
final class Browser implements AutoCloseable {

    final ChromeDriver driver;
    final boolean javascript;

    private Browser(ChromeDriver driver, boolean javascript) {
        this.driver = driver;
        this.javascript = javascript;
    }

    /** Skips (developer machine) or fails (CI) when Chromium, chromedriver or axe-core is missing. */
    static void requireTools() {
        Chromium.requireTools();
    }

    static Browser start(boolean javascript) {
        Browser browser = new Browser(Chromium.start(1280, 800, Map.of()), javascript);
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
            return Chromium.axe(driver);
        } finally {
            pageScripts(javascript);
        }
    }

    /** Switches the pages' JavaScript on or off (DevTools: Emulation.setScriptExecutionDisabled), for every page loaded later. */
    private void pageScripts(boolean on) {
        driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !on));
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
