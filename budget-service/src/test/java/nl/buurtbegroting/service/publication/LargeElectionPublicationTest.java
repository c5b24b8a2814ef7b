package nl.buurtbegroting.service.publication;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.core.audit.AuditBundle;
import nl.buurtbegroting.core.audit.BundleVerifier;
import nl.buurtbegroting.core.audit.CheckResult;
import nl.buurtbegroting.core.audit.VerificationReport;
import nl.buurtbegroting.core.audit.VerifyOptions;
import nl.buurtbegroting.core.json.JsonParser;
import nl.buurtbegroting.core.model.Ballot;
import nl.buurtbegroting.core.model.CumulativeBallot;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The largest bundled real election (Częstochowa 2020, 16,978 cumulative ballots, 90 projects) through the
 * API: import, codes, every ballot cast with a code, close, tally, publish, download, verify. Prints the
 * time of each phase and writes them to {@code target/large-election-times.txt}. Slow, so it runs only on
 * request:
 * <pre>mvn -pl budget-service -am test -Dtest=LargeElectionPublicationTest -Dsurefire.failIfNoSpecifiedTests=false -Dbb.large=true</pre>
 * ({@code -Dbb.large.file=PATH} for another Pabulib file).
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "bb.large", matches = "true")
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = PublicationApiTest.CODE_KEY)
class LargeElectionPublicationTest extends ApiTestBase {

    static final String DEFAULT_FILE = "../budget-core/src/test/resources/pabulib/instances/Poland_Czestochowa_2020.pb";

    @Inject
    EmbeddedServer server;

    private final Map<String, Long> times = new LinkedHashMap<>();
    private final java.util.concurrent.atomic.AtomicReference<String> someBallotHash = new java.util.concurrent.atomic.AtomicReference<>();
    private long started;

    @Test
    void publishesAndVerifiesTheLargestRealElection() throws Exception {
        Path file = Path.of(System.getProperty("bb.large.file", DEFAULT_FILE));
        byte[] pb = Files.readAllBytes(file);
        Election source = PabulibReader.read(file);
        List<Ballot> ballots = source.profile().ballots();

        start();
        String created = client.toBlocking().retrieve(HttpRequest.POST("/api/elections/import", pb)
                .contentType(MediaType.TEXT_PLAIN_TYPE).bearerAuth(admin), String.class);
        long id = ((Number) JsonParser.object(JsonParser.STANDARD.parse("election", created)).get("id")).longValue();
        lap("import (" + source.instance().projects().size() + " projects)");

        List<String> codes = api.issueCodes(admin, id, ballots.size(), "Brief");
        api.post("/api/elections/" + id + "/open", null, admin).ok(200);
        lap("issue " + codes.size() + " codes and open");

        castAll(id, ballots, codes);
        lap("cast " + ballots.size() + " ballots through the API (8 clients)");

        api.post("/api/elections/" + id + "/close", null, admin).ok(200);
        lap("close");

        Map<String, Object> tally = api.post("/api/elections/" + id + "/tally", null, admin).ok(200).map();
        lap("tally");

        Map<String, Object> result = api.post("/api/elections/" + id + "/publish", Map.of("councilDecision", "Uchwała 2020"), admin)
                .ok(200).map();
        lap("publish (count again, build, sign and verify the bundle)");

        byte[] zip = client.toBlocking().retrieve(HttpRequest.GET("/api/elections/" + id + "/audit-bundle"), byte[].class);
        lap("download bundle (" + zip.length + " bytes)");

        @SuppressWarnings("unchecked")
        String fingerprint = (String) ((Map<String, Object>) result.get("signingKey")).get("fingerprint");
        byte[] receipt = client.toBlocking().retrieve(
                HttpRequest.GET("/api/elections/" + id + "/receipts/" + someBallotHash.get()), byte[].class);
        lap("receipt with inclusion proof");
        VerificationReport report = BundleVerifier.verify(AuditBundle.fromZip(zip),
                VerifyOptions.expectingKey(fingerprint).withReceipt(receipt));
        lap("verify bundle and receipt");
        for (CheckResult r : report.results()) {
            assertEquals(CheckResult.Status.PASS, r.status(), r::line);
        }

        RuleName rule = RuleName.parse((String) tally.get("rule"));
        var direct = rule.create(RuleOptions.withTieBreaking(TieBreaking.parse("id"))).allocate(source);
        assertEquals(new HashSet<>(direct.selected()), new HashSet<>((List<?>) tally.get("selected")),
                "the API counts the file's ballots as the library does");

        StringBuilder out = new StringBuilder(file.getFileName() + ": " + ballots.size() + " ballots\n");
        times.forEach((phase, ms) -> out.append(String.format("%8d ms  %s%n", ms, phase)));
        System.out.print(out);
        Files.writeString(Path.of("target/large-election-times.txt"), out.toString());
    }

    private void castAll(long id, List<Ballot> ballots, List<String> codes) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        URI uri = server.getURI().resolve("/api/elections/" + id + "/ballots");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < ballots.size(); i = next.getAndIncrement()) {
                    String body = ballotJson(ballots.get(i), codes.get(i), i);
                    var response = http.send(java.net.http.HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
                    if (response.statusCode() != 201) {
                        throw new IOException("ballot " + i + ": " + response.statusCode() + " " + response.body());
                    }
                    if (i == ballots.size() / 2) {
                        someBallotHash.set((String) JsonParser.object(JsonParser.STANDARD.parse("receipt", response.body())).get("ballotHash"));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
    }

    private String ballotJson(Ballot ballot, String code, int i) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("submissionId", String.format("large-%026d", i));
        if (ballot instanceof CumulativeBallot c) {
            body.put("projects", new ArrayList<>(c.points().keySet()));
            body.put("points", new ArrayList<>(c.points().values()));
        } else {
            body.put("projects", new ArrayList<>(ballot.supported()));
        }
        return json.writeValueAsString(body);
    }

    private void start() {
        started = System.nanoTime();
    }

    private void lap(String phase) {
        long now = System.nanoTime();
        times.put(phase, (now - started) / 1_000_000);
        started = now;
    }
}
