package nl.buurtbegroting.service.voting;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.codes.CodeHasher;
import nl.buurtbegroting.service.codes.VotingCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ballots per second and latency through the whole service (HTTP, validation, the locked transaction),
 * against bare JDBC doing the same writes. Not part of the suite; run it with
 * <pre>
 * mvn -pl budget-service -am test -Dtest=BallotBenchmark -Dbb.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * On the file H2 database of the default configuration, or on PostgreSQL when {@code BB_TEST_PG_URL} is
 * set. {@code -Dbb.bench.ballots=20000} and {@code -Dbb.bench.clients=16} change the load.
 */
@EnabledIfSystemProperty(named = "bb.bench", matches = "true")
class BallotBenchmark {

    @TempDir
    Path dir;

    @Test
    void ballotsPerSecondAgainstBareJdbc() throws Exception {
        int ballots = Integer.getInteger("bb.bench.ballots", 20_000);
        int clients = Integer.getInteger("bb.bench.clients", 16);
        Map<String, Object> properties = new HashMap<>();
        properties.put("bb.code-key", Voting.CODE_KEY);
        properties.put("micronaut.server.port", -1);
        properties.put("bb.data-dir", dir.toString());
        properties.put("bb.admin.username", Api.ADMIN);
        properties.put("bb.admin.password", Api.ADMIN_PASSWORD);
        properties.put("bb.security.password-iterations", 1000);
        String pg = System.getenv("BB_TEST_PG_URL");
        boolean postgres = pg != null && !pg.isBlank();
        if (postgres) {
            properties.put("datasources.default.url", pg);
            properties.put("datasources.default.username", System.getenv("BB_TEST_PG_USER"));
            properties.put("datasources.default.password", System.getenv("BB_TEST_PG_PASSWORD"));
        }
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            Api api = new Api(HttpClient.create(server.getURL()), JsonMapper.createDefault());
            String admin = api.adminToken();
            long election = Voting.draft(api, admin, "Benchmark");
            List<String> codes = Voting.issue(api, admin, election, ballots, "bench");
            List<String> jdbcCodes = Voting.issue(api, admin, election, ballots, "bench-jdbc");
            Voting.open(api, admin, election);
            DataSource dataSource = DelegatingDataSource.unwrapDataSource(server.getApplicationContext().getBean(DataSource.class));
            CodeHasher hasher = server.getApplicationContext().getBean(CodeHasher.class);

            // Warm-up (not counted): the HTTP path with typo'd codes, then 1,000 ballots.
            List<String> warmTypos = codes.subList(1_000, codes.size()).stream().map(BallotBenchmark::typo).toList();
            run(server.getURI(), election, warmTypos, clients, 422);
            run(server.getURI(), election, codes.subList(0, 1_000), clients, 201);
            long[] service = run(server.getURI(), election, codes.subList(1_000, codes.size()), clients, 201);
            // The same requests with a code that fails its check symbol: HTTP, JSON, validation, no database.
            List<String> typos = codes.subList(1_000, codes.size()).stream().map(BallotBenchmark::typo).toList();
            long[] floor = run(server.getURI(), election, typos, clients, 422);
            long[] bare = bareJdbc(dataSource, hasher, election, jdbcCodes, postgres, Math.min(clients, 10));
            long[] insertsOnly = insertsOnly(dataSource, election, ballots, Math.min(clients, 10));
            report(postgres ? "PostgreSQL" : "H2 file", service, floor, bare, insertsOnly, clients);
        }
    }

    /** Latencies in nanoseconds (sorted), the last element the wall time. */
    private static String typo(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (last == '7' ? '8' : '7');
    }

    private static long[] run(URI base, long election, List<String> codes, int clients, int expected) throws Exception {
        String path = "/api/elections/" + election + "/ballots";
        long[] latencies = new long[codes.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long cpu = cpuNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            running.add(pool.submit(() -> {
                try (KeepAliveClient http = new KeepAliveClient(base.getHost(), base.getPort())) {
                    int i;
                    while ((i = next.getAndIncrement()) < codes.size()) {
                        long t0 = System.nanoTime();
                        int status = http.post(path, Voting.ballotJson(codes.get(i), "a", Voting.submissionId()));
                        latencies[i] = System.nanoTime() - t0;
                        if (status != expected) {
                            throw new IllegalStateException("status " + status);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        long wall = System.nanoTime() - start;
        pool.shutdown();
        return withWall(latencies, wall, cpuNanos() - cpu);
    }

    /** A minimal HTTP/1.1 client on one kept-alive connection, so the load generator costs little CPU. */
    private static final class KeepAliveClient implements AutoCloseable {
        private final java.net.Socket socket;
        private final java.io.OutputStream out;
        private final java.io.BufferedInputStream in;

        KeepAliveClient(String host, int port) throws java.io.IOException {
            socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            out = new java.io.BufferedOutputStream(socket.getOutputStream());
            in = new java.io.BufferedInputStream(socket.getInputStream());
        }

        int post(String path, String json) throws java.io.IOException {
            byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = line();
            int length = 0;
            String header;
            while (!(header = line()).isEmpty()) {
                if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).strip());
                }
            }
            in.readNBytes(length);
            return Integer.parseInt(status.substring(9, 12));
        }

        private String line() throws java.io.IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new java.io.EOFException();
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    /** The same transaction as the service, without HTTP, JSON, validation or the framework. */
    private static long[] bareJdbc(DataSource ds, CodeHasher hasher, long election, List<String> codes, boolean postgres,
                                   int threads) throws Exception {
        List<byte[]> hashes = new ArrayList<>();
        for (String code : codes) {
            hashes.add(hasher.hash(VotingCode.parse(code)));
        }
        String lock = "SELECT state FROM election WHERE id = ? " + (postgres ? "FOR SHARE" : "FOR UPDATE");
        // The service's order: consume the code, insert, then lock the election row until the commit.
        return parallel(ds, codes.size(), threads, (c, i, random) -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE voting_code SET used = TRUE WHERE code_hash = ? AND election_id = ? AND used = FALSE")) {
                s.setBytes(1, hashes.get(i));
                s.setLong(2, election);
                assertEquals(1, s.executeUpdate());
            }
            insertRows(c, election, random);
            try (PreparedStatement s = c.prepareStatement(lock)) {
                s.setLong(1, election);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                }
            }
        });
    }

    /** Only the two inserts of a ballot, one transaction each. */
    private static long[] insertsOnly(DataSource ds, long election, int n, int threads) throws Exception {
        return parallel(ds, n, threads, (c, i, random) -> insertRows(c, election, random));
    }

    private static void insertRows(Connection c, long election, SecureRandom random) throws Exception {
        byte[] id = new byte[16];
        byte[] nonce = new byte[16];
        byte[] lookup = new byte[32];
        byte[] sealed = new byte[120];
        random.nextBytes(id);
        random.nextBytes(nonce);
        random.nextBytes(lookup);
        random.nextBytes(sealed);
        String content = "{\"projects\":[\"a\"]}";
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO ballot (id, election_id, channel, cast_on, content, nonce, commitment) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setBytes(1, id);
            s.setLong(2, election);
            s.setString(3, "ONLINE");
            s.setDate(4, Date.valueOf(LocalDate.now()));
            s.setString(5, content);
            s.setBytes(6, nonce);
            s.setBytes(7, CanonicalBallot.commitment(election, nonce, content));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ballot_submission (lookup, election_id, sealed) VALUES (?, ?, ?)")) {
            s.setBytes(1, lookup);
            s.setLong(2, election);
            s.setBytes(3, sealed);
            s.executeUpdate();
        }
    }

    private interface Work {
        void run(Connection c, int i, SecureRandom random) throws Exception;
    }

    /** Runs {@code n} units of work from {@code threads} threads, one committed transaction each. */
    private static long[] parallel(DataSource ds, int n, int threads, Work work) throws Exception {
        long[] latencies = new long[n];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        long cpu = cpuNanos();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                SecureRandom random = new SecureRandom();
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    int i;
                    while ((i = next.getAndIncrement()) < n) {
                        long t0 = System.nanoTime();
                        work.run(c, i, random);
                        c.commit();
                        latencies[i] = System.nanoTime() - t0;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        long wall = System.nanoTime() - start;
        pool.shutdown();
        return withWall(latencies, wall, cpuNanos() - cpu);
    }

    /** Latencies sorted, then the wall time, then the process CPU time, both in nanoseconds. */
    private static long[] withWall(long[] latencies, long wall, long cpu) {
        long[] out = Arrays.copyOf(latencies, latencies.length + 2);
        Arrays.sort(out, 0, latencies.length);
        out[latencies.length] = wall;
        out[latencies.length + 1] = cpu;
        return out;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void report(String db, long[] service, long[] floor, long[] bare, long[] inserts, int clients) {
        System.out.printf("%n==== ballot benchmark (%s, %d clients, %d cores) ====%n", db, clients,
                Runtime.getRuntime().availableProcessors());
        line("service over HTTP", service);
        line("HTTP floor (typo'd code, no database)", floor);
        line("bare JDBC, same transaction", bare);
        line("bare JDBC, the two inserts only", inserts);
        System.out.printf("service / bare same transaction = %.2f (rate), %.2f (CPU per ballot); load average %.1f%n",
                rate(service) / rate(bare), cpu(bare) / cpu(service),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void line(String what, long[] r) {
        int n = r.length - 2;
        double cpuPerBallot = r[n + 1] / (double) n;
        System.out.printf("%-38s %7.0f ballots/s   p50 %6.2f ms   p99 %6.2f ms   CPU %5.0f us/ballot (%5.0f/s on %d idle cores)   (%d ballots)%n",
                what, rate(r), r[n / 2] / 1e6, r[(int) Math.min(n - 1, Math.round(n * 0.99))] / 1e6, cpuPerBallot / 1e3,
                Runtime.getRuntime().availableProcessors() * 1e9 / cpuPerBallot, Runtime.getRuntime().availableProcessors(), n);
    }

    private static double cpu(long[] r) {
        return r[r.length - 1] / (double) (r.length - 2);
    }

    private static double rate(long[] r) {
        return (r.length - 2) / (r[r.length - 2] / 1e9);
    }
}
