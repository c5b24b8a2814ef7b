package nl.buurtbegroting.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default configuration keeps data in an H2 file under {@code bb.data-dir}: an election created before
 * a restart is there after it. Runs without the test environment, so it exercises the shipped
 * application.yml (file database, random signing key) rather than the in-memory test database.
 */
class RestartTest {

    @TempDir
    Path dataDir;

    private EmbeddedServer start() {
        ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .properties(Map.of(
                        "bb.data-dir", dataDir.resolve("data").toString(),
                        "bb.key-dir", dataDir.resolve("keys").toString(),
                        "micronaut.server.port", -1,
                        "bb.admin.username", "admin",
                        "bb.admin.password", Api.ADMIN_PASSWORD,
                        "bb.security.password-iterations", 1000))
                .start();
        return context.getBean(EmbeddedServer.class).start();
    }

    @Test
    void electionsSurviveARestart() throws java.io.IOException {
        long id;
        Map<String, Object> before;
        try (EmbeddedServer server = start(); HttpClient client = HttpClient.create(server.getURL())) {
            Api api = new Api(client, server.getApplicationContext().getBean(JsonMapper.class));
            String admin = api.adminToken();
            id = api.openableElection(admin, "Blijvend");
            api.post("/api/elections/" + id + "/open", null, admin).ok(200);
            before = api.get("/api/elections/" + id, admin).ok(200).map();
            server.getApplicationContext().close();
        }
        assertTrue(Files.exists(dataDir.resolve("data/buurtbegroting.mv.db")), "the database is a file in bb.data-dir");
        // Issue 11: the database and its directory are the service user's alone.
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("data"))));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("data/buurtbegroting.mv.db"))));

        try (EmbeddedServer server = start(); HttpClient client = HttpClient.create(server.getURL())) {
            Api api = new Api(client, server.getApplicationContext().getBean(JsonMapper.class));
            String admin = api.adminToken();

            assertEquals(before, api.get("/api/elections/" + id, admin).ok(200).map());
            List<Map<String, Object>> proposals = api.get("/api/elections/" + id + "/proposals", null).ok(200).list();
            assertEquals(List.of("Speeltuin"), proposals.stream().map(p -> p.get("title")).toList());
            server.getApplicationContext().close();
        }
    }
}
