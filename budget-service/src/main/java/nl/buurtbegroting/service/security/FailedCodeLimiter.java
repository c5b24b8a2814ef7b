package nl.buurtbegroting.service.security;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits unknown codes per client address: at most {@code bb.voting.rate-limit.per-minute} (10) in any
 * sliding minute and {@code bb.voting.rate-limit.per-hour} (100) in any sliding hour. Past that, every
 * ballot from the address is refused with 429 until the oldest failure leaves the window. Typos and
 * malformed codes do not count (the check symbol answers them without a look-up), used codes do not
 * count, and a code itself is never locked, so a help desk behind one address keeps working.
 *
 * <p>State is in memory, per instance: with N instances behind a balancer an address gets up to N times
 * the limit. With 80-bit codes that still leaves guessing hopeless (at 100 guesses an hour per instance
 * and 200,000 live codes, one hit takes longer than 10<sup>13</sup> years).
 */
@Singleton
public class FailedCodeLimiter {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final int SWEEP_ABOVE = 50_000;

    private final int perMinute;
    private final int perHour;
    private final Clock clock;
    private final Map<String, ArrayDeque<Long>> failures = new ConcurrentHashMap<>();

    public FailedCodeLimiter(@Property(name = "bb.voting.rate-limit.per-minute", defaultValue = "10") int perMinute,
                             @Property(name = "bb.voting.rate-limit.per-hour", defaultValue = "100") int perHour,
                             Clock clock) {
        if (perMinute < 1 || perHour < 1) {
            throw new IllegalStateException("bb.voting.rate-limit.per-minute and per-hour must be at least 1");
        }
        this.perMinute = perMinute;
        this.perHour = perHour;
        this.clock = clock;
    }

    /** Seconds the address must wait before its next ballot, 0 when it may go on now. */
    public long retryAfterSeconds(String address) {
        ArrayDeque<Long> times = failures.get(address);
        if (times == null) {
            return 0;
        }
        long now = clock.millis();
        synchronized (times) {
            dropOlderThan(times, now - HOUR);
            long waitMillis = 0;
            if (times.size() >= perHour) {
                waitMillis = times.peekFirst() + HOUR - now;
            }
            int inMinute = 0;
            Iterator<Long> newestFirst = times.descendingIterator();
            while (newestFirst.hasNext()) {
                long t = newestFirst.next();
                if (t <= now - MINUTE) {
                    break;
                }
                inMinute++;
            }
            if (inMinute >= perMinute) {
                // The failure that must leave the minute for one more to fit.
                long[] recent = new long[inMinute];
                Iterator<Long> it = times.descendingIterator();
                for (int i = 0; i < inMinute; i++) {
                    recent[i] = it.next();
                }
                long leaving = recent[perMinute - 1];
                waitMillis = Math.max(waitMillis, leaving + MINUTE - now);
            }
            return waitMillis <= 0 ? 0 : (waitMillis + 999) / 1000;
        }
    }

    /**
     * Counts one attempt against the address now, before its outcome is known, if the address is under its
     * limit; returns 0 when counted and the seconds to wait otherwise. Check and count are one step, so
     * parallel attempts cannot all pass the check before any of them is counted; an attempt that turns out
     * well is taken back with {@link #forgive}.
     */
    public long countOrWait(String address) {
        long now = clock.millis();
        if (failures.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        ArrayDeque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            long wait = retryAfterSeconds(address);
            if (wait > 0) {
                return wait;
            }
            times.addLast(now);
            while (times.size() > perHour) {
                times.removeFirst();
            }
            return 0;
        }
    }

    /** Takes back the newest attempt counted for the address (it succeeded). */
    public void forgive(String address) {
        ArrayDeque<Long> times = failures.get(address);
        if (times != null) {
            synchronized (times) {
                times.pollLast();
            }
        }
    }

    /** Counts one unknown code against the address. */
    public void recordFailure(String address) {
        long now = clock.millis();
        if (failures.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        ArrayDeque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            dropOlderThan(times, now - HOUR);
            times.addLast(now);
            while (times.size() > perHour) {
                times.removeFirst();
            }
        }
    }

    private void sweep(long now) {
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                dropOlderThan(e.getValue(), now - HOUR);
                return e.getValue().isEmpty();
            }
        });
    }

    private static void dropOlderThan(ArrayDeque<Long> times, long limit) {
        while (!times.isEmpty() && times.peekFirst() <= limit) {
            times.removeFirst();
        }
    }
}
