package nl.buurtbegroting.service.voting;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** 429 as problem+json with a {@code Retry-After} header in seconds. */
@Singleton
@Produces
class TooManyFailedCodesHandler implements ExceptionHandler<TooManyFailedCodesException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    TooManyFailedCodesHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, TooManyFailedCodesException exception) {
        long seconds = Math.max(1, exception.retryAfterSeconds());
        return processor.processResponse(
                ErrorContext.builder(request).cause(VotingProblem.tooManyFailures(seconds)).build(),
                HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    }
}
