package nl.buurtbegroting.service.voting;

import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import nl.buurtbegroting.service.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: ballots per second with two service instances on one PostgreSQL, all on one machine. Not part of
 * the suite; with a PostgreSQL from {@code eval "$(bash .ci/pg-start.sh)"} run
 * <pre>
 * mvn -pl budget-service -am test -Dtest=TwoInstancesBenchmark -Dbb.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Both instances run as deployed (own JVM, default JIT, one signing key and token secret) on the same database.
 * {@code bb.bench.clients} (16) clients, half on each instance, each on one kept-alive HTTP/1.1 connection, cast
 * ballots with fresh codes: first {@code bb.bench.warmup-seconds} (15, the JIT compiling the framework), then
 * {@code bb.bench.seconds} (20) measured. Printed: ballots/s, p50/p99 of the measured ones, answers other than
 * 201, 5xx, CPU per ballot of each instance; then ballots stored = codes used = ballots acknowledged is checked.
 * {@code bb.bench.codes} (150,000) codes are issued first; the run stops early, and says so, if they run out.
 * {@code -Dbb.bench.jvm="..."} adds options to both services' JVMs.
 */
@EnabledIfSystemProperty(named = "bb.bench", matches = "true")
class TwoInstancesBenchmark {

    @TempDir
    Path dir;

    @Test
    void ballotsPerSecondOnTwoInstances() throws Exception {
        String url = System.getenv("BB_TEST_PG_URL");
        assertTrue(url != null && !url.isBlank(), "needs PostgreSQL: set BB_TEST_PG_URL (eval \"$(bash .ci/pg-start.sh)\")");
        int clients = Integer.getInteger("bb.bench.clients", 16);
        int warmup = Integer.getInteger("bb.bench.warmup-seconds", 15);
        int seconds = Integer.getInteger("bb.bench.seconds", 20);
        int codeCount = Integer.getInteger("bb.bench.codes", 150_000);
        List<String> jvm = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
        for (String option : System.getProperty("bb.bench.jvm", "").split(" ")) {
            if (!option.isBlank()) {
                jvm.add(option);
            }
        }
        Map<String, String> env = ServiceProcess.baseEnvironment();
        env.put("DATASOURCES_DEFAULT_URL", url);
        env.put("DATASOURCES_DEFAULT_USERNAME", System.getenv("BB_TEST_PG_USER"));
        env.put("DATASOURCES_DEFAULT_PASSWORD", System.getenv("BB_TEST_PG_PASSWORD"));
        env.put("BB_KEY_DIR", dir.resolve("keys").toString()); // one signing key for both, as a deployment shares it
        env.put("BB_JWT_SECRET", "two-instances-share-one-token-secret-of-32+-bytes");
        env.put("BB_DATA_DIR", dir.resolve("a").toString());
        try (ServiceProcess a = ServiceProcess.startWith(env, dir.resolve("a.log"), jvm)) {
            env.put("BB_DATA_DIR", dir.resolve("b").toString());
            try (ServiceProcess b = ServiceProcess.startWith(env, dir.resolve("b.log"), jvm)) {
                Api api = new Api(HttpClient.create(a.uri.toURL()), JsonMapper.createDefault());
                String admin = api.adminToken();
                long election = Voting.draft(api, admin, "Twee instanties, benchmark");
                Queue<String> fresh = new ConcurrentLinkedQueue<>();
                for (int left = codeCount; left > 0; left -= 50_000) { // CSVs under the client's 10 MB
                    fresh.addAll(Voting.issue(api, admin, election, Math.min(50_000, left), "bench"));
                }
                Voting.open(api, admin, election);
                String path = "/api/elections/" + election + "/ballots";

                AtomicLong acknowledged = new AtomicLong();
                AtomicLong serverErrors = new AtomicLong();
                AtomicLong other = new AtomicLong();
                long start = System.nanoTime();
                long measureFrom = start + warmup * 1_000_000_000L;
                long deadline = measureFrom + seconds * 1_000_000_000L;
                long[] cpuAtStart = new long[2];
                List<long[]> latencies = new ArrayList<>();
                ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
                // Reads the services' CPU when the measured window opens.
                Future<?> cpuProbe = pool.submit(() -> {
                    Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
                    cpuAtStart[0] = a.cpuNanos();
                    cpuAtStart[1] = b.cpuNanos();
                    return null;
                });
                List<Future<long[]>> running = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    URI target = c % 2 == 0 ? a.uri : b.uri;
                    running.add(pool.submit(() -> {
                        long[] mine = new long[1 << 16];
                        int n = 0;
                        try (KeepAliveClient http = new KeepAliveClient(target.getHost(), target.getPort())) {
                            long now;
                            while ((now = System.nanoTime()) < deadline) {
                                String code = fresh.poll();
                                if (code == null) {
                                    break;
                                }
                                int status = http.post(path, Voting.ballotJson(code, "a", Voting.submissionId()));
                                long done = System.nanoTime();
                                if (status == 201) {
                                    acknowledged.incrementAndGet();
                                } else if (status >= 500) {
                                    serverErrors.incrementAndGet();
                                } else {
                                    other.incrementAndGet();
                                }
                                if (now >= measureFrom && done <= deadline) {
                                    if (n == mine.length) {
                                        mine = Arrays.copyOf(mine, 2 * n);
                                    }
                                    mine[n++] = done - now;
                                }
                            }
                        }
                        return Arrays.copyOf(mine, n);
                    }));
                }
                for (Future<long[]> f : running) {
                    latencies.add(f.get());
                }
                cpuProbe.get();
                long end = System.nanoTime();
                long[] cpu = {a.cpuNanos() - cpuAtStart[0], b.cpuNanos() - cpuAtStart[1]};
                pool.shutdown();
                boolean ranOut = fresh.isEmpty();
                long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
                double window = (Math.min(end, deadline) - measureFrom) / 1e9;

                Map<String, Object> counts = new Api(HttpClient.create(b.uri.toURL()), JsonMapper.createDefault())
                        .get("/api/elections/" + election + "/ballot-counts", admin).ok(200).map();
                long stored = ((Number) counts.get("total")).longValue();
                long codesUsed = api.get("/api/elections/" + election + "/code-batches", admin).list().stream()
                        .mapToLong(m -> ((Number) m.get("used")).longValue()).sum();
                int n = all.length;
                System.out.printf("%n==== two instances on one PostgreSQL (%d cores, %d clients, half on each instance; %d s warm-up, "
                                + "%.1f s measured%s) ====%n", Runtime.getRuntime().availableProcessors(), clients, warmup, window,
                        ranOut ? ", STOPPED EARLY: the codes ran out" : "");
                System.out.printf("measured: %d ballots = %.0f ballots/s  p50 %.2f ms  p99 %.2f ms  CPU/ballot: instance a+b %.0f us%n",
                        n, n / window, n == 0 ? 0 : all[n / 2] / 1e6, n == 0 ? 0 : all[Math.min(n - 1, (int) Math.round(n * 0.99))] / 1e6,
                        n == 0 ? 0 : (cpu[0] + cpu[1]) / 1e3 / n);
                System.out.printf("whole run: %d acknowledged, %d 5xx, %d other answers; stored %d, codes used %d; load average %.1f%n",
                        acknowledged.get(), serverErrors.get(), other.get(), stored, codesUsed,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                assertEquals(0, serverErrors.get(), "no 5xx");
                assertEquals(0, other.get(), "every fresh code gets a receipt");
                assertEquals(acknowledged.get(), stored, "ballots stored = ballots acknowledged");
                assertEquals(stored, codesUsed, "codes used = ballots stored");
            }
        }
    }
}
