package nl.buurtbegroting.service.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The headers every answer of the service carries, pages and API alike, errors included: no content
 * sniffing, no framing, no Referer (a vote page's address must never travel to another site), and a
 * Content-Security-Policy that allows only this service's own files: no inline script or style, so an
 * injected tag does nothing. Answers that hold a voting code or a receipt are never stored by a browser or a
 * proxy ({@code Cache-Control: no-store}): the vote pages, the ballot check and the ballot API.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeaders {

    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'";

    /** Swagger UI's page carries inline script that the strict policy would block; only it gets this one. */
    static final String SWAGGER_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'; object-src 'none'";

    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders h = response.getHeaders();
        String path = request.getPath();
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Content-Security-Policy", path.startsWith("/swagger-ui/") ? SWAGGER_CSP : CSP);
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        if (holdsCodeOrReceipt(path)) {
            h.set("Cache-Control", "no-store");
        }
    }

    /** The pages and API answers that carry a voting code or a receipt. */
    static boolean holdsCodeOrReceipt(String path) {
        return path.startsWith("/vote/") || path.equals("/vote")
                || (path.startsWith("/elections/") && path.endsWith("/check"))
                || (path.startsWith("/api/elections/") && (path.endsWith("/ballots") || path.contains("/receipts/")
                || path.contains("/paper-ballots") || path.contains("/code-batches")));
    }
}
