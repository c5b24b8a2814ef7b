package nl.buurtbegroting.service.voting;

import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ballot.StoredBallot;
import nl.buurtbegroting.service.codes.CodeHasher;
import nl.buurtbegroting.service.codes.VotingCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ballots per second and latency through the whole service (HTTP, validation, signing the receipt, the
 * locked transaction), against bare JDBC doing the same writes. Not part of the suite; run it with
 * <pre>
 * mvn -pl budget-service -am test -Dtest=BallotBenchmark -Dbb.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * On a file H2 database, or on PostgreSQL when {@code BB_TEST_PG_URL} (with {@code BB_TEST_PG_USER} and
 * {@code BB_TEST_PG_PASSWORD}) is set.
 *
 * <p>The service runs as it is deployed, in a JVM of its own ({@code -Xmx1g}, the default JIT), and the
 * load comes from this JVM over kept-alive HTTP/1.1 connections. First come warm-up rounds (a running
 * service has long finished compiling its hot paths; the first tens of thousands of requests measure the
 * JIT, not the service), then measured rounds; rates are the median of the rounds. The bare-JDBC rounds
 * run from this JVM after the service has stopped (an embedded H2 file has one owner at a time), on the same
 * database, with the service's exact statements: one transaction per ballot (with 20, 10 and 5 connections,
 * as the service did before group commit and does with {@code bb.voting.writers=0}), and grouped as the
 * service's writers group (2 connections with groups of half the clients, 1 with groups of all of them). The
 * ratio printed last is against the fastest of them all; {@code -Dbb.bench.service=false} runs bare JDBC only,
 * {@code -Dbb.bench.bare=false} the service only.
 *
 * <p>Settings: {@code -Dbb.bench.ballots=5000} (per round), {@code -Dbb.bench.warmups=10},
 * {@code -Dbb.bench.iterations=5}, {@code -Dbb.bench.clients=16}, {@code -Dbb.bench.connections=20} (bare JDBC's
 * connections; keep it equal to the service's pool); {@code -Dbb.bench.jvm="-Dkey=value ..."}
 * adds options to the service's JVM (service settings such as
 * {@code -Ddatasources.default.maximum-pool-size=4}, or a profiler: {@code {run}} in them becomes {@code service} for
 * the measured process and {@code setup-N} for those that only issue the bare-JDBC rounds' codes, e.g.
 * {@code -XX:StartFlightRecording=filename=/tmp/{run}.jfr,settings=profile}).
 */
@EnabledIfSystemProperty(named = "bb.bench", matches = "true")
class BallotBenchmark {

    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

    @TempDir
    Path dir;

