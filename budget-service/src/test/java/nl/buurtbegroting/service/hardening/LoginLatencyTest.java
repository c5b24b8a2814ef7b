package nl.buurtbegroting.service.hardening;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.core.json.JsonWriter;
import nl.buurtbegroting.service.Api;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, fault 2: while logins hammer the service with real-cost password hashes, ballots keep their
 * latency, because hashing runs on its own one-thread executor behind a bounded admission. Before, 40
 * parallel logins held every thread of the blocking pool for a minute and a ballot waited 47 s.
 */
@MicronautTest(transactional = false)
@Property(name = "bb.security.password-iterations", value = "600000")
@Property(name = "datasources.default.maximum-pool-size", value = "10")
class LoginLatencyTest {

    // Enough ballots that one pause (a collection, a compilation) does not decide the p99 alone.
    private static final int BALLOTS = 300;
    private static final int LOGIN_THREADS = 16;

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    io.micronaut.http.client.HttpClient micronautClient;

    @Inject
    JsonMapper json;

    @Test
    void ballotsKeepTheirLatencyWhileAHundredLoginsHammer() throws Exception {
        Api api = new Api(micronautClient, json);
        String admin = api.adminToken();
        long election = Lifecycle.draft(api, admin, "Drukte");
        List<String> codes = Lifecycle.issue(api, admin, election, 2 * BALLOTS + 20, "drukte");
        api.post("/api/elections/" + election + "/open", null, admin).ok(200);
        HttpClient http = HttpClient.newHttpClient();
        // Warm up the ballot path and the login path (JIT, connections) before measuring, so that compiling
        // either does not land in one of the two measurements.
        for (int i = 0; i < 20; i++) {
            assertEquals(201, cast(http, election, codes.get(i)).statusCode());
        }
        for (int i = 0; i < 3; i++) {
            http.send(login(Api.ADMIN, Api.ADMIN_PASSWORD), HttpResponse.BodyHandlers.ofString());
        }
        long[] idle = measure(http, election, codes.subList(20, 20 + BALLOTS));

        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger logins = new AtomicInteger();
        Map<Integer, AtomicInteger> loginStatus = new ConcurrentHashMap<>();
        ExecutorService hammer = Executors.newFixedThreadPool(LOGIN_THREADS);
        for (int t = 0; t < LOGIN_THREADS; t++) {
            hammer.submit(() -> {
                while (!done.get() || logins.get() < 100) {
                    int status = http.send(login(Api.ADMIN, Api.ADMIN_PASSWORD), HttpResponse.BodyHandlers.ofString()).statusCode();
                    logins.incrementAndGet();
                    loginStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status == 429) {
                        Thread.sleep(50); // an impatient client: far sooner than Retry-After asks
                    }
                }
                return null;
            });
        }
        Thread.sleep(500);
        long[] busy = measure(http, election, codes.subList(20 + BALLOTS, 20 + 2 * BALLOTS));
        done.set(true);
        hammer.shutdown();
        assertTrue(hammer.awaitTermination(5, TimeUnit.MINUTES));

        long idleP99 = p99(idle);
        long busyP99 = p99(busy);
        System.out.printf("LoginLatencyTest: ballot p99 idle %.1f ms, during %d logins %.1f ms; login answers %s%n",
                idleP99 / 1e6, logins.get(), busyP99 / 1e6, loginStatus);
        assertTrue(logins.get() >= 100, "logins " + logins.get());
        assertTrue(loginStatus.containsKey(200), "some logins succeed: " + loginStatus);
        assertTrue(loginStatus.keySet().stream().allMatch(s -> s == 200 || s == 429), "only 200 or 429 LOGIN_BUSY: " + loginStatus);
        // The fault this pins made a ballot wait tens of seconds (47 s) behind the logins. The bound catches any such
        // starvation (a ballot queued behind even one 600,000-iteration hash takes about 0.5 s) but not the ordinary
        // jitter of a shared 2-core machine whose other load a test does not control: latency itself is measured by
        // the ballot benchmark, not asserted here.
        assertTrue(busyP99 <= Math.max(4 * idleP99, 400_000_000L),
                "ballot p99 under login load " + busyP99 / 1e6 + " ms against " + idleP99 / 1e6 + " ms idle");
    }

    private long[] measure(HttpClient http, long election, List<String> codes) throws Exception {
        long[] times = new long[codes.size()];
        for (int i = 0; i < codes.size(); i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = cast(http, election, codes.get(i));
            times[i] = System.nanoTime() - start;
            assertEquals(201, r.statusCode(), r.body());
        }
        return times;
    }

    private static long p99(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    }

    private HttpResponse<String> cast(HttpClient http, long election, String code) throws Exception {
        String body = JsonWriter.canonical(Lifecycle.ballot(code, List.of("a")));
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/elections/" + election + "/ballots"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest login(String username, String password) {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        return HttpRequest.newBuilder(URI.create(server.getURL() + "/api/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
