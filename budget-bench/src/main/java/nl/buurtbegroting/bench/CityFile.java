package nl.buurtbegroting.bench;

import java.nio.file.Path;
import nl.buurtbegroting.core.pabulib.PabulibWriter;

/**
 * Writes the generated approval election ({@link SyntheticElection}, seed 42, 150 projects) of the given
 * number of voters as a Pabulib file, for timing the CLI on a city-sized file (see cli-timing.sh).
 * Usage: {@code java -cp budget-bench.jar nl.buurtbegroting.bench.CityFile 90000 /tmp/city.pb}
 */
public final class CityFile {

    private CityFile() {
    }

    public static void main(String[] args) throws Exception {
        PabulibWriter.write(SyntheticElection.generate(Integer.parseInt(args[0]), 150, 42), Path.of(args[1]));
    }
}
