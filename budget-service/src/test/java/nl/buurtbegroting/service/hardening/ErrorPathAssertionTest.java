package nl.buurtbegroting.service.hardening;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With assertions on (as surefire runs), Micronaut logged "Failed to build error response" with an
 * {@code AssertionError} from its body buffer for about one in six refused bodies of a signed-in caller, and for every
 * body over the size limit. The cause was ours to avoid: {@code TokenGate} let the request go on from the blocking
 * thread that checked the token, so the body was read from off the event loop, and the framework then answered a body
 * that could not be bound from inside its buffer's busy section. The request now goes on from the event loop, and a
 * body over the limit is refused before it is read ({@code RequestGuard}). Sixty refused bodies were enough to see
 * the warning before.
 */
@MicronautTest(transactional = false)
class ErrorPathAssertionTest extends ApiTestBase {

    @Inject
    EmbeddedServer server;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger routing = (Logger) LoggerFactory.getLogger("io.micronaut.http.server.netty.RoutingInBoundHandler");

    @BeforeEach
    void listen() {
        logged.start();
        routing.addAppender(logged);
    }

    @AfterEach
    void stop() {
        routing.detachAppender(logged);
    }

    @Test
    void refusedBodiesOfASignedInCallerLogNoFrameworkAssertion() throws Exception {
        assumeTrue(io.micronaut.http.body.stream.BaseSharedBuffer.class.desiredAssertionStatus(),
                "the framework's assertions are off, so the fault could not show");
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 60; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/elections"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + admin)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"A\",\"name\":\"B\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"code\":\"DUPLICATE_FIELD\""), r.body());
        }
        List<String> warnings = logged.list.stream()
                .filter(e -> e.getThrowableProxy() != null && e.getThrowableProxy().getClassName().equals(AssertionError.class.getName()))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of(), warnings);
    }
}
