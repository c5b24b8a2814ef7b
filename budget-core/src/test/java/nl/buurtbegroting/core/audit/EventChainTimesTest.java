package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EVENT_CHAIN's order in time (docs/verification.md, check 6): dates never go back, and no instant is earlier
 * than the latest instant of any earlier event, also when a date-only event stands between the two.
 */
class EventChainTimesTest {

    /**
     * A bundle of Assen 2024 whose event log has one event per time in {@code ats}, correctly chained, checksummed
     * and signed with the trusted key. The builder refuses a log out of order (it verifies what it builds), so the
     * log is put in afterwards, as a careless or dishonest publisher could.
     */
    static AuditBundle withEventsAt(String... ats) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < ats.length; i++) {
            events.add(new AuditEvent(i + 1, "e" + (i + 1), ats[i], "organiser", Map.of()));
        }
        AuditBundle bundle = TestBundles.build(TestBundles.assen())
                .with(AuditBundle.EVENTS, CanonicalJson.writeFile(BundleBuilder.eventsJson(events)));
        return Tamper.resign(bundle, TestBundles.KEY);
    }

    @Test
    void theBuilderRefusesALogWhoseTimeGoesBack() {
        BundleInput base = TestBundles.assen();
        List<AuditEvent> events = List.of(new AuditEvent(1, "e1", "2024-01-02T10:00:00Z", "organiser", Map.of()),
                new AuditEvent(2, "e2", "2024-01-02", "organiser", Map.of()),
                new AuditEvent(3, "e3", "2024-01-02T09:00:00Z", "organiser", Map.of()));
        BundleInput input = new BundleInput(base.info(), base.election(), base.nonces(), base.rule(), base.options(),
                base.outcome(), events, base.counts(), base.libraryVersion(), base.minimumVotersForBallots());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestBundles.build(input));
        assertEquals("the bundle does not verify: REJECTED: EVENT_CHAIN failed: event 3 (e3) is timed before an earlier"
                + " event (2024-01-02T10:00:00Z)", e.getMessage());
    }

    private static CheckResult eventChain(String... ats) {
        return BundleVerifier.verify(AuditBundle.fromZip(withEventsAt(ats).toZip()), TestBundles.trusting())
                .result(Check.EVENT_CHAIN).orElseThrow();
    }

    @Test
    void aTimeMayNotGoBackAcrossADateOnlyEvent() {
        CheckResult r = eventChain("2024-01-02T10:00:00Z", "2024-01-02", "2024-01-02T09:00:00Z");
        assertEquals(CheckResult.Status.FAIL, r.status());
        assertEquals("event 3 (e3) is timed before an earlier event (2024-01-02T10:00:00Z)", r.verdict());
    }

    @Test
    void aTimeMayNotGoBackAcrossSeveralDateOnlyEventsOnLaterDays() {
        CheckResult r = eventChain("2024-01-02T10:00:00.500Z", "2024-01-02", "2024-01-02", "2024-01-02T10:00:00.499999999Z");
        assertEquals(CheckResult.Status.FAIL, r.status());
        assertEquals("event 4 (e4) is timed before an earlier event (2024-01-02T10:00:00.500Z)", r.verdict());
    }

    @Test
    void aDateOnlyEventMayStandAmongTheTimesOfItsDay() {
        assertEquals(CheckResult.Status.PASS, eventChain("2024-01-02T10:00:00Z", "2024-01-02", "2024-01-02T11:00:00Z").status());
        assertEquals(CheckResult.Status.PASS, eventChain("2024-01-02T23:59:59.999Z", "2024-01-02", "2024-01-03").status());
        assertEquals(CheckResult.Status.PASS, eventChain("2024-01-02", "2024-01-02T00:00:00Z", "2024-01-02").status());
    }

    @Test
    void equalTimesAreInOrder() {
        assertEquals(CheckResult.Status.PASS, eventChain("2024-01-02T10:00:00Z", "2024-01-02T10:00:00Z", "2024-01-02").status());
    }

    @Test
    void aDateMayNotGoBack() {
        CheckResult r = eventChain("2024-01-03", "2024-01-02T10:00:00Z");
        assertEquals(CheckResult.Status.FAIL, r.status());
        assertEquals("event 2 (e2) is dated before the event before it", r.verdict());
        assertEquals(CheckResult.Status.FAIL, eventChain("2024-01-03T00:00:00Z", "2024-01-02").status());
    }
}
