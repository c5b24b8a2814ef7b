package nl.buurtbegroting.service.city;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.core.audit.AuditBundle;
import nl.buurtbegroting.core.audit.BundleVerifier;
import nl.buurtbegroting.core.audit.CheckResult;
import nl.buurtbegroting.core.audit.VerificationReport;
import nl.buurtbegroting.core.audit.VerifyOptions;
import nl.buurtbegroting.service.Api;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A city-sized election through the API, as a city would run it: a generated election of 150 projects is imported,
 * 100,000 voting codes are issued, every ballot is cast with its own code through HTTP, then the election is closed,
 * tallied and published (counted again, bundle built, signed and verified). Prints the wall time and the CPU time
 * the whole process spent (all threads, so it counts the service's work and not the waiting for a loaded machine)
 * for each step, writes them to {@code target/city-run-times.txt}, and leaves the bundle and its key's fingerprint
 * in {@code target/city-bundle.zip} and {@code target/city-fingerprint.txt} for {@code budget verify}
 * ({@code budget-service/city-run.sh} runs all of it). Slow (minutes), so only on request:
 * <pre>
 * eval "$(bash .ci/pg-start.sh)"
 * mvn -pl budget-service -am test -Dtest=CityRunTest -Dsurefire.failIfNoSpecifiedTests=false -Dbb.city=true
 * </pre>
 * Settings: {@code -Dbb.city.ballots=100000}, {@code -Dbb.city.projects=150}, {@code -Dbb.city.rule=mes-add1},
 * {@code -Dbb.city.clients=8}, {@code -Dbb.city.seed=2026}. On PostgreSQL when {@code BB_TEST_PG_URL} is set, as
 * every service test; on in-memory H2 otherwise.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "bb.city", matches = "true")
@MicronautTest(transactional = false)
@Property(name = "datasources.default.maximum-pool-size", value = "20")
@Property(name = "micronaut.http.client.read-timeout", value = "600s")
// The test-only witness that checks every downloaded bundle with the JavaScript verifier would count the download's time.
@Property(name = "bb.test.js-witness", value = "false")
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
class CityRunTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    EmbeddedServer server;

    private final Map<String, long[]> times = new LinkedHashMap<>();
    private long startedWall;
    private long startedCpu;

    @Test
    void aCityElectionFromCodesToAVerifiedBundle() throws Exception {
        int voters = Integer.getInteger("bb.city.ballots", 100_000);
        int projects = Integer.getInteger("bb.city.projects", 150);
        String rule = System.getProperty("bb.city.rule", "mes-add1");
        int clients = Integer.getInteger("bb.city.clients", 8);
        CityElection city = CityElection.generate(projects, voters, rule, Long.getLong("bb.city.seed", 2026L));
        Api api = new Api(client, json);
        String admin = api.adminToken();

        start();
        String created = client.toBlocking().retrieve(HttpRequest.POST("/api/elections/import",
                city.pabulib().getBytes(StandardCharsets.UTF_8)).contentType(MediaType.TEXT_PLAIN_TYPE).bearerAuth(admin));
        long id = ((Number) json.readValue(created, Map.class).get("id")).longValue();
        api.patch("/api/elections/" + id, Map.of("votingOpens", java.time.Instant.now().minusSeconds(60).toString(),
                "votingCloses", java.time.Instant.now().plusSeconds(7 * 24 * 3600).toString()), admin).ok(200);
        lap("import " + projects + " projects");

        String csv = api.post("/api/elections/" + id + "/code-batches", Map.of("count", voters, "label", "Brief"), admin)
                .ok(201).body();
        List<String> codes = new ArrayList<>(voters);
        for (String line : csv.split("\r\n")) {
            if (!line.startsWith("code,")) {
                codes.add(line.substring(0, line.indexOf(',')));
            }
        }
        assertEquals(voters, codes.size());
        api.post("/api/elections/" + id + "/open", null, admin).ok(200);
        lap("issue " + voters + " codes and open");

        castAll(id, city.ballots(), codes, clients);
        lap("cast " + voters + " ballots through HTTP (" + clients + " clients)");

        api.post("/api/elections/" + id + "/close", null, admin).ok(200);
        lap("close");

        Map<String, Object> tally = api.post("/api/elections/" + id + "/tally", null, admin).ok(200).map();
        lap("tally (" + rule + ")");
        // Counting again on a TALLIED election is allowed (README): the same work with the counting code compiled,
        // as in a service that has tallied before.
        assertEquals(tally.get("selected"), api.post("/api/elections/" + id + "/tally", null, admin).ok(200).map().get("selected"));
        lap("tally again (warm)");

        Map<String, Object> result = api.post("/api/elections/" + id + "/publish", Map.of("councilDecision", "Raadsbesluit 2026-1"),
                admin).ok(200).map();
        lap("publish (count again, build, sign, verify the bundle)");

        byte[] zip = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                server.getURI().resolve("/api/elections/" + id + "/audit-bundle")).build(), BodyHandlers.ofByteArray()).body();
        lap("download the bundle (" + zip.length + " bytes)");

        @SuppressWarnings("unchecked")
        String fingerprint = (String) ((Map<String, Object>) result.get("signingKey")).get("fingerprint");
        VerificationReport report = BundleVerifier.verify(AuditBundle.fromZip(zip), VerifyOptions.expectingKey(fingerprint));
        lap("verify the bundle in this JVM");
        for (CheckResult r : report.results()) {
            // Only the receipt check is skipped: no receipt is given.
            assertEquals(r.line().contains("RECEIPT") ? CheckResult.Status.SKIPPED : CheckResult.Status.PASS, r.status(), r::line);
        }
        assertEquals(city.expectedSelected(), tally.get("selected"), "the API counts the ballots as the library does");
        @SuppressWarnings("unchecked")
        Map<String, Object> turnout = (Map<String, Object>) tally.get("turnout");
        assertEquals(voters, ((Number) turnout.get("ballots")).intValue());

        Files.write(Path.of("target/city-bundle.zip"), zip);
        Files.writeString(Path.of("target/city-fingerprint.txt"), fingerprint + "\n");
        StringBuilder out = new StringBuilder(String.format("city run: %,d ballots, %d projects, %s, %s%n", voters, projects,
                rule, System.getenv("BB_TEST_PG_URL") == null ? "H2 in memory" : "PostgreSQL"));
        out.append(String.format("%10s %10s  %s%n", "wall ms", "CPU ms", "step"));
        times.forEach((step, t) -> out.append(String.format("%,10d %,10d  %s%n", t[0], t[1], step)));
        System.out.print(out);
        Files.writeString(Path.of("target/city-run-times.txt"), out.toString());
    }

    private void castAll(long id, List<List<String>> ballots, List<String> codes, int clients) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        URI uri = server.getURI().resolve("/api/elections/" + id + "/ballots");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < ballots.size(); i = next.getAndIncrement()) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("code", codes.get(i));
                    body.put("submissionId", String.format("city-%027d", i));
                    body.put("projects", ballots.get(i));
                    var response = http.send(java.net.http.HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                            BodyHandlers.ofString());
                    if (response.statusCode() != 201) {
                        throw new IOException("ballot " + i + ": " + response.statusCode() + " " + response.body());
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void start() {
        startedWall = System.nanoTime();
        startedCpu = cpuNanos();
    }

    private void lap(String step) {
        long wall = System.nanoTime();
        long cpu = cpuNanos();
        times.put(step, new long[] {(wall - startedWall) / 1_000_000, (cpu - startedCpu) / 1_000_000});
        startedWall = wall;
        startedCpu = cpu;
    }
}
