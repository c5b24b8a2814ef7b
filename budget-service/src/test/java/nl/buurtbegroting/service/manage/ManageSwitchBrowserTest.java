package nl.buurtbegroting.service.manage;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a staff member typed into the election form survives the language switch, with JavaScript on and off: the
 * switch there is a button that sends the form, and the same form comes back in the other language (once: the page
 * opened again is empty), axe-clean.
 */
@MicronautTest(transactional = false)
class ManageSwitchBrowserTest extends BrowserWalk {

    ManageSwitchBrowserTest() {
        super(Path.of("target/manage-downloads-switch"));
    }

    private void clickForNewPage(By what) {
        WebElement before = b.driver.findElement(By.tagName("html"));
        b.driver.findElement(what).click();
        WebDriverWait wait = new WebDriverWait(b.driver, Duration.ofSeconds(15));
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        wait.until(d -> Chromium.replaced(before, d));
    }

    @Test
    void typedValuesComeBackAfterTheLanguageSwitch() {
        walk(false);
    }

    @Test
    void typedValuesComeBackAfterTheLanguageSwitchWithoutJavaScript() {
        b.driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", java.util.Map.of("value", true));
        try {
            walk(true);
        } finally {
            b.driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", java.util.Map.of("value", false));
        }
    }

    private void walk(boolean scriptsOff) {
        b.driver.manage().deleteAllCookies();
        b.driver.get(base + "/language?to=nl&back=/manage/login");
        b.driver.findElement(By.id("username")).sendKeys("admin", Keys.TAB);
        WebElement before = b.driver.findElement(By.tagName("html"));
        b.driver.switchTo().activeElement().sendKeys("admin-password-for-tests", Keys.ENTER);
        new WebDriverWait(b.driver, Duration.ofSeconds(15)).until(d -> Chromium.replaced(before, d));
        b.driver.get(base + "/manage/elections/new");
        b.driver.findElement(By.id("name")).sendKeys("Buurtbudget Tweetalig");
        b.driver.findElement(By.id("categories")).sendKeys("groen = 400", Keys.ENTER, "sport");
        b.driver.findElement(By.cssSelector("label[for='rule-greedy']")).click();

        clickForNewPage(By.cssSelector("header .lang"));
        assertEquals("en", b.driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Buurtbudget Tweetalig", b.driver.findElement(By.id("name")).getAttribute("value"));
        assertEquals("groen = 400\nsport", b.driver.findElement(By.id("categories")).getAttribute("value"));
        assertTrue(b.driver.findElement(By.id("rule-greedy")).isSelected());
        if (scriptsOff) {
            // axe is a script: on for the moment it runs, after the page loaded without any.
            b.driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", java.util.Map.of("value", false));
        }
        String axe = b.axe();
        assertEquals("[]", axe);
        if (scriptsOff) {
            b.driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", java.util.Map.of("value", true));
        }

        // Read back once: the same page opened again is empty.
        b.driver.get(base + "/manage/elections/new");
        assertEquals("", b.driver.findElement(By.id("name")).getAttribute("value"));
    }
}
