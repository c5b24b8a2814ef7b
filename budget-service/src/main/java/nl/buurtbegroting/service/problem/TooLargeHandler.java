package nl.buurtbegroting.service.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A body the framework finds too large while it reads it, said precisely: 413 REQUEST_TOO_LARGE with a stable
 * {@code reason} (which limit), the {@code limit} in bytes or parts, and the {@code part} when the limit is a part's.
 * Before, each was the same "The request body is larger than the service accepts", also for a 200 KB upload whose
 * only fault was a file name of 200,000 characters.
 *
 * <ul>
 *   <li>{@code BODY_TOO_LARGE}: a body without a length (chunked) grew past {@code micronaut.server.max-request-size};
 *       one with a length is refused before it is read ({@link RequestGuard}).</li>
 *   <li>{@code PART_TOO_LARGE}: one part of a multipart form is over {@code micronaut.server.multipart.max-file-size}.</li>
 *   <li>{@code TOO_MANY_PARTS}: the form has more parts than the server reads.</li>
 *   <li>{@code PART_HEADER_TOO_LONG}: a part's header lines (its name and file name) do not fit the buffer the form
 *       reader keeps ({@code micronaut.server.netty.form-max-buffered-bytes}); which part cannot be said, because its
 *       name is in the header that was too long.</li>
 * </ul>
 * The framework's exception carries these facts only in its message, so they are read from there; a message of
 * another form still gets 413 with reason {@code BODY_TOO_LARGE} and no invented numbers.
 */
@Singleton
@Produces
@Replaces(ContentLengthExceededHandler.class)
public class TooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {

    private static final Pattern BODY = Pattern.compile("The content length \\[(\\d+)] exceeds the maximum allowed content length \\[(\\d+)]");
    private static final Pattern PART = Pattern.compile("The part named \\[(.*)] exceeds the maximum allowed content length \\[(\\d+)]", Pattern.DOTALL);
    private static final Pattern FIELDS = Pattern.compile("Number of form fields exceeds configured limit of \\[(\\d+)]");
    private static final Pattern HEADER = Pattern.compile("Length of buffered form field exceeds configured limit of \\[(\\d+)]");

    private final ErrorResponseProcessor<?> processor;

    public TooLargeHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException exception) {
        return processor.processResponse(ErrorContext.builder(request).cause(problem(exception.getMessage())).build(),
                HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)).header(HttpHeaders.CONNECTION, "close");
    }

    static ApiProblem problem(String message) {
        String m = message == null ? "" : message;
        Map<String, Object> members = new LinkedHashMap<>();
        Matcher match;
        if ((match = PART.matcher(m)).find()) {
            String part = quoted(match.group(1));
            long limit = Long.parseLong(match.group(2));
            members.put("reason", "PART_TOO_LARGE");
            members.put("part", part);
            members.put("limit", limit);
            return ApiProblem.of(ProblemCode.REQUEST_TOO_LARGE, "The part '" + part + "' of the form is larger than "
                    + limit + " bytes" + megabytes(limit) + ", the most one part may be.", members);
        }
        if ((match = FIELDS.matcher(m)).find()) {
            long limit = Long.parseLong(match.group(1));
            members.put("reason", "TOO_MANY_PARTS");
            members.put("limit", limit);
            return ApiProblem.of(ProblemCode.REQUEST_TOO_LARGE, "The form has more than " + limit
                    + " parts, the most the service reads; send only the parts the address asks for.", members);
        }
        if ((match = HEADER.matcher(m)).find()) {
            long limit = Long.parseLong(match.group(1));
            members.put("reason", "PART_HEADER_TOO_LONG");
            members.put("limit", limit);
            return ApiProblem.of(ProblemCode.REQUEST_TOO_LARGE, "A part of the form has header lines (its name and"
                    + " file name) longer than " + limit + " bytes, more than the service reads; give the file a"
                    + " shorter name (the service shows at most 100 characters of it anyway).", members);
        }
        members.put("reason", "BODY_TOO_LARGE");
        if ((match = BODY.matcher(m)).find()) {
            long limit = Long.parseLong(match.group(2));
            members.put("limit", limit);
            return ApiProblem.of(ProblemCode.REQUEST_TOO_LARGE, "The request body is larger than " + limit + " bytes"
                    + megabytes(limit) + ", the most this service accepts in one request.", members);
        }
        return ApiProblem.of(ProblemCode.REQUEST_TOO_LARGE, "The request body is larger than the service accepts.", members);
    }

    /** A part's name as the answer may quote it: its first 100 characters, without control characters. */
    private static String quoted(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().filter(cp -> !Character.isISOControl(cp)).limit(100).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String megabytes(long bytes) {
        return bytes % (1 << 20) == 0 ? " (" + (bytes >> 20) + " MB)" : "";
    }
}
