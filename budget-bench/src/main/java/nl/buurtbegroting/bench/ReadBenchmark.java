package nl.buurtbegroting.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.pabulib.PabulibWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a Pabulib file into an election: the largest bundled one (467 KB, 16,978 cumulative ballots),
 * and a city-sized approval file written at set-up from the generated election of 90,000 voters and 150
 * projects (3 MB), the size of the CLI's target.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
public class ReadBenchmark {

    private Path city;

    @Setup
    public void writeCity() throws IOException {
        city = Files.createTempFile("city-90k", ".pb");
        PabulibWriter.write(SyntheticElection.generate(90_000, 150, 42), city);
    }

    @TearDown
    public void deleteCity() throws IOException {
        Files.deleteIfExists(city);
    }

    @Benchmark
    public Election readLargest() throws IOException {
        return PabulibReader.read(RuleBenchmark.BenchFiles.largest());
    }

    @Benchmark
    public Election readCity() throws IOException {
        return PabulibReader.read(city);
    }
}
