package nl.buurtbegroting.service.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailedCodeLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    @Test
    void limitsPerSlidingMinuteAndHour() {
        FailedCodeLimiter limiter = new FailedCodeLimiter(10, 100, clock);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.retryAfterSeconds("a"));
            limiter.recordFailure("a");
            now.addAndGet(1_000);
        }
        assertEquals(50, limiter.retryAfterSeconds("a"), "the first failure leaves the minute 50 s from now");
        assertEquals(0, limiter.retryAfterSeconds("b"), "addresses are independent");
        now.addAndGet(50_000);
        assertEquals(0, limiter.retryAfterSeconds("a"));
        for (int i = 0; i < 90; i++) {
            limiter.recordFailure("a");
            now.addAndGet(7_000);
        }
        long wait = limiter.retryAfterSeconds("a");
        assertEquals(true, wait > 60, "the hour limit holds longer than a minute: " + wait);
        now.addAndGet(wait * 1000);
        assertEquals(0, limiter.retryAfterSeconds("a"));
    }
}
