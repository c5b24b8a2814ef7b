package nl.buurtbegroting.service.problem;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers, before anything else, the requests the service refuses for their shape, each as problem+json with its
 * own status: a URL longer than 8 KB (414 URI_TOO_LONG), headers over 16 KB together (431 HEADERS_TOO_LARGE; the
 * server reads up to 64 KB so that it gets to say so), and a request carrying the {@code Origin} of another site
 * (403 FOREIGN_ORIGIN). The last replaces the framework's cross-origin refusal, which is a bare 403 with no body.
 * Same origin is the request's own {@code Host}, or {@code bb.public-url}.
 *
 * <p>An API request whose {@code Content-Length} is over {@code micronaut.server.max-request-size} is answered here
 * too (413 REQUEST_TOO_LARGE naming its size and the limit), before anything subscribes to its body. The framework's
 * own refusal comes from inside its body buffer, which writes the answer while still busy and, with assertions on,
 * logs an {@code AssertionError} ("Failed to build error response") for every such request. Pages keep the
 * framework's path, because they answer with their own page; a chunked body without a length is found too large only
 * while it is read, so it keeps that path as well ({@link TooLargeHandler} says which limit).
 *
 * <p>A login ({@code POST /api/login}) is taken only as JSON (415 UNSUPPORTED_MEDIA_TYPE otherwise): the security
 * module would also read a form, where a field given twice silently counted once, while the JSON body is read as
 * strictly as every other ({@link StrictJsonReader}).
 *
 * <p>{@code Origin: null} is what a browser sends with a form post from a page served with
 * {@code Referrer-Policy: no-referrer}, as every page of this service is: it is refused only when the browser also
 * says the request is not same-origin ({@code Sec-Fetch-Site} present and not {@code same-origin}). Otherwise the
 * pages' own forms would all be refused; they need no more, since organiser forms carry a CSRF token and resident
 * forms carry no ambient credential.
 */
@ServerFilter("/**")
@Order(Ordered.HIGHEST_PRECEDENCE)
final class RequestGuard {

    static final int MAX_URI = 8 * 1024;
    static final int MAX_HEADERS = 16 * 1024;

    private final ErrorResponseProcessor<?> problems;
    private final String publicOrigin;
    private final long maxRequestSize;

    RequestGuard(ErrorResponseProcessor<?> problems, @Property(name = "bb.public-url", defaultValue = "") String publicUrl,
                 HttpServerConfiguration server) {
        this.problems = problems;
        this.publicOrigin = origin(publicUrl);
        this.maxRequestSize = server.getMaxRequestSize();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> guard(HttpRequest<?> request) {
        if (request.getUri().toString().length() > MAX_URI) {
            return refuse(request, ProblemCode.URI_TOO_LONG,
                    "The address of the request is longer than " + MAX_URI + " characters.");
        }
        long size = 0;
        for (Map.Entry<String, List<String>> header : request.getHeaders()) {
            for (String value : header.getValue()) {
                size += header.getKey().length() + value.length() + 4;
            }
        }
        if (size > MAX_HEADERS) {
            return refuse(request, ProblemCode.HEADERS_TOO_LARGE,
                    "The request's headers are larger than " + MAX_HEADERS + " bytes together.");
        }
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin != null && !sameOrigin(request, origin)) {
            return refuse(request, ProblemCode.FOREIGN_ORIGIN,
                    "This service does not answer requests that pages of other sites make in a browser.");
        }
        if (request.getMethod() == HttpMethod.POST && request.getPath().equals("/api/login")
                && request.getContentType().filter(t -> !t.getSubtype().equals("json")).isPresent()) {
            // The security module also reads a form here, where a member given twice silently counted once.
            return refuse(request, ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send the login as JSON: {\"username\": \"...\", \"password\": \"...\"} with Content-Type: application/json.");
        }
        long length = request.getContentLength();
        if (length > maxRequestSize && request.getPath().startsWith("/api/")) {
            ApiProblem problem = ApiProblem.of(ProblemCode.REQUEST_TOO_LARGE, "The request body is " + length
                    + " bytes; this service accepts at most " + maxRequestSize + " bytes (" + (maxRequestSize >> 20)
                    + " MB) in one request.", sizeAndLimit(length));
            // The body stays unread: the connection is closed after the answer (LingeringClose reads the rest away).
            return problems.processResponse(ErrorContext.builder(request).cause(problem).build(),
                    HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)).header(HttpHeaders.CONNECTION, "close");
        }
        return null;
    }

    private Map<String, Object> sizeAndLimit(long length) {
        Map<String, Object> members = new java.util.LinkedHashMap<>();
        members.put("reason", "BODY_TOO_LARGE");
        members.put("size", length);
        members.put("limit", maxRequestSize);
        return members;
    }

    private boolean sameOrigin(HttpRequest<?> request, String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (o.equals("null")) {
            String site = request.getHeaders().get("Sec-Fetch-Site");
            return site == null || site.strip().equalsIgnoreCase("same-origin");
        }
        if (!publicOrigin.isEmpty() && o.equals(publicOrigin)) {
            return true;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        return o.equals("http://" + h) || o.equals("https://" + h);
    }

    private static String origin(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        try {
            URI u = URI.create(url.strip());
            return (u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private HttpResponse<?> refuse(HttpRequest<?> request, ProblemCode code, String detail) {
        ApiProblem problem = ApiProblem.of(code, detail);
        return problems.processResponse(ErrorContext.builder(request).cause(problem).build(),
                HttpResponse.status(HttpStatus.valueOf(code.status())));
    }
}
