package nl.buurtbegroting.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The example bundles of docs/spec/examples, which anyone writing a verifier checks against, still verify
 * here: a change to a rule that changes a published outcome by one byte shows up as a failure.
 */
class SpecExamplesTest {

    @Test
    void everyExampleBundleOfTheSpecificationVerifies() throws IOException {
        Path examples = NodeVerifier.verifierDir().getParent().resolve("docs/spec/examples");
        List<Path> zips;
        try (Stream<Path> list = Files.list(examples)) {
            zips = list.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
        assertTrue(zips.size() >= 19, "only " + zips.size() + " examples in " + examples);
        List<String> failed = new ArrayList<>();
        for (Path zip : zips) {
            VerificationReport r = BundleVerifier.verify(zip, TestBundles.trusting());
            if (!r.passed()) {
                failed.add(zip.getFileName() + ": " + r.summary());
            }
        }
        assertEquals(List.of(), failed);
    }
}
