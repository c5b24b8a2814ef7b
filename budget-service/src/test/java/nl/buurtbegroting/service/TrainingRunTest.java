package nl.buurtbegroting.service;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The start bin/budget-service records its class archive with: the demo answers /health and the start page, and the
 * throwaway directory with its database and keys is gone afterwards.
 */
class TrainingRunTest {

    private static Set<Path> trainingDirectories() throws Exception {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith(TrainingRun.PREFIX))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void trainingStartAnswersAndLeavesNothingBehind() throws Exception {
        Set<Path> before = trainingDirectories();
        assertEquals(0, TrainingRun.train(new String[0]));
        assertEquals(before, trainingDirectories());
    }
}
