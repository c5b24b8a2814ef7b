package nl.buurtbegroting.service.hardening;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import nl.buurtbegroting.core.json.JsonWriter;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.security.PasswordHasher;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 11, fault 2: logins cannot starve ballots. Before, 40 parallel logins held every thread of the blocking
 * pool (32) while their password hashes ran, and a ballot waited 47 s. Now at most
 * {@code bb.security.login-concurrency} (8) logins are let in at once and the rest are answered 429 LOGIN_BUSY at
 * once, so the pool always has threads for ballots.
 *
 * <p>Shown without a stopwatch: every password check the service admits is held until the test lets it go, so the
 * logins hold their threads for as long as the test likes (a slow hash, taken to the extreme). Ballots must still be
 * answered meanwhile; with the fault they never would be, and the test fails on a ballot's timeout instead of on a
 * latency bound that a loaded machine can break. How fast ballots are under real login load is the benchmarks' job.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "LoginLatencyTest")
@Property(name = "datasources.default.maximum-pool-size", value = "10")
// Each login comes from an address of its own (X-Forwarded-For from this trusted proxy), as a burst from many residents'
// devices would: from one address the limit on logins in flight per address (10) would hide the fault this test pins.
@Property(name = "bb.voting.trusted-proxies", value = "127.0.0.1")
class LoginLatencyTest {

    /** More logins at once than the blocking pool has threads (32, application.yml). */
    private static final int LOGINS = 40;
    private static final int ADMITTED = 8;
    private static final int BALLOTS = 50;
    /** Only reached when something is wrong: a ballot or a login that is never answered. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static final GatedHasher HASHER = new GatedHasher();

    /** The real hasher, but a check waits while the gate is closed; it counts the checks waiting there. */
    static final class GatedHasher extends PasswordHasher {
        private volatile CountDownLatch gate;
        final AtomicInteger held = new AtomicInteger();

        GatedHasher() {
            super(1000);
        }

        void close() {
            gate = new CountDownLatch(1);
        }

        void open() {
            CountDownLatch g = gate;
            gate = null;
            if (g != null) {
                g.countDown();
            }
        }

        @Override
        public boolean matches(char[] password, String stored) {
            CountDownLatch g = gate;
            if (g != null) {
                held.incrementAndGet();
                try {
                    if (!g.await(5, TimeUnit.MINUTES)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } finally {
                    held.decrementAndGet();
                }
            }
            return super.matches(password, stored);
        }
    }

    @Factory
    @Requires(property = "spec.name", value = "LoginLatencyTest")
    static class GatedHasherFactory {
        @Singleton
        @Replaces(PasswordHasher.class)
        PasswordHasher hasher() {
            return HASHER;
        }
    }

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    io.micronaut.http.client.HttpClient micronautClient;

    @Inject
    JsonMapper json;

    @Test
    void ballotsAreAnsweredWhileEveryAdmittedLoginIsStuck() throws Exception {
        Api api = new Api(micronautClient, json);
        String admin = api.adminToken();
        long election = Lifecycle.draft(api, admin, "Drukte");
        List<String> codes = Lifecycle.issue(api, admin, election, BALLOTS, "drukte");
        api.post("/api/elections/" + election + "/open", null, admin).ok(200);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        HASHER.close();
        List<CompletableFuture<HttpResponse<String>>> logins = new ArrayList<>();
        try {
            for (int i = 0; i < LOGINS; i++) {
                logins.add(http.sendAsync(login("198.51.100." + (i + 1), Api.ADMIN, Api.ADMIN_PASSWORD),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // Eight are let in and stay stuck in their password check; every other one is sent away at once.
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (HASHER.held.get() < ADMITTED || logins.stream().filter(CompletableFuture::isDone).count() < LOGINS - ADMITTED) {
                for (CompletableFuture<HttpResponse<String>> answered : logins) {
                    if (answered.isDone() && answered.join().statusCode() != 429) {
                        fail("a login was answered while its password check was held: " + answered.join().statusCode()
                                + " " + answered.join().body());
                    }
                }
                if (HASHER.held.get() > ADMITTED) {
                    fail(HASHER.held.get() + " password checks let in at once, more than " + ADMITTED);
                }
                if (System.nanoTime() > deadline) {
                    fail(HASHER.held.get() + " password checks held, "
                            + logins.stream().filter(CompletableFuture::isDone).count() + " logins answered");
                }
                Thread.sleep(20);
            }
            for (CompletableFuture<HttpResponse<String>> answered : logins) {
                if (answered.isDone()) {
                    HttpResponse<String> r = answered.join();
                    assertEquals(429, r.statusCode(), r.body());
                    assertTrue(r.body().contains("\"code\":\"LOGIN_BUSY\""), r.body());
                    assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
                }
            }
            assertEquals(ADMITTED, HASHER.held.get(), "password checks let in at once");

            // The fault this pins: with every thread held by a login, this ballot would wait until its timeout.
            for (String code : codes) {
                HttpResponse<String> r = cast(http, election, code);
                assertEquals(201, r.statusCode(), r.body());
            }
            assertEquals(ADMITTED, HASHER.held.get(), "the logins were held all along");
            assertEquals(ADMITTED, logins.stream().filter(f -> !f.isDone()).count(), "the admitted logins are still waiting");
        } finally {
            HASHER.open();
        }
        // Let go, the admitted logins succeed: they were slow, not refused.
        int signedIn = 0;
        for (CompletableFuture<HttpResponse<String>> login : logins) {
            HttpResponse<String> r = login.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            if (r.statusCode() == 200) {
                signedIn++;
            }
        }
        assertEquals(ADMITTED, signedIn);
        assertFalse(HASHER.held.get() > 0);
        assertEquals(200, http.send(login("198.51.100.200", Api.ADMIN, Api.ADMIN_PASSWORD), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "the next login is let in again");
    }

    private HttpResponse<String> cast(HttpClient http, long election, String code) throws Exception {
        String body = JsonWriter.canonical(Lifecycle.ballot(code, List.of("a")));
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/elections/" + election + "/ballots"))
                .timeout(PATIENCE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest login(String address, String username, String password) {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        return HttpRequest.newBuilder(URI.create(server.getURL() + "/api/login")).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
