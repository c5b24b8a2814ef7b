package nl.buurtbegroting.service.security;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;
import nl.buurtbegroting.service.security.ClientAddressResolver;
import nl.buurtbegroting.service.security.FailedCodeLimiter;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slows down password guessing and keeps logins from starving ballots.
 *
 * <p>Per client address at most {@code bb.security.login-rate-limit.per-minute} (10) failed logins a minute
 * and {@code .per-hour} (100) an hour; after that every login from the address is answered
 * {@code 429 TOO_MANY_FAILED_LOGINS} with {@code Retry-After}, before the password is looked at. An attempt
 * counts as failed from the moment it is let in and is taken back when it succeeds, so 16 parallel wrong
 * passwords cannot all slip in before the first one is counted. An account is never locked (that would let
 * anyone lock an organiser out on the evening before the vote closes).
 *
 * <p>Password hashing is slow on purpose (PBKDF2, 600,000 rounds) and runs on its own small executor
 * ({@code micronaut.executors.login}, see {@link AccountAuthenticationProvider}); at most
 * {@code bb.security.login-concurrency} (8) logins are let in at once, and any more are answered
 * {@code 429 LOGIN_BUSY} with {@code Retry-After: 1} at once instead of queueing. Counted in memory, per
 * instance; an admission whose answer never came (a dropped connection) expires after two minutes.
 */
@ServerFilter("/api/login")
class LoginThrottle {

    private static final String ADMITTED = LoginThrottle.class.getName() + ".admitted";
    private static final long STALE_MILLIS = 120_000;

    private final FailedCodeLimiter failures;
    private final ClientAddressResolver addresses;
    private final ErrorResponseProcessor<?> problems;
    private final Clock clock;
    private final int concurrency;
    private final Map<Long, Long> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    LoginThrottle(@Property(name = "bb.security.login-rate-limit.per-minute", defaultValue = "10") int perMinute,
                  @Property(name = "bb.security.login-rate-limit.per-hour", defaultValue = "100") int perHour,
                  @Property(name = "bb.security.login-concurrency", defaultValue = "8") int concurrency,
                  Clock clock, ClientAddressResolver addresses, ErrorResponseProcessor<?> problems) {
        if (concurrency < 1) {
            throw new IllegalStateException("bb.security.login-concurrency must be at least 1");
        }
        this.failures = new FailedCodeLimiter(perMinute, perHour, clock);
        this.addresses = addresses;
        this.problems = problems;
        this.clock = clock;
        this.concurrency = concurrency;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> beforeLogin(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.POST) {
            return null;
        }
        Long admission = admit();
        if (admission == null) {
            return refuse(request, ApiProblem.of(ProblemCode.LOGIN_BUSY,
                    "The service is checking as many passwords as it takes at once. Try again in a second.",
                    Map.of("retryAfter", 1L)), 1);
        }
        String address = addresses.addressOf(request);
        long wait = failures.countOrWait(address);
        if (wait > 0) {
            inFlight.remove(admission);
            return refuse(request, ApiProblem.of(ProblemCode.TOO_MANY_FAILED_LOGINS,
                    "Too many logins with a wrong user name or password came from your address. Try again in " + wait
                            + " seconds.", Map.of("retryAfter", wait)), wait);
        }
        request.setAttribute(ADMITTED, admission);
        return null;
    }

    @ResponseFilter
    void afterLogin(HttpRequest<?> request, MutableHttpResponse<?> response) {
        // A token is a secret: no cache may keep the answer that carries it.
        response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        Long admission = request.getAttribute(ADMITTED, Long.class).orElse(null);
        if (admission == null || inFlight.remove(admission) == null) {
            return;
        }
        if (response.code() != HttpStatus.UNAUTHORIZED.getCode()) {
            failures.forgive(addresses.addressOf(request));
        }
    }

    /** A ticket for one login, or null when {@code concurrency} logins are in flight already. */
    private synchronized Long admit() {
        long now = clock.millis();
        if (inFlight.size() >= concurrency) {
            inFlight.values().removeIf(started -> started < now - STALE_MILLIS);
            if (inFlight.size() >= concurrency) {
                return null;
            }
        }
        long id = ids.incrementAndGet();
        inFlight.put(id, now);
        return id;
    }

    private HttpResponse<?> refuse(HttpRequest<?> request, ApiProblem problem, long wait) {
        return problems.processResponse(ErrorContext.builder(request).cause(problem).build(),
                HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(wait)));
    }
}
