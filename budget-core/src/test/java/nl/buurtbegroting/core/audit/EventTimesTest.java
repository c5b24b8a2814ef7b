package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The event times docs/verification.md §2.5 allows, and the ones it does not: spec and verifier agree. */
class EventTimesTest {

    @Test
    void datesAndInstantsAsInstantToStringPrintsThem() {
        for (String ok : new String[] {"2026-03-31", "2024-02-29", "2026-03-31T10:00:01Z", "2026-03-31T10:00:01.500Z",
            "2026-03-31T10:00:01.000500Z", "2026-03-31T10:00:01.000000001Z"}) {
            assertTrue(AuditEvent.isTime(ok), ok);
        }
    }

    @Test
    void noOtherSpelling() {
        for (String bad : new String[] {"2026-03-31T10:00:01.000Z", "2026-03-31T10:00:01.5Z", "2026-03-31T10:00:01.5000Z",
            "2026-02-30", "2025-02-29", "2026-03-31T24:00:00Z", "2026-03-31T10:00:01", "2026-03-31T10:00:01+01:00",
            "+10000-01-01T00:00:00Z", "-0001-01-01", "2026-3-31", ""}) {
            assertFalse(AuditEvent.isTime(bad), bad);
        }
    }
}
