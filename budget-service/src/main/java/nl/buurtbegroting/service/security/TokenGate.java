package nl.buurtbegroting.service.security;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.EventLoop;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Named;
import nl.buurtbegroting.service.problem.ApiProblem;
import nl.buurtbegroting.service.problem.ProblemCode;

import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Refuses a valid token whose account signed out after it was issued, or was disabled (401 TOKEN_ENDED). Runs after
 * the security filter has read the token; requests without one (residents voting) are not looked at, and do not
 * leave the event loop for it: only a token's check reads the database, on the blocking executor.
 */
@ServerFilter("/api/**")
@Order(39250) // ServerFilterPhase.SECURITY.after(): once the security filter has read the token
final class TokenGate {

    private final AccountSessions sessions;
    private final ExecutorService blocking;

    TokenGate(AccountSessions sessions, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.sessions = sessions;
        this.blocking = blocking;
    }

    /**
     * Without a token the request goes on at once (a completed future is taken up on the spot). With one, the
     * account is looked up on the blocking executor: the request goes on, or the answer is 401 TOKEN_ENDED (thrown,
     * so it is answered as every API problem is).
     */
    @RequestFilter
    CompletableFuture<HttpRequest<?>> check(HttpRequest<?> request) {
        Authentication auth = request.getUserPrincipal(Authentication.class).orElse(null);
        if (auth == null) {
            return CompletableFuture.completedFuture(request);
        }
        PropagatedContext context = PropagatedContext.getOrEmpty();
        return onEventLoop(request, CompletableFuture.supplyAsync(() -> {
            try (PropagatedContext.Scope ignored = context.propagate()) {
                Instant issued = issuedAt(auth.getAttributes().get("iat"));
                if (issued != null && sessions.accepts(auth.getName(), issued)) {
                    return request;
                }
                throw ApiProblem.of(ProblemCode.TOKEN_ENDED,
                        "This token was ended by signing out or by disabling the account. Log in again.");
            }
        }, blocking));
    }

    /**
     * The check's outcome, handed back to the connection's event loop before the request goes on. Going on from the
     * blocking thread, the route read its body from off the loop; Micronaut then completes the body on the loop
     * from inside its buffer's busy section, and when the body could not be bound (a 400 for a duplicate member,
     * say) it wrote the answer and released the body on that same stack, re-entering the buffer: with assertions on,
     * an {@code AssertionError} "Failed to build error response" for about one in six such requests of a signed-in
     * caller (ErrorPathAssertionTest).
     */
    private static CompletableFuture<HttpRequest<?>> onEventLoop(HttpRequest<?> request, CompletableFuture<HttpRequest<?>> checked) {
        if (!(request instanceof NettyHttpRequest<?> netty)) {
            return checked;
        }
        EventLoop loop = netty.getChannelHandlerContext().channel().eventLoop();
        CompletableFuture<HttpRequest<?>> resumed = new CompletableFuture<>();
        checked.whenComplete((checkedRequest, failure) -> loop.execute(() -> {
            if (failure != null) {
                resumed.completeExceptionally(failure);
            } else {
                resumed.complete(checkedRequest);
            }
        }));
        return resumed;
    }

    private static Instant issuedAt(Object iat) {
        if (iat instanceof Date d) {
            return d.toInstant();
        }
        if (iat instanceof Number n) {
            return Instant.ofEpochSecond(n.longValue());
        }
        if (iat instanceof Instant i) {
            return i;
        }
        return null;
    }
}
