package nl.buurtbegroting.service.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.problem.violations.ProblemConstraintViolationExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns bean-validation failures into one problem with the offending fields as JSON paths of the
 * request body ({@code ballot.maxProjects}, {@code categories[1].name}), not as Java method paths.
 */
@Singleton
@Produces
@Replaces(ProblemConstraintViolationExceptionHandler.class)
@Requires(classes = ConstraintViolationException.class)
public class ValidationExceptionHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    public ValidationExceptionHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
        List<Violation> violations = exception.getConstraintViolations().stream()
                .map(ValidationExceptionHandler::toViolation)
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::code))
                .toList();
        ApiProblem problem = violations.isEmpty()
                ? ApiProblem.invalid("", ProblemCode.VALIDATION_FAILED.name(), "The request is not valid.")
                : ApiProblem.invalid(violations);
        return processor.processResponse(ErrorContext.builder(request).cause(problem).build(), HttpResponse.badRequest());
    }

    public static Violation toViolation(ConstraintViolation<?> violation) {
        return new Violation(jsonPath(violation.getPropertyPath()), code(violation), violation.getMessage());
    }

    /** {@code create.request.ballot.maxProjects} becomes {@code ballot.maxProjects}. */
    static String jsonPath(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                // The body parameter itself is not part of the JSON document the client sent.
                continue;
            }
            if (node.getIndex() != null && out.length() > 0) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(node.getName());
            }
        }
        return out.toString();
    }

    /** {@code @NotBlank} becomes {@code NOT_BLANK}. */
    static String code(ConstraintViolation<?> violation) {
        String simple = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return simple.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
