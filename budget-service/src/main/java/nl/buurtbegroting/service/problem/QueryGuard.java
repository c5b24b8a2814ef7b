package nl.buurtbegroting.service.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.MethodBasedRouteInfo;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The query of every API address is checked against the parameters that address declares, before anything else
 * reads it: a name the address does not take ({@code ?pgae=2}, a typo that was silently ignored), a parameter given
 * twice ({@code ?page=1&page=2}, which the binder answered "must be a whole number"), and one given without a value
 * ({@code ?limit=}, read as absent) are each 400 VALIDATION_FAILED naming the parameter, with the violation codes
 * {@code UNKNOWN_PARAMETER}, {@code REPEATED_PARAMETER} and {@code EMPTY_PARAMETER}. What a value must be (a whole
 * number, in a range) is said by the address itself ({@link ConversionProblemHandler} and the controllers).
 *
 * <p>Runs after {@link RequestGuard} and before the security filters: the parameters an address takes are public
 * (the OpenAPI document), so saying them to a caller without a token tells nothing.
 */
@ServerFilter("/api/**")
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
final class QueryGuard {

    private final ErrorResponseProcessor<?> problems;
    private final Map<RouteInfo<?>, Set<String>> declared = new ConcurrentHashMap<>();

    QueryGuard(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> guard(HttpRequest<?> request) {
        if (request.getParameters().isEmpty()) {
            return null;
        }
        RouteInfo<?> route = RouteAttributes.getRouteInfo(request).orElse(null);
        if (route == null) {
            // No address matched: the answer is 404 or 405, and the query does not matter.
            return null;
        }
        Set<String> known = declared.computeIfAbsent(route, QueryGuard::queryParameters);
        List<Violation> violations = new ArrayList<>();
        for (String name : new TreeSet<>(request.getParameters().names())) {
            List<String> values = request.getParameters().getAll(name);
            String shown = shown(name);
            if (!known.contains(name)) {
                violations.add(new Violation(shown, "UNKNOWN_PARAMETER", "'" + shown + "' is not a parameter of this address; "
                        + (known.isEmpty() ? "it takes none" : "it takes " + String.join(", ", known))));
            } else if (values.size() > 1) {
                violations.add(new Violation(name, "REPEATED_PARAMETER", "'" + name + "' is given " + values.size()
                        + " times; give it once"));
            } else if (values.isEmpty() || values.get(0).isEmpty()) {
                violations.add(new Violation(name, "EMPTY_PARAMETER", "'" + name + "' has no value; give one or leave '"
                        + name + "' out"));
            }
        }
        if (violations.isEmpty()) {
            return null;
        }
        return problems.processResponse(ErrorContext.builder(request).cause(ApiProblem.invalid(violations)).build(),
                HttpResponse.badRequest());
    }

    /** The names of the query parameters a route binds ({@code @QueryValue}, by its value or the argument's name). */
    private static Set<String> queryParameters(RouteInfo<?> route) {
        Set<String> names = new TreeSet<>();
        if (route instanceof MethodBasedRouteInfo<?, ?> method) {
            for (Argument<?> a : method.getTargetMethod().getArguments()) {
                if (a.getAnnotationMetadata().hasAnnotation(QueryValue.class)) {
                    names.add(a.getAnnotationMetadata().stringValue(QueryValue.class).filter(v -> !v.isEmpty()).orElse(a.getName()));
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** A parameter's name as the answer quotes it: at most 100 characters, no control characters. */
    private static String shown(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().filter(cp -> !Character.isISOControl(cp)).limit(100).forEach(out::appendCodePoint);
        return out.toString();
    }
}
