package nl.buurtbegroting.service.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.uri.UriMatchInfo;
import jakarta.inject.Singleton;

/**
 * A value in the address that does not fit its parameter ({@code /api/elections/abc}, an id past the largest
 * whole number, {@code ?limit=x}) is the caller's mistake in one named place: 400 VALIDATION_FAILED with that
 * {@code field} and what it must be. Framework's own answer was MALFORMED_REQUEST with "check the JSON syntax" and
 * the Java parameter's name as {@code "/id"}, for a request that may have had no JSON at all. Any other conversion
 * failure (inside a body) stays MALFORMED_REQUEST, without the internal path.
 */
@Singleton
@Produces
@Replaces(ConversionErrorHandler.class)
public class ConversionProblemHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    public ConversionProblemHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
        String name = exception.getArgument().getName();
        Class<?> type = exception.getArgument().getType();
        boolean inPath = BasicHttpAttributes.getRouteMatchInfo(request)
                .map(UriMatchInfo::getVariableValues)
                .map(values -> values.containsKey(name))
                .orElse(false);
        boolean inQuery = request.getParameters().contains(name);
        ApiProblem problem;
        if (inPath || inQuery) {
            String where = inPath ? "in the address" : "in the query";
            problem = ApiProblem.invalid(name, isWholeNumber(type) ? "NOT_A_WHOLE_NUMBER" : "WRONG_TYPE",
                    "'" + name + "' " + where + " must be " + expected(type));
        } else {
            problem = ApiProblem.of(ProblemCode.MALFORMED_REQUEST,
                    "The request could not be read: check the JSON syntax and the type of every field.");
        }
        return processor.processResponse(ErrorContext.builder(request).cause(problem).build(), HttpResponse.badRequest());
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == long.class || type == Long.class || type == int.class || type == Integer.class;
    }

    private static String expected(Class<?> type) {
        if (type == long.class || type == Long.class) {
            return "a whole number of at most " + Long.MAX_VALUE;
        }
        if (type == int.class || type == Integer.class) {
            return "a whole number of at most " + Integer.MAX_VALUE;
        }
        if (type.isEnum()) {
            StringBuilder out = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                out.append(i == 0 ? "" : ", ").append(((Enum<?>) constants[i]).name());
            }
            return out.toString();
        }
        return "a value of another form";
    }
}
