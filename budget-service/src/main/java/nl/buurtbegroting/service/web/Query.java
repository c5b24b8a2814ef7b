package nl.buurtbegroting.service.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;

/**
 * A page's query parameter as a browser's address gives it. Bound as a plain String, a parameter given twice arrives
 * joined with a comma ({@code ?page=1&page=2} as "1,2", {@code ?back=/&back=//x} as "/,//x"), which is neither value.
 * Pages take the first, as browsers and most sites do, and ignore parameters they do not know; the JSON API refuses
 * both instead ({@code problem/QueryGuard}), because a program can be told precisely what it sent wrong.
 */
public final class Query {

    private Query() {
    }

    /** The first value of {@code name}, or null when it is absent or empty. */
    public static @Nullable String first(HttpRequest<?> request, String name) {
        String value = request.getParameters().getAll(name).stream().findFirst().orElse(null);
        return value == null || value.isEmpty() ? null : value;
    }
}
