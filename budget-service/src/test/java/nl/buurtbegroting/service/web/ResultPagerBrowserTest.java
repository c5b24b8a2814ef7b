package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The result page of an election with more projects than one page shows (120: three pages of 50), in headless
 * Chromium with and without JavaScript, in Dutch and English: the pager's links lead from page to page, each page
 * passes axe-core (WCAG 2.1 A/AA) and reflows at 320 CSS pixels without scrolling sideways.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
class ResultPagerBrowserTest {

    static final int PROJECTS = 120;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    EmbeddedServer server;

    long id;
    String base;
    Browser withJs;
    Browser withoutJs;

    @BeforeAll
    void publishAnElectionOfThreePages() throws Exception {
        Browser.requireTools();
        Api api = new Api(client, json);
        String admin = api.adminToken();
        base = server.getURL().toString();
        StringBuilder pb = new StringBuilder("META\nkey;value\ndescription;Pager\ncountry;Netherlands\nunit;Proefstad\n"
                + "instance;2026\nnum_projects;" + PROJECTS + "\nnum_votes;0\nbudget;300000\nvote_type;approval\n"
                + "rule;greedy\ncurrency;EUR\nPROJECTS\nproject_id;cost;name\n");
        for (int i = 0; i < PROJECTS; i++) {
            pb.append(String.format("q%03d;%d;Plan %d voor de buurt%n", i, 10_000 + i * 500, i + 1));
        }
        pb.append("VOTES\nvoter_id;vote\n");
        String created = client.toBlocking().retrieve(HttpRequest.POST("/api/elections/import",
                pb.toString().getBytes(StandardCharsets.UTF_8)).contentType(MediaType.TEXT_PLAIN_TYPE).bearerAuth(admin));
        id = ((Number) json.readValue(created, Map.class).get("id")).longValue();
        String path = "/api/elections/" + id;
        api.patch(path, Map.of("votingOpens", java.time.Instant.now().minusSeconds(3600).toString(),
                "votingCloses", java.time.Instant.now().plusSeconds(24 * 3600).toString()), admin).ok(200);
        List<String> codes = Elections.codes(api, admin, id, 12, "Wijk");
        api.post(path + "/open", null, admin).ok(200);
        for (int v = 0; v < codes.size(); v++) {
            List<String> chosen = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                chosen.add(String.format("q%03d", (v * 7 + k * 13) % PROJECTS));
            }
            api.post(path + "/ballots", Map.of("code", codes.get(v), "projects", chosen.stream().sorted().distinct().toList(),
                    "submissionId", String.format("pager-%026d", v)), null).ok(201);
        }
        api.post(path + "/close", null, admin).ok(200);
        api.post(path + "/tally", null, admin).ok(200);
        api.post(path + "/publish", Map.of("councilDecision", "Raadsbesluit 2026-120"), admin).ok(200);
        withJs = Browser.start(true);
        withoutJs = Browser.start(false);
    }

    @AfterAll
    void closeBrowsers() {
        if (withJs != null) {
            withJs.close();
        }
        if (withoutJs != null) {
            withoutJs.close();
        }
    }

    @Test
    void residentsPageThroughTheResultWithTheKeyboardReachableLinksAndEveryPagePassesAxe() {
        List<String> findings = new ArrayList<>();
        for (Browser b : List.of(withJs, withoutJs)) {
            for (String lang : List.of("nl", "en")) {
                b.driver.get(base + "/language?to=" + lang + "&back=/");
                b.driver.get(base + "/elections/" + id + "/result");
                for (int page = 1; page <= 3; page++) {
                    String main = b.driver.findElement(By.tagName("main")).getText();
                    int first = (page - 1) * 50 + 1;
                    int last = Math.min(PROJECTS, page * 50);
                    assertTrue(main.contains(lang.equals("nl") ? "U ziet plan " + first + " tot en met " + last + " van de 120 plannen."
                            : "You see plan " + first + " to " + last + " of the 120 plans."), main);
                    WebElement current = b.driver.findElement(By.cssSelector("nav.pager a[aria-current=page]"));
                    assertEquals(Integer.toString(page), current.getText());
                    String violations = b.axe();
                    if (!"[]".equals(violations)) {
                        findings.add(lang + " page " + page + " (JavaScript " + (b.javascript ? "on" : "off") + "): " + violations);
                    }
                    if (b.javascript) {
                        b.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                                Map.of("width", 320, "height", 640, "deviceScaleFactor", 1, "mobile", true));
                        Object overflow = b.driver.executeScript("var e = document.documentElement; return e.scrollWidth - e.clientWidth;");
                        b.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
                        assertEquals(0L, ((Number) overflow).longValue(), "page " + page + " scrolls sideways at 320 px");
                    }
                    if (page < 3) {
                        // Wait until the next page has replaced this one and finished loading, or the next round reads
                        // this page's text again (or a page still loading, whose main is not all there yet).
                        WebElement html = b.driver.findElement(By.tagName("html"));
                        b.driver.findElement(By.cssSelector("nav.pager a[rel=next]")).click();
                        new WebDriverWait(b.driver, Duration.ofSeconds(60)).until(d -> Chromium.replaced(html, d));
                    }
                }
            }
        }
        assertEquals(List.of(), findings);
    }
}
