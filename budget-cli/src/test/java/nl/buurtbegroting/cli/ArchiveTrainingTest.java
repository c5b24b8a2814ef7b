package nl.buurtbegroting.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import org.junit.jupiter.api.Test;

/**
 * The training run bin/budget records its class-data-sharing archive from: every run in it must end with
 * its expected exit code (it throws otherwise), or the archive would miss the classes of the failed part.
 */
class ArchiveTrainingTest {

    @Test
    void everyTrainingRunEndsAsExpected() {
        assertDoesNotThrow(() -> ArchiveTraining.main(new String[0]));
    }

    @Test
    void trainingElectionIsAValidPabulibFile() throws Exception {
        Election e = PabulibReader.read(new StringReader(ArchiveTraining.election(40, 800)), "training");
        assertEquals(40, e.instance().projects().size());
        assertEquals(800, e.profile().size());
    }
}
