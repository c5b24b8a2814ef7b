package nl.buurtbegroting.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.rules.RuleName;

/**
 * Peak heap of one rule on the generated 100,000-voter election, in its own JVM: the sum of the
 * heap pools' peak usage after generating the election and running the rule once. Run one rule
 * per JVM so peaks do not mix: {@code java -cp budget-bench/target/budget-bench.jar
 * nl.buurtbegroting.bench.PeakHeap mes}.
 */
public final class PeakHeap {

    private PeakHeap() {
    }

    public static void main(String[] args) {
        String rule = args.length > 0 ? args[0] : "greedy";
        Election election = SyntheticElection.generate(100_000, 150, 42);
        long before = peak();
        long start = System.nanoTime();
        var outcome = RuleName.parse(rule).create().allocate(election);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%s: funded %d projects for %d; %d ms (cold); peak heap %d MiB (after generating: %d MiB)%n",
                rule, outcome.selected().size(), outcome.totalCost(), millis, peak() >> 20, before >> 20);
    }

    private static long peak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
