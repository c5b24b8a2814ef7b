package nl.buurtbegroting.service.hardening;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Singleton;
import nl.buurtbegroting.core.audit.AuditBundle;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, faults 6, 7 and 14: the voting window is enforced and can be extended (audited, in the bundle);
 * batches name a listed district; a batch asked for while voting is open needs a second staff member; a label
 * never becomes a spreadsheet formula.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "SettingsTest")
class SettingsTest extends ApiTestBase {

    /**
     * The service's clock, moved by hand: the voting window is passed by setting the time, not by sleeping, so a
     * slow machine cannot reach the closing time before the test's first ballot (it had 3 s of wall time for the
     * draft, the codes, the opening and that ballot).
     */
    static final class Hand extends Clock {
        volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final Hand CLOCK = new Hand();

    @Factory
    @Requires(property = "spec.name", value = "SettingsTest")
    static class HandClock {
        @Singleton
        @Replaces(Clock.class)
        Clock clock() {
            return CLOCK;
        }
    }

    final Hand clock = CLOCK;
    String olga;
    String otto;

    @BeforeAll
    void setUp() {
        olga = api.account(admin, "olga", "ORGANISER", List.of());
        otto = api.account(admin, "otto", "ORGANISER", List.of());
    }

    private long draft(String name, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Api.election(name));
        body.put("ballot", Map.of("format", "APPROVAL", "minProjects", 1, "maxProjects", 2));
        body.putAll(extra);
        long id = api.post("/api/elections", body, olga).ok(201).id();
        for (String code : List.of("a", "b")) {
            Map<String, Object> p = new HashMap<>(Api.proposal("Voorstel " + code, 20_000, "jongeren", "ELIGIBLE"));
            p.put("code", code);
            api.post("/api/elections/" + id + "/proposals", p, olga).ok(201);
        }
        return id;
    }

    @Test
    void aBallotBeforeTheOpeningTimeIsRefusedSayingWhen() {
        String opens = clock.instant().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString();
        long id = draft("Later", Map.of("votingOpens", opens));
        List<String> codes = Lifecycle.issue(api, olga, id, 2, "brieven");
        api.post("/api/elections/" + id + "/open", null, olga).ok(200);
        Map<String, Object> p = api.post("/api/elections/" + id + "/ballots", Lifecycle.ballot(codes.get(0), List.of("a")), null)
                .problem(409, "ELECTION_NOT_OPEN");
        assertEquals(Instant.parse(opens).toString(), p.get("votingOpens"));
        assertTrue(((String) p.get("detail")).contains("Stemmen kan vanaf"), p.toString());
    }

    @Test
    void aBallotAfterTheClosingTimeIsRefusedUntilTheOrganiserExtendsIt() throws Exception {
        // An hour ahead: only the service's own clock, set below, reaches it; the wall clock does not during the test.
        Instant closes = clock.instant().plusSeconds(3600);
        long id = draft("Verlengd", Map.of("votingCloses", closes.toString()));
        List<String> codes = Lifecycle.issue(api, olga, id, 4, "brieven");
        String base = "/api/elections/" + id;
        api.post(base + "/extend", Map.of("votingCloses", closes.plusSeconds(60).toString()), olga).problem(409, "ELECTION_NOT_OPEN");
        api.post(base + "/open", null, olga).ok(200);
        api.post(base + "/ballots", Lifecycle.ballot(codes.get(0), List.of("a")), null).ok(201);
        clock.now = closes.plusMillis(200);
        Map<String, Object> p = api.post(base + "/ballots", Lifecycle.ballot(codes.get(1), List.of("a")), null)
                .problem(409, "ELECTION_NOT_OPEN");
        assertEquals(closes.toString(), p.get("votingCloses"));
        assertTrue(((String) p.get("detail")).contains("de stemming is gesloten"), p.toString());
        api.post(base + "/extend", Map.of("votingCloses", closes.minusSeconds(60).toString()), olga).invalid("votingCloses", "NOT_LATER");
        api.post(base + "/extend", Map.of("votingCloses", closes.toString()), otto).problem(403, "FORBIDDEN");
        Instant later = clock.instant().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        assertEquals(later.toString(), api.post(base + "/extend", Map.of("votingCloses", later.toString()), olga).ok(200).get("votingCloses"));
        api.post(base + "/ballots", Lifecycle.ballot(codes.get(1), List.of("b")), null).ok(201);
        Map<String, Object> result = Lifecycle.finish(api, olga, id);
        byte[] zip = client.toBlocking().retrieve("/api/elections/" + id + "/audit-bundle", byte[].class);
        String events = new String(AuditBundle.fromZip(zip).file(AuditBundle.EVENTS), StandardCharsets.UTF_8);
        assertTrue(events.contains("\"type\":\"voting-extended\"") && events.contains(later.toString()), events);
        Lifecycle.verify(client, result, id);
    }

