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
 * With JavaScript, what a staff member typed into an organiser form survives the language switch (a link): the
 * page in the other language gets the values back, and only once.
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
        String axe = b.axe();
        assertEquals("[]", axe);

        // Read back once: the same page opened again is empty.
        b.driver.get(base + "/manage/elections/new");
        assertEquals("", b.driver.findElement(By.id("name")).getAttribute("value"));
    }
}
