package nl.buurtbegroting.service.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import org.zalando.problem.ThrowableProblem;

/**
 * Answers every {@link ThrowableProblem} our code throws ({@link ApiProblem} and the voting problems) with
 * the {@link ErrorResponseProcessor}, exactly as micronaut-problem-json's exception handler does.
 *
 * <p>Why a route and not that handler: for an exception without an error route, Micronaut searches the
 * bean context for the closest {@code ExceptionHandler} on every failed request, and that search cost more
 * CPU than casting a whole ballot. A refused code or a retried ballot is an everyday answer under load
 * (63 of 64 racing submissions of one code are refused), so it must be cheap; error routes are matched
 * from the router's table.
 */
@Controller
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
class ProblemRoute {

    private final ErrorResponseProcessor<?> processor;

    ProblemRoute(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Error(global = true, exception = ThrowableProblem.class)
    HttpResponse<?> problem(HttpRequest<?> request, ThrowableProblem problem) {
        HttpStatus status = problem.getStatus() == null ? HttpStatus.BAD_REQUEST : HttpStatus.valueOf(problem.getStatus().getStatusCode());
        return processor.processResponse(ErrorContext.builder(request).cause(problem).errorMessage(problem.getMessage()).build(),
                HttpResponse.status(status));
    }
}
