package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bytes of the specification's example bundles are what budget-core writes today: every JSON file of
 * every example reads back and writes again to the same bytes, and the random examples, built again from
 * their seeds, give the same zip byte for byte. A change to the JSON writer, the builder or a rule that
 * moved a single byte of a published bundle fails here.
 */
class SpecExamplesBytesTest {

    private static final Pattern RANDOM = Pattern.compile("random-(\\d+)-(.+)\\.zip");

    private static List<Path> examples() throws IOException {
        Path dir = NodeVerifier.verifierDir().getParent().resolve("docs/spec/examples");
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
    }

    @Test
    void everyJsonFileOfEveryExampleIsWrittenBackByteForByte() throws IOException {
        for (Path zip : examples()) {
            AuditBundle bundle = AuditBundle.fromZip(Files.readAllBytes(zip));
            for (String name : bundle.names()) {
                if (name.endsWith(".json")) {
                    byte[] bytes = bundle.file(name);
                    assertArrayEquals(bytes, CanonicalJson.writeFile(CanonicalJson.readFile(name, bytes)), zip.getFileName() + " " + name);
                }
            }
            assertArrayEquals(Files.readAllBytes(zip), AuditBundle.of(bundle.files()).toZip(), zip.getFileName().toString());
        }
    }

    @Test
    void theRandomExamplesBuiltAgainFromTheirSeedsAreTheSameBytes() throws IOException {
        int rebuilt = 0;
        for (Path zip : examples()) {
            Matcher m = RANDOM.matcher(zip.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            RandomElections.Drawn d = RandomElections.draw(Long.parseLong(m.group(1)));
            assertTrue(d.rule().label().equals(m.group(2)), zip + " was drawn with " + d.rule());
            byte[] again = TestBundles.build(RandomElections.input(d)).toZip();
            assertArrayEquals(Files.readAllBytes(zip), again, zip.getFileName().toString());
            rebuilt++;
        }
        assertTrue(rebuilt >= 17, "only " + rebuilt + " random examples");
    }
}
