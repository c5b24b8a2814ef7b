package nl.buurtbegroting.bench;

import java.util.concurrent.TimeUnit;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Outcome;
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
 * The Method of Equal Shares on generated elections of neighbourhood size (150 projects, 300 to 10,000
 * voters), where {@code mes-add1} runs MES at thousands of shares and exact ties are everywhere: the
 * shapes a buurtbegroting usually has. Single-shot, one thread, 512 MiB heap (the target's limit).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Xms512m"})
public class SmallElectionBenchmark {

    @Param({"mes", "mes-add1"})
    public String rule;

    @Param({"300", "1000", "3000", "10000"})
    public int voters;

    private Election data;
    private AllocationRule allocation;

    @Setup(Level.Trial)
    public void setUp() {
        data = SyntheticElection.generate(voters, 150, 42);
        allocation = RuleName.parse(rule).create(RuleOptions.withTieBreaking(TieBreaking.defaultPolicy()));
    }

    @Benchmark
    public Outcome allocate() {
        return allocation.allocate(data);
    }
}