    @Test
    void ballotsPerSecondAgainstBareJdbc() throws Exception {
        int perRound = Integer.getInteger("bb.bench.ballots", 5_000);
        int rounds = Integer.getInteger("bb.bench.iterations", 5);
        int warmups = Integer.getInteger("bb.bench.warmups", 10);
        int clients = Integer.getInteger("bb.bench.clients", 16);
        String pg = System.getenv("BB_TEST_PG_URL");
        boolean postgres = pg != null && !pg.isBlank();
        String user = postgres ? System.getenv("BB_TEST_PG_USER") : "sa";
        String password = postgres ? System.getenv("BB_TEST_PG_PASSWORD") : "";
        List<String> jvm = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
        for (String option : System.getProperty("bb.bench.jvm", "").split(" ")) {
            if (!option.isBlank()) {
                jvm.add(option);
            }
        }
        int total = (warmups + rounds) * perRound;

        // The service and every bare-JDBC setting each start from a fresh database (on H2 a file of their own,
        // on PostgreSQL an election of their own) holding the same number of codes, and run the same number
        // of ballots: an H2 file grows with every commit, so a database another had used would not compare.
        List<Round> service = new ArrayList<>();
        List<Round> floor = new ArrayList<>();
        if (Boolean.parseBoolean(System.getProperty("bb.bench.service", "true"))) {
        try (ServiceProcess process = ServiceProcess.startWith(environment(dir.resolve("service"), pg, user, password),
                dir.resolve("service.log"), named(jvm, "service"));
             HttpClient http = HttpClient.create(process.uri.toURL())) {
            Api api = new Api(http, JsonMapper.createDefault());
            String admin = api.adminToken();
            long election = Voting.draft(api, admin, "Benchmark");
            List<String> codes = issue(api, admin, election, total, "bench");
            Voting.open(api, admin, election);
            int next = 0;
            for (int w = 0; w < warmups; w++) {
                List<String> batch = codes.subList(next, next += perRound);
                run(process, election, typos(batch), clients, 422);
                run(process, election, batch, clients, 201);
            }
            for (int i = 0; i < rounds; i++) {
                service.add(run(process, election, codes.subList(next, next += perRound), clients, 201));
                // The same requests with a code that fails its check symbol: HTTP, JSON, validation, a
                // problem+json answer, and no database.
                floor.add(run(process, election, typos(codes.subList(0, perRound)), clients, 422));
            }
        }
        }
        double serviceLoad = loadAverage();

        CodeHasher hasher = new CodeHasher(Base64.getDecoder().decode(Voting.CODE_KEY));
        // Bare JDBC one ballot a transaction, with as many connections as the service may use (its pool,
        // datasources.default.maximum-pool-size), with 10 and with 5; and grouped the way the service's writers
        // group (bb.voting.writers, BallotWriters): 2 or 1 connections, each transaction holding as many ballots
        // as the clients can have waiting for that writer. The baseline is whichever carries most, so the
        // comparison never flatters the service.
        List<Setting> settings = new ArrayList<>();
        Stream.of(Integer.getInteger("bb.bench.connections", 20), 10, 5).map(n -> Math.min(clients, n)).distinct()
                .forEach(n -> settings.add(new Setting(n, 1)));
        settings.add(new Setting(2, Math.max(1, clients / 2)));
        settings.add(new Setting(1, clients));
        Map<Setting, List<Round>> bareBy = new java.util.LinkedHashMap<>();
        if (!Boolean.parseBoolean(System.getProperty("bb.bench.bare", "true"))) {
            settings.clear();
        }
        for (Setting setting : settings) {
            Path bareData = dir.resolve("bare-" + setting.threads() + "-" + setting.group());
            long bareElection;
            List<String> bareCodes;
            try (ServiceProcess process = ServiceProcess.startWith(environment(bareData, pg, user, password),
                    dir.resolve("setup.log"), named(jvm, "setup-" + setting.threads() + "-" + setting.group()));
                 HttpClient http = HttpClient.create(process.uri.toURL())) {
                Api api = new Api(http, JsonMapper.createDefault());
                String admin = api.adminToken();
                bareElection = Voting.draft(api, admin, "Benchmark, bare JDBC, " + setting);
                bareCodes = issue(api, admin, bareElection, total, "bench-jdbc");
                Voting.open(api, admin, bareElection);
            }
            String jdbcUrl = postgres ? pg : "jdbc:h2:file:" + bareData.resolve("buurtbegroting") + H2_OPTIONS;
            Jdbc jdbc = () -> DriverManager.getConnection(jdbcUrl, user, password);
            List<Round> bare = new ArrayList<>();
            // Held open through all rounds, as the service holds its pool: an embedded H2 database closes
            // with its last connection.
            try (Connection keeper = jdbc.open()) {
                int next = 0;
                for (int w = 0; w < warmups; w++) {
                    bareJdbc(jdbc, hasher, bareElection, bareCodes.subList(next, next += perRound), postgres, setting);
                }
                for (int i = 0; i < rounds; i++) {
                    bare.add(bareJdbc(jdbc, hasher, bareElection, bareCodes.subList(next, next += perRound), postgres, setting));
                }
            }
            bareBy.put(setting, bare);
        }
        report(postgres ? "PostgreSQL" : "H2 file", service, floor, bareBy, clients, warmups, perRound, serviceLoad);
    }

    /** The JVM options with {@code {run}} replaced, so that a profiler's file names the process it profiled. */
    private static List<String> named(List<String> jvm, String run) {
        return jvm.stream().map(o -> o.replace("{run}", run)).toList();
    }

    /** Codes in batches of at most 50,000, so no CSV outgrows the test client's 10 MB limit. */
    private static List<String> issue(Api api, String admin, long election, int n, String label) {
        List<String> codes = new ArrayList<>(n);
        while (codes.size() < n) {
            codes.addAll(Voting.issue(api, admin, election, Math.min(50_000, n - codes.size()), label));
        }
        return codes;
    }

