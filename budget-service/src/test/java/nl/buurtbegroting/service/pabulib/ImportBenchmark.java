package nl.buurtbegroting.service.pabulib;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import nl.buurtbegroting.service.Api;
import nl.buurtbegroting.service.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How long a team waits for the import of a large Pabulib file: 5,000 proposals (the most an election may have)
 * with categories, through {@code POST /api/elections/import}. Not part of the suite; run it with
 * <pre>
 * mvn -pl budget-service -am test -Dtest=ImportBenchmark -Dbb.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * 3 imports warm up, then 10 ({@code -Dbb.bench.imports}) are measured on the embedded server and in-memory H2 (or
 * the PostgreSQL of {@code BB_TEST_PG_URL}); the median and each time go to {@code target/import-benchmark.txt}
 * with the machine's load.
 */
@EnabledIfSystemProperty(named = "bb.bench", matches = "true")
@MicronautTest(transactional = false)
@Property(name = "micronaut.http.client.read-timeout", value = "300s")
class ImportBenchmark extends ApiTestBase {

    @Test
    void importsFiveThousandProposals() throws Exception {
        int projects = Integer.getInteger("bb.bench.projects", 5000);
        StringBuilder file = new StringBuilder("META\nkey;value\ndescription;Benchmark\ncountry;Nederland\nunit;Stad\n"
                + "instance;2026\nnum_projects;" + projects + "\nnum_votes;0\nbudget;100000000\nvote_type;approval\n"
                + "rule;greedy\nPROJECTS\nproject_id;cost;name;category\n");
        for (int i = 1; i <= projects; i++) {
            file.append(i).append(';').append(1_000 + i % 977 * 13).append(";Plan nummer ").append(i)
                    .append(" voor de buurt;").append(i % 3 == 0 ? "groen" : "verkeer").append('\n');
        }
        file.append("VOTES\nvoter_id;vote\n");
        byte[] body = file.toString().getBytes(StandardCharsets.UTF_8);
        int measured = Integer.getInteger("bb.bench.imports", 10);
        for (int i = 0; i < 3; i++) {
            importOnce(body, projects);
        }
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < measured; i++) {
            millis.add(importOnce(body, projects));
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        String report = "import of " + projects + " proposals, " + measured + " measured after 3 warm-up: median "
                + sorted.get(sorted.size() / 2) + " ms, each " + millis + "; load "
                + Files.readString(Path.of("/proc/loadavg")).strip() + "; cores "
                + ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors() + "\n";
        Files.writeString(Path.of("target/import-benchmark.txt"), report);
        System.out.print(report);
    }

    /** Imports the file, checks that every proposal arrived; the milliseconds the import's answer took. */
    private long importOnce(byte[] body, int projects) {
        long start = System.nanoTime();
        var response = client.toBlocking().exchange(HttpRequest.POST("/api/elections/import", body)
                .contentType(MediaType.TEXT_PLAIN_TYPE).bearerAuth(admin), String.class);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(201, response.code());
        long id = ((Number) new Api.Res(201, "application/json", response.body(), response, json).map().get("id")).longValue();
        assertEquals(projects, api.get("/api/elections/" + id + "/proposals", admin).ok(200).list().size());
        return millis;
    }
}
