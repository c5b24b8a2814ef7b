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
 * ballots with fresh codes: first {@code bb.bench.warmup-ballots} (60,000, while the JIT compiles the framework),
 * then {@code bb.bench.seconds} (20) measured. Printed: ballots/s, p50/p99 of the measured ones, answers other than
 * 201, 5xx, CPU per ballot of each instance; then ballots stored = codes used = ballots acknowledged is checked.
 * {@code bb.bench.codes} (180,000) codes are issued first; the run stops early, and says so, if they run out.
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
        int warmup = Integer.getInteger("bb.bench.warmup-ballots", 60_000);
        int seconds = Integer.getInteger("bb.bench.seconds", 20);
        int codeCount = Integer.getInteger("bb.bench.codes", 180_000);
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

                Tally tally = new Tally();
                // Warm-up by count, not time: the JIT compiles the framework over the first tens of thousands of
                // requests of each instance, however long they take on a busy machine.
                drive(a.uri, b.uri, path, fresh, clients, tally, warmup, Long.MAX_VALUE);
                long[] cpuAtStart = {a.cpuNanos(), b.cpuNanos()};
                long measureFrom = System.nanoTime();
                long deadline = measureFrom + seconds * 1_000_000_000L;
                long[] all = drive(a.uri, b.uri, path, fresh, clients, tally, Integer.MAX_VALUE, deadline);
                long end = System.nanoTime();
                long[] cpu = {a.cpuNanos() - cpuAtStart[0], b.cpuNanos() - cpuAtStart[1]};
                boolean ranOut = fresh.isEmpty();
                double window = (Math.min(end, deadline) - measureFrom) / 1e9;

                Map<String, Object> counts = new Api(HttpClient.create(b.uri.toURL()), JsonMapper.createDefault())
                        .get("/api/elections/" + election + "/ballot-counts", admin).ok(200).map();
                long stored = ((Number) counts.get("total")).longValue();
                long codesUsed = api.get("/api/elections/" + election + "/code-batches", admin).list().stream()
                        .mapToLong(m -> ((Number) m.get("used")).longValue()).sum();
                int n = all.length;
                System.out.printf("%n==== two instances on one PostgreSQL (%d cores, %d clients, half on each instance; %d warm-up ballots, "
                                + "%.1f s measured%s) ====%n", Runtime.getRuntime().availableProcessors(), clients, warmup, window,
                        ranOut ? ", STOPPED EARLY: the codes ran out" : "");
                System.out.printf("measured: %d ballots = %.0f ballots/s  p50 %.2f ms  p99 %.2f ms  CPU/ballot: instance a+b %.0f us%n",
                        n, n / window, n == 0 ? 0 : all[n / 2] / 1e6, n == 0 ? 0 : all[Math.min(n - 1, (int) Math.round(n * 0.99))] / 1e6,
                        n == 0 ? 0 : (cpu[0] + cpu[1]) / 1e3 / n);
                System.out.printf("whole run: %d acknowledged, %d 5xx, %d other answers; stored %d, codes used %d; load average %.1f%n",
                        tally.acknowledged.get(), tally.serverErrors.get(), tally.other.get(), stored, codesUsed,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                assertEquals(0, tally.serverErrors.get(), "no 5xx");
                assertEquals(0, tally.other.get(), "every fresh code gets a receipt");
                assertEquals(tally.acknowledged.get(), stored, "ballots stored = ballots acknowledged");
                assertEquals(stored, codesUsed, "codes used = ballots stored");
            }
        }
    }

    /** Answers counted over the whole run. */
    private static final class Tally {
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong serverErrors = new AtomicLong();
        final AtomicLong other = new AtomicLong();
    }

    /**
     * Casts ballots from {@code clients} clients, alternately on {@code a} and {@code b}, until {@code count}
     * ballots were sent, the clock passes {@code deadline} or the codes run out. Returns the sorted latencies of
     * the answers that arrived before the deadline.
     */
    private static long[] drive(URI a, URI b, String path, Queue<String> fresh, int clients, Tally tally, int count,
                                long deadline) throws Exception {
        AtomicLong sent = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            URI target = c % 2 == 0 ? a : b;
            running.add(pool.submit(() -> {
                long[] mine = new long[1 << 14];
                int n = 0;
                try (KeepAliveClient http = new KeepAliveClient(target.getHost(), target.getPort())) {
                    long now;
                    while ((now = System.nanoTime()) < deadline && sent.incrementAndGet() <= count) {
                        String code = fresh.poll();
                        if (code == null) {
                            break;
                        }
                        int status = http.post(path, Voting.ballotJson(code, "a", Voting.submissionId()));
                        long done = System.nanoTime();
                        (status == 201 ? tally.acknowledged : status >= 500 ? tally.serverErrors : tally.other).incrementAndGet();
                        if (done <= deadline) {
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
        List<long[]> latencies = new ArrayList<>();
        for (Future<long[]> f : running) {
            latencies.add(f.get());
        }
        pool.shutdown();
        return latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    }
}
