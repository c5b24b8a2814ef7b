package nl.buurtbegroting.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A start that only shows the JVM which classes a start loads. {@code bin/budget-service} runs it once, with
 * {@code -XX:ArchiveClassesAtExit}, so that later starts map those classes from a class-data-sharing archive instead
 * of reading and verifying them from the jar. It starts the demo on a throwaway H2 database and key directory in a
 * temporary directory and on a free port, whatever the environment points at (never a real database, key or port),
 * asks itself for {@code /health} and the demo's vote page as a first visitor would, and stops.
 */
final class TrainingRun {

    static final String FLAG = "--training-run";
    static final String PREFIX = "bb-training";

    private TrainingRun() {
    }

    static void run(String[] args) throws IOException {
        System.exit(train(args));
    }

    /** One training start and stop; 0 when the service answered as it should. */
    static int train(String[] args) throws IOException {
        Path dir = Files.createTempDirectory(PREFIX);
        int status = 1;
        try {
            PrivateFiles.makePrivate(dir);
            Map<String, Object> settings = new HashMap<>();
            settings.put("micronaut.server.port", -1);
            settings.put("bb.data-dir", dir.toString());
            settings.put("datasources.default.url", "jdbc:h2:file:" + dir.resolve("buurtbegroting")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            settings.put("datasources.default.username", "sa");
            settings.put("datasources.default.password", "");
            settings.put("bb.key-dir", dir.resolve("keys").toString());
            settings.put("bb.public-url", "");
            settings.put("bb.admin.username", "");
            settings.put("bb.admin.password", "");
            settings.put("bb.demo", true);
            try (ApplicationContext context = Micronaut.build(args).mainClass(Application.class)
                    .properties(settings).start()) {
                String base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
                status = get(base + "/health") == 200 && get(base + "/") < 500 ? 0 : 1;
            }
        } finally {
            delete(dir);
        }
        return status;
    }

    private static int get(String address) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(address).openConnection();
        try {
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return status;
        } finally {
            connection.disconnect();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
