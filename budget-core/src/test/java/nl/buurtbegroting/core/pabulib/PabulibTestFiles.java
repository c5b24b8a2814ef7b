package nl.buurtbegroting.core.pabulib;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import nl.buurtbegroting.core.model.Election;

/** The bundled Pabulib files and the facts expected.json states about each. */
final class PabulibTestFiles {

    static final int FILE_COUNT = 45;

    record Expected(String file, String voteType, int voters, int projects, long budget) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static final Pattern ENTRY = Pattern.compile(
            "\"file\":\\s*\"([^\"]+)\",\\s*\"vote_type\":\\s*\"([^\"]*)\",\\s*\"voters\":\\s*(\\d+),"
                    + "\\s*\"projects\":\\s*(\\d+),\\s*\"budget\":\\s*(\\d+)");

    private PabulibTestFiles() {
    }

    static Path directory() {
        try {
            return Path.of(PabulibTestFiles.class.getResource("/pabulib/instances").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String name) {
        return directory().resolve(name);
    }

    static List<Expected> expected() {
        try {
            Path json = directory().resolveSibling("expected.json");
            Matcher m = ENTRY.matcher(Files.readString(json, StandardCharsets.UTF_8));
            List<Expected> out = new ArrayList<>();
            while (m.find()) {
                out.add(new Expected(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Long.parseLong(m.group(5))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pb") || n.endsWith(".pb.gz"))
                    .sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Election parse(String text) throws IOException {
        return PabulibReader.read(new StringReader(text), "test.pb");
    }
}
