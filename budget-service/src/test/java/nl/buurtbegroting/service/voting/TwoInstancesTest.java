package nl.buurtbegroting.service.voting;

import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import nl.buurtbegroting.service.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 11: two service instances on one PostgreSQL, 16 concurrent voters each; one in ten votes re-sends a code
 * already used, through the other instance. No 5xx, and codes used = ballots stored = ballots acknowledged. Runs
 * {@code bb.two-instances.seconds} (5 in CI; the documented run used 60) when {@code BB_TEST_PG_URL} is set.
 */
class TwoInstancesTest {

    private static final int VOTERS_PER_INSTANCE = 16;

    @TempDir
    Path dir;

    @Test
    void twoInstancesCountEveryCodeOnce() throws Exception {
        String url = System.getenv("BB_TEST_PG_URL");
        assumeTrue(url != null && !url.isBlank(), "BB_TEST_PG_URL is not set");
        int seconds = Integer.getInteger("bb.two-instances.seconds", 5);
        Map<String, String> env = ServiceProcess.baseEnvironment();
        env.put("DATASOURCES_DEFAULT_URL", url);
        env.put("DATASOURCES_DEFAULT_USERNAME", System.getenv("BB_TEST_PG_USER"));
        env.put("DATASOURCES_DEFAULT_PASSWORD", System.getenv("BB_TEST_PG_PASSWORD"));
        env.put("BB_KEY_DIR", dir.resolve("keys").toString()); // one signing key for both, as a deployment would share it
        env.put("BB_JWT_SECRET", "two-instances-share-one-token-secret-of-32+-bytes"); // and one token secret
        env.put("BB_DATA_DIR", dir.resolve("a").toString());
        try (ServiceProcess a = ServiceProcess.start(env, dir.resolve("a.log"))) {
            env.put("BB_DATA_DIR", dir.resolve("b").toString());
            try (ServiceProcess b = ServiceProcess.start(env, dir.resolve("b.log"))) {
                Api api = new Api(HttpClient.create(a.uri.toURL()), JsonMapper.createDefault());
                String admin = api.adminToken();
                long election = Voting.draft(api, admin, "Twee instanties");
                Queue<String> fresh = new ConcurrentLinkedQueue<>();
                for (int left = 3_000 * seconds; left > 0; left -= 50_000) { // CSVs under the client's 10 MB
                    fresh.addAll(Voting.issue(api, admin, election, Math.min(50_000, left), "twee"));
                }
                Voting.open(api, admin, election);
                Queue<String> used = new ConcurrentLinkedQueue<>();
                AtomicLong acknowledged = new AtomicLong();
                AtomicLong refusedReuse = new AtomicLong();
                AtomicLong serverErrors = new AtomicLong();
                AtomicLong other = new AtomicLong();
                java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                long started = System.nanoTime();
                long deadline = started + Duration.ofSeconds(seconds).toNanos();
                ExecutorService pool = Executors.newFixedThreadPool(2 * VOTERS_PER_INSTANCE);
                List<Future<?>> voters = new ArrayList<>();
                for (int v = 0; v < 2 * VOTERS_PER_INSTANCE; v++) {
                    URI mine = v % 2 == 0 ? a.uri : b.uri;
                    URI theirs = v % 2 == 0 ? b.uri : a.uri;
                    voters.add(pool.submit(() -> {
                        while (System.nanoTime() < deadline) {
                            boolean reuse = ThreadLocalRandom.current().nextInt(10) == 0 && !used.isEmpty();
                            String code = reuse ? used.peek() : fresh.poll();
                            if (code == null) {
                                break;
                            }
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                            URI.create((reuse ? theirs : mine) + "/api/elections/" + election + "/ballots"))
                                    .timeout(Duration.ofSeconds(60)) // a ballot never answered fails the test, not CI's clock
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(Voting.ballotJson(code, "a", Voting.submissionId())))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 201 && !reuse) {
                                acknowledged.incrementAndGet();
                                used.add(code);
                            } else if (r.statusCode() == 409 && reuse && r.body().contains("CODE_ALREADY_USED")) {
                                refusedReuse.incrementAndGet();
                            } else if (r.statusCode() >= 500) {
                                serverErrors.incrementAndGet();
                            } else {
                                other.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : voters) {
                    f.get();
                }
                pool.shutdown();
                double elapsed = (System.nanoTime() - started) / 1e9;
                Map<String, Object> counts = new Api(HttpClient.create(b.uri.toURL()), JsonMapper.createDefault())
                        .get("/api/elections/" + election + "/ballot-counts", admin).ok(200).map();
                long stored = ((Number) counts.get("total")).longValue();
                long codesUsed = api.get("/api/elections/" + election + "/code-batches", admin).list().stream()
                        .mapToLong(m -> ((Number) m.get("used")).longValue()).sum();
                System.out.printf("TwoInstancesTest: %.1f s (of %d), %d voters on each of 2 instances: %d ballots acknowledged "
                                + "(%.0f/s), %d re-sent codes refused, %d other answers, %d 5xx; stored %d, codes used %d%n",
                        elapsed, seconds, VOTERS_PER_INSTANCE, acknowledged.get(), acknowledged.get() / elapsed,
                        refusedReuse.get(), other.get(), serverErrors.get(), stored, codesUsed);
                assertEquals(0, serverErrors.get(), "no 5xx");
                assertEquals(0, other.get(), "every answer is a receipt or CODE_ALREADY_USED for a re-sent code");
                assertEquals(acknowledged.get(), stored, "ballots stored = ballots acknowledged");
                assertEquals(stored, codesUsed, "codes used = ballots stored");
                assertTrue(acknowledged.get() > 0);
            }
        }
    }
}