    @Test
    void anElectionWhoseClosingTimeHasPassedCannotOpen() {
        long id = draft("Te laat", Map.of("votingCloses", "2024-04-16T00:00:00Z"));
        Map<String, Object> p = api.post("/api/elections/" + id + "/open", null, olga).problem(409, "ELECTION_INCOMPLETE");
        assertTrue(p.toString().contains("VOTING_CLOSES_PASSED"), p.toString());
    }

    @Test
    void aBatchNamesADistrictTheElectionLists() {
        long id = draft("Wijken", Map.of("eligibility", Map.of("minimumAge", 12, "districts", List.of("Noord", "Zuid"))));
        String path = "/api/elections/" + id + "/code-batches";
        api.post(path, Map.of("count", 2, "label", "brieven"), olga).invalid("district", "DISTRICT_REQUIRED");
        api.post(path, Map.of("count", 2, "label", "brieven", "district", "Oost"), olga).invalid("district", "UNKNOWN_DISTRICT");
        api.post(path, Map.of("count", 2, "label", "brieven", "district", "Noord"), olga).ok(201);
        assertEquals("Noord", api.get(path, olga).list().get(0).get("district"));
        // The age cannot be checked here: the election says where it is applied.
        assertEquals("when the letters with the voting codes were addressed", api.get("/api/elections/" + id, olga).get("ageChecked"));
        long plain = draft("Geen wijken", Map.of());
        api.post("/api/elections/" + plain + "/code-batches", Map.of("count", 2, "label", "b", "district", "Noord"), olga)
                .invalid("district", "NO_DISTRICTS");
    }

    @Test
    void aBatchAskedForWhileOpenNeedsASecondStaffMember() {
        long id = draft("Twee sleutels", Map.of());
        String base = "/api/elections/" + id;
        api.post("/api/accounts/otto/elections/" + id, null, admin).ok(200);
        List<String> letters = Lifecycle.issue(api, olga, id, 11, "brieven");
        api.post(base + "/open", null, olga).ok(200);
        Api.Res asked = api.post(base + "/code-batches", Map.of("count", 5, "label", "nagekomen"), olga).ok(202);
        assertEquals(true, asked.get("awaitingApproval"));
        assertTrue(!asked.body().matches("(?s).*[0-9A-Z]{4}-[0-9A-Z]{4}-.*"), "no codes before approval");
        long batch = asked.id();
        api.post(base + "/code-batches/" + batch + "/approve", null, olga).problem(403, "FORBIDDEN");
        Api.Res approved = api.post(base + "/code-batches/" + batch + "/approve", null, otto).ok(201);
        List<String> late = Lifecycle.codesOfCsv(approved.body());
        assertEquals(5, late.size());
        api.post(base + "/code-batches/" + batch + "/approve", null, otto).problem(409, "BATCH_NOT_AWAITING_APPROVAL");
        Map<String, Object> view = api.get(base + "/code-batches", olga).list().get(1);
        assertEquals(true, view.get("issuedWhileOpen"));
        assertEquals("otto", view.get("approvedBy"));
        for (int i = 0; i < 11; i++) {
            api.post(base + "/ballots", Lifecycle.ballot(letters.get(i), List.of("a")), null).ok(201);
        }
        api.post(base + "/ballots", Lifecycle.ballot(late.get(0), List.of("b")), null).ok(201);
        // An admin alone may still issue while open; the bundle shows every batch with when and how it came.
        Lifecycle.issue(api, admin, id, 1, "balie");
        Map<String, Object> result = Lifecycle.finish(api, olga, id);
        byte[] zip = client.toBlocking().retrieve(base + "/audit-bundle", byte[].class);
        String events = new String(AuditBundle.fromZip(zip).file(AuditBundle.EVENTS), StandardCharsets.UTF_8);
        assertTrue(events.contains("\"whileOpen\":true") && events.contains("\"approvedBy\":\"organiser\""), events);
        Lifecycle.verify(client, result, id);
    }

    @Test
    void aLabelNeverBecomesASpreadsheetFormula() {
        long id = draft("Formules", Map.of());
        String csv = api.post("/api/elections/" + id + "/code-batches",
                Map.of("count", 1, "label", "=HYPERLINK(\"http://evil\",\"klik\")"), olga).ok(201).body();
        String line = csv.split("\r\n")[1];
        assertTrue(line.contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"klik\"\")\","), line);
        for (String label : List.of("+1", "-1", "@SUM(A1)")) {
            String row = api.post("/api/elections/" + id + "/code-batches", Map.of("count", 1, "label", label), olga)
                    .ok(201).body().split("\r\n")[1];
            assertTrue(row.contains(",'" + label + ","), row);
        }
    }
}
