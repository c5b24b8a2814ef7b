package nl.buurtbegroting.service.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.HttpServerConfiguration;

/**
 * Closes the connection after answering a body over the size limit. The server answers such a body (413, or a
 * page's 404 before its body is read) and then no longer reads it: a browser or an HTTP client that sends the whole
 * body before it reads the answer waited for ever (an organiser's 9 MB file on the import page). Closing ends the
 * wait; {@link LingeringClose} makes the close send the answer first and read the unread body away, so that the
 * answer reaches the client rather than a TCP reset.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class OversizedBodyClose {

    private final long maxRequestSize;

    public OversizedBodyClose(HttpServerConfiguration server) {
        this.maxRequestSize = server.getMaxRequestSize();
    }

    @ResponseFilter
    public void close(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() == 413 || request.getContentLength() > maxRequestSize) {
            response.getHeaders().set("Connection", "close");
        }
    }
}