    private static Map<String, String> environment(Path data, String pg, String user, String password) {
        Map<String, String> env = ServiceProcess.baseEnvironment();
        env.put("BB_DATA_DIR", data.toString());
        if (pg != null && !pg.isBlank()) {
            env.put("DATASOURCES_DEFAULT_URL", pg);
            env.put("DATASOURCES_DEFAULT_USERNAME", user);
            env.put("DATASOURCES_DEFAULT_PASSWORD", password);
        }
        return env;
    }

    /** One measured round: latencies, wall time, and CPU time of the service process and of this one. */
    private record Round(long[] sortedLatencies, long wallNanos, long serviceCpuNanos, long clientCpuNanos) {

        double rate() {
            return sortedLatencies.length / (wallNanos / 1e9);
        }
    }

    private interface Jdbc {
        Connection open() throws Exception;
    }

    private static List<String> typos(List<String> codes) {
        return codes.stream().map(BallotBenchmark::typo).toList();
    }

    /** The code with its check symbol changed: refused as a typo before any database work. */
    private static String typo(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (last == '7' ? '8' : '7');
    }

    private static Round run(ServiceProcess service, long election, List<String> codes, int clients, int expected) throws Exception {
        URI base = service.uri;
        String path = "/api/elections/" + election + "/ballots";
        long[] latencies = new long[codes.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long serviceCpu = service.cpuNanos();
        long cpu = cpuNanos();
        long start = System.nanoTime();
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
        Arrays.sort(latencies);
        return new Round(latencies, wall, service.cpuNanos() - serviceCpu, cpuNanos() - cpu);
    }

    /** A bare-JDBC setting: connections, and ballots in each transaction. */
    private record Setting(int threads, int group) {
        @Override
        public String toString() {
            return group == 1 ? threads + " conn., one ballot a transaction" : threads + " conn., groups of " + group;
        }
    }

    /**
     * The same transactions as the service, without HTTP, JSON, validation or the framework: consume the codes,
     * insert, then lock the election row until the commit; with groups, each statement as one batch for the
     * whole group, as {@code BallotStore.castTogether} sends them.
     */
    private static Round bareJdbc(Jdbc ds, CodeHasher hasher, long election, List<String> codes, boolean postgres,
                                   Setting setting) throws Exception {
        List<byte[]> hashes = new ArrayList<>();
        for (String code : codes) {
            hashes.add(hasher.hash(VotingCode.parse(code)));
        }
        String lock = "SELECT state FROM election WHERE id = ? " + (postgres ? "FOR SHARE" : "FOR UPDATE");
        return parallel(ds, codes.size(), setting, (c, from, to, random) -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE voting_code SET used = TRUE WHERE code_hash = ? AND election_id = ? AND used = FALSE")) {
                for (int i = from; i < to; i++) {
                    s.setBytes(1, hashes.get(i));
                    s.setLong(2, election);
                    s.addBatch();
                }
                for (int count : s.executeBatch()) {
                    assertEquals(1, count);
                }
            }
            insertRows(c, election, to - from, random);
            try (PreparedStatement s = c.prepareStatement(lock)) {
                s.setLong(1, election);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                }
            }
        });
    }

    private static void insertRows(Connection c, long election, int n, SecureRandom random) throws Exception {
        String content = "{\"projects\":[\"a\"]}";
        try (PreparedStatement ballot = c.prepareStatement(
                "INSERT INTO ballot (id, election_id, channel, cast_on, content, nonce, commitment) VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement submission = c.prepareStatement(
                     "INSERT INTO ballot_submission (lookup, election_id, sealed) VALUES (?, ?, ?)")) {
            for (int i = 0; i < n; i++) {
                byte[] id = new byte[16];
                byte[] nonce = new byte[16];
                byte[] lookup = new byte[32];
                byte[] sealed = new byte[120];
                random.nextBytes(id);
                random.nextBytes(nonce);
                random.nextBytes(lookup);
                random.nextBytes(sealed);
                ballot.setBytes(1, id);
                ballot.setLong(2, election);
                ballot.setString(3, "ONLINE");
                ballot.setObject(4, LocalDate.now());
                ballot.setString(5, content);
                ballot.setBytes(6, nonce);
                ballot.setBytes(7, StoredBallot.read(content, nonce).leafHash().bytes());
                ballot.addBatch();
                submission.setBytes(1, lookup);
                submission.setLong(2, election);
                submission.setBytes(3, sealed);
                submission.addBatch();
            }
            ballot.executeBatch();
            submission.executeBatch();
        }
    }

    private interface Work {
        void run(Connection c, int from, int to, SecureRandom random) throws Exception;
    }

    /**
     * Runs {@code n} ballots from the setting's threads, one connection each, one committed transaction per
     * group of ballots; each ballot's latency is its transaction's.
     */
    private static Round parallel(Jdbc ds, int n, Setting setting, Work work) throws Exception {
        long[] latencies = new long[n];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(setting.threads());
        List<Connection> connections = new ArrayList<>();
        for (int t = 0; t < setting.threads(); t++) {
            Connection c = ds.open();
            c.setAutoCommit(false);
            connections.add(c);
        }
        List<Future<?>> running = new ArrayList<>();
        long cpu = cpuNanos();
        long start = System.nanoTime();
        for (Connection c : connections) {
            running.add(pool.submit(() -> {
                SecureRandom random = new SecureRandom();
                int from;
                while ((from = next.getAndAdd(setting.group())) < n) {
                    int to = Math.min(n, from + setting.group());
                    long t0 = System.nanoTime();
                    work.run(c, from, to, random);
                    c.commit();
                    Arrays.fill(latencies, from, to, System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        long wall = System.nanoTime() - start;
        long used = cpuNanos() - cpu;
        pool.shutdown();
        for (Connection c : connections) {
            c.close();
        }
        Arrays.sort(latencies);
        return new Round(latencies, wall, 0, used);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void report(String db, List<Round> service, List<Round> floor, Map<Setting, List<Round>> bareBy,
                               int clients, int warmups, int perRound, double serviceLoad) {
        System.out.printf("%n==== ballot benchmark (%s, %d clients, %d cores; service in its own JVM; each side on a fresh "
                        + "database: %d warm-up rounds, then %d measured rounds of %d ballots; rates are medians of the rounds) ====%n",
                db, clients, Runtime.getRuntime().availableProcessors(), warmups, service.size(), perRound);
        line("service over HTTP", service);
        line("HTTP floor (typo'd code, no database)", floor);
        if (bareBy.isEmpty()) {
            return;
        }
        List<Round> best = null;
        for (Map.Entry<Setting, List<Round>> e : bareBy.entrySet()) {
            line("bare JDBC, " + e.getKey(), e.getValue());
            if (best == null || median(e.getValue(), Round::rate) > median(best, Round::rate)) {
                best = e.getValue();
            }
        }
        if (service.isEmpty()) {
            return;
        }
        System.out.printf("service / bare JDBC (the faster setting) = %.2f (ratio of the median rates); load average %.1f "
                + "after the service rounds, %.1f after the JDBC rounds%n", median(service, Round::rate) / median(best, Round::rate),
                serviceLoad, loadAverage());
    }

    private static void line(String what, List<Round> rounds) {
        if (rounds.isEmpty()) {
            return;
        }
        long[] all = rounds.stream().flatMapToLong(r -> Arrays.stream(r.sortedLatencies())).sorted().toArray();
        int n = all.length;
        double serviceCpu = median(rounds, r -> r.serviceCpuNanos() / (double) r.sortedLatencies().length);
        double clientCpu = median(rounds, r -> r.clientCpuNanos() / (double) r.sortedLatencies().length);
        System.out.printf("%-50s %6.0f ballots/s (rounds %s)  p50 %6.2f ms  p99 %6.2f ms  CPU/ballot: service %s, this JVM %4.0f us%n",
                what, median(rounds, Round::rate), rounds.stream().map(r -> String.format("%.0f", r.rate())).toList(),
                all[n / 2] / 1e6, all[(int) Math.min(n - 1, Math.round(n * 0.99))] / 1e6,
                serviceCpu > 0 ? String.format("%4.0f us", serviceCpu / 1e3) : "   -   ", clientCpu / 1e3);
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> value) {
        double[] v = rounds.stream().mapToDouble(value).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
