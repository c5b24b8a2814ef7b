package nl.buurtbegroting.service.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import nl.buurtbegroting.service.ApiTestBase;
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
 * is counted against the service on the same cores. 1,000 residents warm up ({@code -Dbb.bench.warmup}), then
 * 1,000 are measured ({@code -Dbb.bench.residents}); the median, p95 and p99 of every page answer, and per page, go to
 * {@code target/page-benchmark.txt}. With {@code -Dbb.bench.think=1000} each resident waits a second between pages
 * (reading them), as people do; without it the 50 clients send their next request the moment an answer arrives.
 */
@EnabledIfSystemProperty(named = "bb.bench", matches = "true")
@MicronautTest(transactional = false)
@Property(name = "bb.code-key", value = "dGVzdC1rZXktZm9yLXZvdGluZy1jb2Rlcy0zMi1ieXRlcyE=")
@Property(name = "datasources.default.maximum-pool-size", value = "20")
class PageBenchmark extends ApiTestBase {

    static final int CLIENTS = 50;

    @Inject
    EmbeddedServer server;

    @Test
    void fiftyResidentsVoteAtOnce() throws Exception {
        long id = Elections.open(api, admin, "Buurtbudget Benchmark", Map.of("format", "APPROVAL", "minProjects", 1, "maxProjects", 2), "greedy");
        int measured = Integer.getInteger("bb.bench.residents", 1000);
        int warmup = Integer.getInteger("bb.bench.warmup", 1000);
        List<String> codes = new ArrayList<>();
        while (codes.size() < measured + warmup) {
            codes.addAll(Elections.codes(api, admin, id, 1000, "Bench"));
        }
        WebClient web = new WebClient(server.getURL().toString());
        run(web, id, codes.subList(0, warmup), Collections.synchronizedList(new ArrayList<>()), 0);
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        List<long[]> times = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long think = Long.getLong("bb.bench.think", 0);
        run(web, id, codes.subList(warmup, warmup + measured), times, think);
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder report = new StringBuilder(String.format("%d residents, %d page answers in %.1f s (%.0f answers/s) with %d concurrent "
                        + "clients, %d ms between a resident's pages%n", measured, times.size() * 4, seconds, times.size() * 4 / seconds, CLIENTS, think));
        String[] names = {"all", "GET /vote/{id}", "POST /vote/{id} (review)", "POST /vote/{id}/cast (receipt)", "GET /elections/{id}"};
        for (int k = -1; k < 4; k++) {
            List<Long> sorted = new ArrayList<>();
            for (long[] t : times) {
                for (int j = 0; j < 4; j++) {
                    if (k < 0 || j == k) {
                        sorted.add(t[j]);
                    }
                }
            }
            Collections.sort(sorted);
            report.append(String.format("%-32s median %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", names[k + 1],
                    ms(sorted, 0.5), ms(sorted, 0.95), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6));
        }
        report.append("load average before/after: ").append(load).append(" / ")
                .append(Files.readString(Path.of("/proc/loadavg")).strip()).append('\n');
        Files.writeString(Path.of("target/page-benchmark.txt"), report.toString());
        System.out.println(report);
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    private static void pause(long think) {
        if (think > 0) {
            try {
                Thread.sleep(think);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void run(WebClient web, long id, List<String> codes, List<long[]> times, long think) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            int n = i;
            done.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                WebClient.Page form = web.get("/vote/" + id);
                long t1 = System.nanoTime();
                pause(think);
                long t1b = System.nanoTime();
                WebClient.Page review = web.post("/vote/" + id, List.of(field("code", code), field("submissionId", form.input("submissionId")),
                        field("action", "review"), field("project", n % 2 == 0 ? "a" : "b")));
                long t2 = System.nanoTime();
                pause(think);
                long t2b = System.nanoTime();
                WebClient.Page receipt = web.post("/vote/" + id + "/cast", review.hiddenFields());
                long t3 = System.nanoTime();
                pause(think);
                long t3b = System.nanoTime();
                WebClient.Page election = web.get("/elections/" + id);
                long t4 = System.nanoTime();
                assertEquals(200, form.status());
                assertEquals(200, review.status());
                assertEquals(200, receipt.status(), receipt.mainText());
                assertEquals(200, election.status());
                times.add(new long[] {t1 - t0, t2 - t1b, t3 - t2b, t4 - t3b});
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }
}
