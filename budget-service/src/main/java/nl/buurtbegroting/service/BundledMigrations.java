package nl.buurtbegroting.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The migration scripts this build carries ({@code db/migration/*.sql}), each with the checksum Flyway records for it
 * in its schema history. Listing the one directory and reading a few small files costs a few milliseconds, where
 * Flyway's own start (its classes, Jackson, a scan of the whole class path, validation) costs about a third of a
 * second of every start.
 */
final class BundledMigrations {

    static final String DIRECTORY = "db/migration";

    private BundledMigrations() {
    }

    /**
     * Script file name to checksum, or empty when the scripts cannot be listed (an unknown class path layout): then
     * nothing is known and Flyway decides.
     */
    static Optional<Map<String, Integer>> read(ClassLoader loader) {
        URL dir = loader.getResource(DIRECTORY);
        if (dir == null) {
            return Optional.empty();
        }
        try {
            Map<String, Integer> scripts = new TreeMap<>();
            for (String name : list(dir)) {
                try (InputStream in = loader.getResourceAsStream(DIRECTORY + "/" + name)) {
                    if (in == null) {
                        return Optional.empty();
                    }
                    scripts.put(name, checksum(in));
                }
            }
            return Optional.of(scripts);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The file names of the scripts directly in the directory, from a jar (the service jar) or a folder (tests). */
    private static Iterable<String> list(URL dir) throws IOException, URISyntaxException {
        if (dir.getProtocol().equals("file")) {
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                return files.map(p -> p.getFileName().toString()).filter(BundledMigrations::isScript).toList();
            }
        }
        if (dir.getProtocol().equals("jar")) {
            // Opening the jar again shares the central directory the class loader has already read.
            Path jarPath = Path.of(((JarURLConnection) dir.openConnection()).getJarFileURL().toURI());
            String prefix = DIRECTORY + "/";
            try (JarFile jar = new JarFile(jarPath.toFile())) {
                return jar.stream().map(JarEntry::getName)
                        .filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0)
                        .map(n -> n.substring(prefix.length())).filter(BundledMigrations::isScript).toList();
            }
        }
        throw new IOException("cannot list " + dir);
    }

    private static boolean isScript(String name) {
        return name.endsWith(".sql");
    }

    /**
     * Flyway's checksum of a SQL script: CRC-32 over the UTF-8 bytes of each line without its line break, a byte
     * order mark dropped from the first line, as a signed int. Line endings therefore do not count.
     */
    static int checksum(InputStream script) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(script, StandardCharsets.UTF_8), 4096);
        String line = reader.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        while (line != null) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
            line = reader.readLine();
        }
        return (int) crc.getValue();
    }
}
