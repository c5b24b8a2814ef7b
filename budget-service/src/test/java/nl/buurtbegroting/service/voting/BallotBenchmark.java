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
 * set. {@code -Dbb.bench.ballots=20000} and {@code -Dbb.bench.clients=32} change the load.
 */
@EnabledIfSystemProperty(named = "bb.bench", matches = "true")
class BallotBenchmark {

    @TempDir
    Path dir;

    @Test
    void ballotsPerSecondAgainstBareJdbc() throws Exception {
        int ballots = Integer.getInteger("bb.bench.ballots", 20_000);
        int clients = Integer.getInteger("bb.bench.clients", 32);
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

            // Warm-up: 1,000 ballots through the service (not counted).
            run(server.getURI(), election, codes.subList(0, 1_000), clients);
            long[] service = run(server.getURI(), election, codes.subList(1_000, codes.size()), clients);
            long[] bare = bareJdbc(dataSource, hasher, election, jdbcCodes, postgres, Math.min(clients, 10));
            long[] insertsOnly = insertsOnly(dataSource, election, ballots, Math.min(clients, 10));
            report(postgres ? "PostgreSQL" : "H2 file", service, bare, insertsOnly, clients);
        }
    }

    /** Latencies in nanoseconds (sorted), the last element the wall time. */
    private static long[] run(URI base, long election, List<String> codes, int clients) throws Exception {
        Load load = new Load();
        URI uri = base.resolve("/api/elections/" + election + "/ballots");
        long[] latencies = new long[codes.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            running.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < codes.size()) {
                    long t0 = System.nanoTime();
                    int status = load.post(uri, Voting.ballotJson(codes.get(i), "a", Voting.submissionId()));
                    latencies[i] = System.nanoTime() - t0;
                    if (status != 201) {
                        throw new IllegalStateException("status " + status + ": " + load.answers);
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
        return withWall(latencies, wall);
    }

    /** The same transaction as the service, without HTTP, JSON, validation or the framework. */
    private static long[] bareJdbc(DataSource ds, CodeHasher hasher, long election, List<String> codes, boolean postgres,
                                   int threads) throws Exception {
        List<byte[]> hashes = new ArrayList<>();
        for (String code : codes) {
            hashes.add(hasher.hash(VotingCode.parse(code)));
        }
        String lock = "SELECT state FROM election WHERE id = ? " + (postgres ? "FOR SHARE" : "FOR UPDATE");
        return parallel(ds, codes.size(), threads, (c, i, random) -> {
            try (PreparedStatement s = c.prepareStatement(lock)) {
                s.setLong(1, election);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE voting_code SET used = TRUE WHERE code_hash = ? AND election_id = ? AND used = FALSE")) {
                s.setBytes(1, hashes.get(i));
                s.setLong(2, election);
                assertEquals(1, s.executeUpdate());
            }
            insertRows(c, election, random);
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
        return withWall(latencies, wall);
    }

    private static long[] withWall(long[] latencies, long wall) {
        long[] out = Arrays.copyOf(latencies, latencies.length + 1);
        Arrays.sort(out, 0, latencies.length);
        out[latencies.length] = wall;
        return out;
    }

    private static void report(String db, long[] service, long[] bare, long[] inserts, int clients) {
        System.out.printf("%n==== ballot benchmark (%s, %d clients, %d cores) ====%n", db, clients,
                Runtime.getRuntime().availableProcessors());
        line("service over HTTP", service);
        line("bare JDBC, same transaction", bare);
        line("bare JDBC, the two inserts only", inserts);
        System.out.printf("service / bare same transaction = %.2f%n", rate(service) / rate(bare));
    }

    private static void line(String what, long[] r) {
        int n = r.length - 1;
        System.out.printf("%-34s %7.0f ballots/s   p50 %6.2f ms   p99 %6.2f ms   (%d ballots)%n", what, rate(r),
                r[n / 2] / 1e6, r[(int) Math.min(n - 1, Math.round(n * 0.99))] / 1e6, n);
    }

    private static double rate(long[] r) {
        return (r.length - 1) / (r[r.length - 1] / 1e9);
    }
}
