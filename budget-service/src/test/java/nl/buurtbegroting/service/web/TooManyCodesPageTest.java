package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static nl.buurtbegroting.service.web.WebClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Too many unknown codes from one address: the vote page says when to try again, next to the code field. */
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
class TooManyCodesPageTest extends ApiTestBase {

    @Inject
    EmbeddedServer server;

    @Test
    void theTwelfthUnknownCodeInAMinuteIsAnsweredWithWhenToTryAgain() {
        long id = Elections.open(api, admin, "Buurtbudget Raden", Map.of("format", "APPROVAL"), "greedy");
        WebClient web = new WebClient(server.getURL().toString());
        SecureRandom random = new SecureRandom();
        WebClient.Page last = null;
        for (int i = 0; i < 12; i++) {
            String code = nl.buurtbegroting.service.codes.VotingCode.random(random).printed();
            last = web.post("/vote/" + id + "/cast", List.of(field("code", code), field("submissionId", "too-many-codes-" + i + "-abcdef"),
                    field("project", "a")));
            if (last.status() == 429) {
                break;
            }
            assertEquals(422, last.status(), last.mainText());
            assertEquals("Fout: Deze code hoort niet bij deze stemming. Kijk de code in uw brief na.", last.textOf("code-error"));
        }
        assertEquals(429, last.status());
        assertTrue(last.header("Retry-After").matches("[0-9]+"), last.header("Retry-After"));
        assertTrue(last.textOf("code-error").matches("Fout: Er zijn te veel verkeerde codes gestuurd\\. Probeer het over (1 minuut|[0-9]+ minuten) opnieuw\\."),
                last.textOf("code-error"));
        assertTrue(last.body().contains("<a href=\"#code\">Er zijn te veel verkeerde codes gestuurd."));
    }
}
