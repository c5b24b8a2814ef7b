package nl.buurtbegroting.service.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;

import java.time.Instant;
import java.util.Date;

/**
 * Refuses a valid token whose account signed out after it was issued, or was disabled (401 TOKEN_ENDED). Runs after
 * the security filter has read the token; requests without one (residents voting) are not looked at.
 */
@ServerFilter("/api/**")
@Order(39250) // ServerFilterPhase.SECURITY.after(): once the security filter has read the token
final class TokenGate {

    private final AccountSessions sessions;
    private final ErrorResponseProcessor<?> problems;

    TokenGate(AccountSessions sessions, ErrorResponseProcessor<?> problems) {
        this.sessions = sessions;
        this.problems = problems;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        Authentication auth = request.getUserPrincipal(Authentication.class).orElse(null);
        if (auth == null) {
            return null;
        }
        Instant issued = issuedAt(auth.getAttributes().get("iat"));
        if (issued != null && sessions.accepts(auth.getName(), issued)) {
            return null;
        }
        ApiProblem problem = ApiProblem.of(ProblemCode.TOKEN_ENDED,
                "This token was ended by signing out or by disabling the account. Log in again.");
        return problems.processResponse(ErrorContext.builder(request).cause(problem).build(),
                HttpResponse.status(HttpStatus.UNAUTHORIZED));
    }

    private static Instant issuedAt(Object iat) {
        if (iat instanceof Date d) {
            return d.toInstant();
        }
        if (iat instanceof Number n) {
            return Instant.ofEpochSecond(n.longValue());
        }
        if (iat instanceof Instant i) {
            return i;
        }
        return null;
    }
}
