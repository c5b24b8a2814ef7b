package nl.buurtbegroting.service.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedRouteHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedPartRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;

/**
 * A request without something its address needs: no body at all (an empty POST to {@code /api/elections} or to the
 * Pabulib import), a multipart upload without its part {@code file}, a missing query value. Says which, instead of
 * the framework's "check the JSON syntax" with the Java parameter's name ({@code "/request"}) as the field.
 */
@Singleton
@Produces
@Replaces(UnsatisfiedRouteHandler.class)
public class MissingInputHandler implements ExceptionHandler<UnsatisfiedRouteException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    public MissingInputHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, UnsatisfiedRouteException exception) {
        String name = exception.getArgument().getName();
        ApiProblem problem;
        if (exception instanceof UnsatisfiedBodyRouteException) {
            problem = ApiProblem.of(ProblemCode.MALFORMED_REQUEST,
                    "The request has no body; this address needs one (a JSON object, or the file for an import).");
        } else if (exception instanceof UnsatisfiedPartRouteException) {
            problem = ApiProblem.invalid(name, "PART_MISSING",
                    "the multipart request has no part named '" + name + "'; send the file as that part");
        } else {
            problem = ApiProblem.invalid(name, "NOT_NULL", "'" + name + "' is required");
        }
        return processor.processResponse(ErrorContext.builder(request).cause(problem).build(), HttpResponse.badRequest());
    }
}
