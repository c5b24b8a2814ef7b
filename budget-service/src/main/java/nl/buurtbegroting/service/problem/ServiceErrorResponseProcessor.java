package nl.buurtbegroting.service.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.problem.HttpStatusType;
import io.micronaut.problem.ProblemErrorResponseProcessor;
import io.micronaut.problem.conf.ProblemConfiguration;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import org.zalando.problem.Problem;
import org.zalando.problem.ThrowableProblem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives the errors that Micronaut raises itself (unknown route, malformed JSON, missing token, body too
 * large, unexpected exception) the same shape as ours: a stable {@code type} and {@code code}, and a
 * fixed, generic {@code detail}. Framework messages are never passed on because they can name
 * internal classes; a 500 says nothing beyond its status.
 */
@Singleton
@Replaces(ProblemErrorResponseProcessor.class)
public class ServiceErrorResponseProcessor extends ProblemErrorResponseProcessor {

    public ServiceErrorResponseProcessor(ProblemConfiguration configuration) {
        super(configuration);
    }

    /**
     * Writes the problem as one flat JSON object ({@code code}, {@code field}... beside {@code type}),
     * as RFC 9457 extension members are meant to be, rather than nested under {@code parameters}.
     */
    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext errorContext, MutableHttpResponse<?> response) {
        ThrowableProblem problem = errorContext.getRootCause()
                .filter(ThrowableProblem.class::isInstance)
                .map(ThrowableProblem.class::cast)
                .orElseGet(() -> defaultProblem(errorContext, response.getStatus()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle() != null ? problem.getTitle() : response.getStatus().getReason());
        body.put("status", response.getStatus().getCode());
        if (problem.getDetail() != null && response.getStatus().getCode() < 500) {
            body.put("detail", problem.getDetail());
        }
        problem.getParameters().forEach(body::putIfAbsent);
        if (!body.containsKey("code")) {
            body.put("code", codeFor(response.getStatus()).name());
        }
        // Title and message in the caller's language (ProblemCode); the code stays the same in every language.
        // A problem may carry its specific Dutch message as "detailNl" (not a member of the answer).
        Object detailNl = body.remove("detailNl");
        ProblemCode known = ProblemCode.find(String.valueOf(body.get("code"))).orElse(null);
        if (known != null) {
            ProblemCode.Language language = known.languageFor(errorContext.getRequest().getHeaders().get("Accept-Language"));
            body.put("title", known.title(language));
            if (response.getStatus().getCode() < 500 && (language == ProblemCode.Language.NL || !body.containsKey("detail"))) {
                body.put("detail", language == ProblemCode.Language.NL && detailNl != null ? detailNl : known.message(language));
            }
            response.header("Content-Language", language.name().toLowerCase(java.util.Locale.ROOT));
        }
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Problem> typed = (MutableHttpResponse<Problem>) (MutableHttpResponse<?>)
                response.contentType(APPLICATION_PROBLEM_JSON).body(body);
        return typed;
    }

    @Override
    protected ThrowableProblem defaultProblem(ErrorContext errorContext, HttpStatus status) {
        ProblemCode code = codeFor(status);
        var builder = Problem.builder()
                .withType(ApiProblem.typeOf(code))
                .withStatus(new HttpStatusType(status))
                .withTitle(status.getReason())
                .with("code", code.name());
        String detail = detailFor(status);
        if (detail != null) {
            builder.withDetail(detail);
        }
        if (status.getCode() < 500 && !errorContext.getErrors().isEmpty()) {
            errorContext.getErrors().get(0).getPath().ifPresent(path -> builder.with("field", path));
        }
        return builder.build();
    }

    static ProblemCode codeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> ProblemCode.MALFORMED_REQUEST;
            case UNAUTHORIZED -> ProblemCode.UNAUTHORIZED;
            case FORBIDDEN -> ProblemCode.FORBIDDEN;
            case NOT_FOUND -> ProblemCode.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ProblemCode.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> ProblemCode.NOT_ACCEPTABLE;
            case REQUEST_ENTITY_TOO_LARGE -> ProblemCode.REQUEST_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status.getCode() >= 500 ? ProblemCode.INTERNAL_ERROR : ProblemCode.CLIENT_ERROR;
        };
    }

    private static String detailFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request could not be read: check the JSON syntax and the type of every field.";
            case UNAUTHORIZED -> "Log in first (POST /api/login) and send the token as 'Authorization: Bearer <token>'.";
            case FORBIDDEN -> "Your role does not allow this.";
            case NOT_FOUND -> "There is nothing at this address.";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is larger than the service accepts.";
            default -> null;
        };
    }
}
