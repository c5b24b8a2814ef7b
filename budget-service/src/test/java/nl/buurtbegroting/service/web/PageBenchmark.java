package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static nl.buurtbegroting.service.web.WebClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Page answer times with 50 residents voting at once. Not part of the suite; run it with
 * <pre>
 * mvn -pl budget-service -am test -Dtest=PageBenchmark -Dbb.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Each resident does what a phone does on the letter's link: the vote page, the review, the cast (receipt),
 * then the election page; stylesheet and script come once (a browser caches them). The service runs in this
 * JVM (embedded server, in-memory H2) and so do the 50 clients, over kept-alive HTTP/1.1: the clients' CPU
 * is counted against the service on the same cores. 300 residents warm up, then 1,000 are measured
 * ({@code -Dbb.bench.residents}); the median, p95 and p99 of every page answer go to
 * {@code target/page-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "bb.bench", matches = "true")
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
@Property(name = "datasources.default.maximum-pool-size", value = "20")
class PageBenchmark {

    static final int CLIENTS = 50;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    EmbeddedServer server;

    @Test
    void fiftyResidentsVoteAtOnce() throws Exception {
        Api api = new Api(client, json);
        String admin = api.adminToken();
        long id = Elections.open(api, admin, "Buurtbudget Benchmark", Map.of("format", "APPROVAL", "minProjects", 1, "maxProjects", 2), "greedy");
        int measured = Integer.getInteger("bb.bench.residents", 1000);
        int warmup = 300;
        List<String> codes = new ArrayList<>();
        while (codes.size() < measured + warmup) {
            codes.addAll(Elections.codes(api, admin, id, 1000, "Bench"));
        }
        WebClient web = new WebClient(server.getURL().toString());
        run(web, id, codes.subList(0, warmup), new ArrayList<>());
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        run(web, id, codes.subList(warmup, warmup + measured), times);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        String report = String.format("%d residents, %d page answers in %.1f s (%.0f answers/s) with %d concurrent clients:%n"
                        + "median %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%nload average: %s%n",
                measured, sorted.size(), seconds, sorted.size() / seconds, CLIENTS, ms(sorted, 0.5), ms(sorted, 0.95), ms(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6, Files.readString(Path.of("/proc/loadavg")).strip());
        Files.writeString(Path.of("target/page-benchmark.txt"), report);
        System.out.println(report);
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    private static void run(WebClient web, long id, List<String> codes, List<Long> times) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            int n = i;
            done.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                WebClient.Page form = web.get("/vote/" + id);
                long t1 = System.nanoTime();
                WebClient.Page review = web.post("/vote/" + id, List.of(field("code", code), field("submissionId", form.input("submissionId")),
                        field("action", "review"), field("project", n % 2 == 0 ? "a" : "b")));
                long t2 = System.nanoTime();
                WebClient.Page receipt = web.post("/vote/" + id + "/cast", review.hiddenFields());
                long t3 = System.nanoTime();
                WebClient.Page election = web.get("/elections/" + id);
                long t4 = System.nanoTime();
                assertEquals(200, form.status());
                assertEquals(200, review.status());
                assertEquals(200, receipt.status(), receipt.mainText());
                assertEquals(200, election.status());
                times.addAll(List.of(t1 - t0, t2 - t1, t3 - t2, t4 - t3));
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }
}
