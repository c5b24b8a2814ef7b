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
import nl.buurtbegroting.service.voting.ClientAddressResolver;
import nl.buurtbegroting.service.voting.FailedCodeLimiter;

import java.time.Clock;
import java.util.Map;

/**
 * Slows down password guessing: per client address at most {@code bb.security.login-rate-limit.per-minute}
 * (10) failed logins a minute and {@code .per-hour} (100) an hour; after that every login from the address
 * is answered {@code 429 TOO_MANY_FAILED_LOGINS} with {@code Retry-After}, before the password is looked at.
 * Successful logins do not count, and an account is never locked (that would let anyone lock an organiser
 * out on the evening before the vote closes). Counted in memory, per instance, like the voting-code limit.
 */
@ServerFilter("/api/login")
class LoginThrottle {

    private final FailedCodeLimiter failures;
    private final ClientAddressResolver addresses;
    private final ErrorResponseProcessor<?> problems;

    LoginThrottle(@Property(name = "bb.security.login-rate-limit.per-minute", defaultValue = "10") int perMinute,
                  @Property(name = "bb.security.login-rate-limit.per-hour", defaultValue = "100") int perHour,
                  Clock clock, ClientAddressResolver addresses, ErrorResponseProcessor<?> problems) {
        this.failures = new FailedCodeLimiter(perMinute, perHour, clock);
        this.addresses = addresses;
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> beforeLogin(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.POST) {
            return null;
        }
        long wait = failures.retryAfterSeconds(addresses.addressOf(request));
        if (wait <= 0) {
            return null;
        }
        ApiProblem problem = ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_FAILED_LOGINS", "Too many failed logins",
                "Too many logins with a wrong user name or password came from your address. Try again in " + wait + " seconds.",
                Map.of("retryAfter", wait));
        return problems.processResponse(ErrorContext.builder(request).cause(problem).build(),
                HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(wait)));
    }

    @ResponseFilter
    void afterLogin(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getMethod() == HttpMethod.POST && response.code() == HttpStatus.UNAUTHORIZED.getCode()) {
            failures.recordFailure(addresses.addressOf(request));
        }
    }
}
