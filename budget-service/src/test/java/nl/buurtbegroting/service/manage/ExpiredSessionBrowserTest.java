package nl.buurtbegroting.service.manage;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a real browser: the warning before the idle end, with a button that keeps the session; and a long form sent
 * after the session ended, which comes back after the sign-in for a check and a new submit. axe-core on every state.
 * The idle time is one minute here, so the warning comes after 30 seconds.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.manage.idle-timeout", value = "1m")
class ExpiredSessionBrowserTest extends BrowserWalk {

    @Inject
    StaffSessions sessions;

    private final List<String> findings = new ArrayList<>();

    ExpiredSessionBrowserTest() {
        super(Path.of("target/manage-downloads-expired"));
    }

    private WebDriverWait waitFor(int seconds) {
        WebDriverWait wait = new WebDriverWait(b.driver, Duration.ofSeconds(seconds));
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }

    private void axe(String state) {
        String v = b.axe();
        if (!"[]".equals(v)) {
            findings.add(state + ": " + v);
        }
    }

    private void submit(By button) {
        WebElement before = b.driver.findElement(By.tagName("html"));
        b.driver.findElement(button).click();
        waitFor(15).until(d -> Chromium.replaced(before, d));
    }

    private void signIn() {
        WebElement name = b.driver.findElement(By.id("username"));
        name.sendKeys("admin", Keys.TAB);
        WebElement before = b.driver.findElement(By.tagName("html"));
        b.driver.switchTo().activeElement().sendKeys("admin-password-for-tests", Keys.ENTER);
        waitFor(15).until(d -> Chromium.replaced(before, d));
    }

    @Test
    void aFormSentAfterTheEndComesBackAndTheWarningKeepsTheSession() {
        b.driver.manage().deleteAllCookies();
        b.driver.get(base + "/manage/login");
        signIn();
        b.driver.get(base + "/manage/elections/new");
        b.driver.findElement(By.id("name")).sendKeys("Buurtbudget Na De Pauze");
        b.driver.findElement(By.id("neighbourhood")).sendKeys("Zuid");
        b.driver.findElement(By.id("budget")).sendKeys("20000");
        b.driver.findElement(By.id("categories")).sendKeys("groen = 5000", Keys.ENTER, "sport");
        b.driver.findElement(By.cssSelector("label[for='rule-greedy']")).click();

        // Half a minute before the end the page warns; the button keeps the session alive.
        WebElement warning = waitFor(50).until(d -> d.findElement(By.cssSelector(".session-warning")));
        assertEquals("alert", warning.getAttribute("role"));
        assertTrue(warning.getText().startsWith("U wordt over 0.5 minuten uitgelogd als u niets doet."), warning.getText());
        axe("warning");
        warning.findElement(By.tagName("button")).click();
        waitFor(15).until(d -> d.findElement(By.cssSelector(".session-warning")).getText().equals("U blijft ingelogd."));

        // Now the session ends anyway (as after a long break); the form is sent.
        sessions.end(b.driver.manage().getCookieNamed(StaffSessions.COOKIE).getValue());
        submit(By.cssSelector("button.primary"));
        assertEquals("Inloggen", b.driver.findElement(By.tagName("h1")).getText());
        assertTrue(b.driver.findElement(By.tagName("main")).getText().contains("Wat u had ingevuld, is nog niet opgeslagen"));
        axe("sign-in with a carried form");
        signIn();
        assertEquals("Controleer en verstuur opnieuw", b.driver.findElement(By.tagName("h1")).getText());
        assertTrue(b.driver.findElement(By.tagName("main")).getText().contains("Buurtbudget Na De Pauze"));
        axe("check and send again");
        submit(By.cssSelector("main button.primary"));
        assertTrue(b.driver.getCurrentUrl().matches(".*/manage/elections/\\d+$"), b.driver.getCurrentUrl());
        assertEquals("Buurtbudget Na De Pauze", b.driver.findElement(By.tagName("h1")).getText());
        assertEquals(List.of(), findings);
    }
}
