package nl.buurtbegroting.service.voting;

import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import nl.buurtbegroting.service.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * No acknowledged ballot is lost on a crash (issue 6): the service runs in its own JVM, clients log every
 * 201 receipt, the JVM is killed with SIGKILL at a random moment and restarted, ten times, on a file H2
 * database and (when {@code BB_TEST_PG_URL} is set) on PostgreSQL. After each restart every acknowledged
 * ballot is there and at most the ballots in flight at the kill are there beyond them; retrying those with
 * their submission ids then accounts for every stored ballot exactly.
 */
class BallotCrashTest {

    /** Ten in CI; a documented run sets more: {@code -Dbb.crash.rounds=100} (issue 11). */
    static final int ROUNDS = Integer.getInteger("bb.crash.rounds", 10);
    static final int CLIENTS = 8;

    @TempDir
    Path dir;

    @Test
    void noAcknowledgedBallotIsLostWhenAFileH2ServiceIsKilled() throws Exception {
        // The suite runs twice in CI, on H2 and on PostgreSQL; the file-H2 rounds need running only once.
        String pg = System.getenv("BB_TEST_PG_URL");
        assumeTrue(pg == null || pg.isBlank(), "the file-H2 crash rounds run in the H2 pass of the suite");
        Map<String, String> env = ServiceProcess.baseEnvironment();
        env.put("BB_DATA_DIR", dir.resolve("data").toString());
        Set<String> stored = crashRounds(env, "h2");
        Set<String> inDatabase = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data").resolve("buurtbegroting")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            inDatabase.addAll(commitments(c));
        }
        assertEquals(stored, inDatabase, "the database holds exactly the acknowledged ballots");
    }

    @Test
    void noAcknowledgedBallotIsLostWhenAPostgresServiceIsKilled() throws Exception {
        String url = System.getenv("BB_TEST_PG_URL");
        assumeTrue(url != null && !url.isBlank(), "BB_TEST_PG_URL is not set");
        Map<String, String> env = ServiceProcess.baseEnvironment();
        env.put("BB_DATA_DIR", dir.resolve("data").toString());
        env.put("DATASOURCES_DEFAULT_URL", url);
        env.put("DATASOURCES_DEFAULT_USERNAME", System.getenv("BB_TEST_PG_USER"));
        env.put("DATASOURCES_DEFAULT_PASSWORD", System.getenv("BB_TEST_PG_PASSWORD"));
        Set<String> stored = crashRounds(env, "pg");
        try (Connection c = DriverManager.getConnection(url, System.getenv("BB_TEST_PG_USER"), System.getenv("BB_TEST_PG_PASSWORD"))) {
            assertTrue(commitments(c).containsAll(stored), "every acknowledged ballot is in the database");
        }
    }

    /** Runs the rounds; returns the commitments of all acknowledged ballots of the crash election. */
    private Set<String> crashRounds(Map<String, String> env, String name) throws Exception {
        Path log = dir.resolve("service-" + name + ".log");
        Random random = new Random();
        ServiceProcess service = ServiceProcess.start(env, log);
        Api api = api(service.uri);
        String admin = api.adminToken();
        long election = Voting.draft(api, admin, "Crash " + name);
        Queue<String> fresh = new ConcurrentLinkedQueue<>(Voting.issue(api, admin, election, 6_000, "crash"));
        Voting.open(api, admin, election);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, String> inFlight = new ConcurrentHashMap<>();
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long extrasSeen = 0;
        long inFlightSeen = 0;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                URI ballots = service.uri.resolve("/api/elections/" + election + "/ballots");
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> running = new java.util.ArrayList<>();
                for (int t = 0; t < CLIENTS; t++) {
                    running.add(clients.submit(() -> {
                        String code;
                        while (!stop.get() && (code = fresh.poll()) != null) {
                            String sid = Voting.submissionId();
                            inFlight.put(code, sid);
                            String hash = cast(http, ballots, code, sid);
                            if (hash == null) {
                                return null; // the service is gone; this one stays in flight
                            }
                            acknowledged.add(hash);
                            inFlight.remove(code);
                        }
                        return null;
                    }));
                }
                Thread.sleep(300 + random.nextInt(1200));
                service.kill();
                stop.set(true);
                for (Future<?> f : running) {
                    f.get(60, TimeUnit.SECONDS);
                }
                clients.shutdown();

                service = ServiceProcess.start(env, log);
                api = api(service.uri);
                admin = api.adminToken();
                long total = total(api, admin, election);
                assertTrue(total >= acknowledged.size(), "round " + round + ": " + total + " stored, "
                        + acknowledged.size() + " acknowledged: an acknowledged ballot was lost");
                assertTrue(total - acknowledged.size() <= inFlight.size(), "round " + round + ": "
                        + (total - acknowledged.size()) + " unacknowledged ballots but only " + inFlight.size() + " in flight");
                extrasSeen += total - acknowledged.size();
                inFlightSeen += inFlight.size();
                // The clients retry what was in flight, with the same submission ids.
                URI again = service.uri.resolve("/api/elections/" + election + "/ballots");
                for (Map.Entry<String, String> e : Map.copyOf(inFlight).entrySet()) {
                    String hash = cast(http, again, e.getKey(), e.getValue());
                    assertTrue(hash != null, "a retry after the restart is answered");
                    acknowledged.add(hash);
                    inFlight.remove(e.getKey());
                }
                assertEquals(acknowledged.size(), total(api, admin, election),
                        "round " + round + ": after the retries every stored ballot is acknowledged");
            }
        } finally {
            service.close();
        }
        System.out.printf("crash test %s: %d rounds, %d ballots acknowledged, %d in flight at the kills, "
                        + "%d of them had been stored (answered on retry with the original receipt), 0 lost%n",
                name, ROUNDS, acknowledged.size(), inFlightSeen, extrasSeen);
        String output = Files.readString(log);
        assertTrue(!output.contains(" ERROR ") || !output.contains("Exception"), "no errors in the service log");
        return Set.copyOf(acknowledged);
    }

    /** The receipt's ballotHash on 201; null when the service did not answer; fails on any other status. */
    private static String cast(java.net.http.HttpClient http, URI ballots, String code, String sid) {
        HttpRequest request = HttpRequest.newBuilder(ballots).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Voting.ballotJson(code, "a", sid))).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(201, r.statusCode(), r.body());
            int i = r.body().indexOf("\"ballotHash\":\"") + 14;
            return r.body().substring(i, i + 64);
        } catch (IOException gone) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long total(Api api, String token, long election) {
        return ((Number) api.get("/api/elections/" + election + "/ballot-counts", token).ok(200).get("total")).longValue();
    }

    private static Api api(URI uri) throws Exception {
        return new Api(HttpClient.create(uri.toURL()), JsonMapper.createDefault());
    }

    private static Set<String> commitments(Connection c) throws Exception {
        Set<String> out = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT b.commitment FROM ballot b JOIN election e ON e.id = b.election_id WHERE e.name LIKE 'Crash %'");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(HexFormat.of().formatHex(r.getBytes(1)));
            }
        }
        return out;
    }
}
