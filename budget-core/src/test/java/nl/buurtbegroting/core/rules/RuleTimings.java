package nl.buurtbegroting.core.rules;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.outcome.Outcome;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.testdata.GeneratedElection;
import nl.buurtbegroting.core.tiebreak.TieBreaking;

/**
 * A dependency-free speed check of every rule (not a unit test): the median wall-clock and CPU time of
 * each rule over repeated runs after a warm-up, on a generated approval election and on a Pabulib file,
 * with the peak heap seen. Run it on one core with a 1 GiB heap, from budget-core after
 * {@code mvn -o -q test-compile}:
 *
 * <pre>
 * taskset -c 0 java -Xmx1g -cp target/classes:target/test-classes nl.buurtbegroting.core.rules.RuleTimings \
 *     [--voters 300,1000,3000,10000,100000] [--projects 150] [--seed 42] [--runs 7] [--warmup 3] \
 *     [--file src/test/resources/pabulib/instances/Poland_Czestochowa_2020.pb] [--rules mes,mes-add1,...]
 * </pre>
 *
 * {@code --voters} takes a comma-separated list (by default all five): the small shapes (300 to 10,000 voters, a neighbourhood's
 * size, where {@code mes-add1} runs MES at thousands of shares) and the city shape (100,000).
 *
 * <p>Times include compiling the ballots into groups (every rule does that on each call); reading a file is
 * timed on its own. CPU time is the calling thread's; garbage collection runs on other threads and is
 * reported apart. On a busy machine wall-clock time also includes waiting for the core.
 */
public final class RuleTimings {

    private RuleTimings() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> voterCounts = List.of(300, 1_000, 3_000, 10_000, 100_000);
        int projects = 150;
        long seed = 42;
        int runs = 7;
        int warmup = 3;
        String file = "src/test/resources/pabulib/instances/Poland_Czestochowa_2020.pb";
        List<String> rules = List.of("greedy", "greedy-per-cost", "knapsack", "mes", "mes-add1", "phragmen");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--voters" -> voterCounts = Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
                case "--projects" -> projects = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--file" -> file = args[i + 1];
                case "--rules" -> rules = Arrays.asList(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "cores available: %d, max heap: %d MiB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        for (int voters : voterCounts) {
            Election generated = GeneratedElection.approval(voters, projects, seed);
            report("generated " + voters + " voters, " + projects + " projects, seed " + seed, generated, rules, runs, warmup);
        }
        if (!file.isEmpty()) {
            Path path = Path.of(file);
            String f = file;
            Timing read = time(() -> {
                try {
                    return PabulibReader.read(path);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, runs, warmup);
            System.out.printf(Locale.ROOT, "%n%s: reading %s%n", path.getFileName(), read);
            Election real = PabulibReader.read(Path.of(f));
            real = new Election(real.instance().withCategoryCaps(Map.of()), real.profile());
            report(path.getFileName().toString(), real, rules, runs, warmup);
        }
    }

    private static void report(String label, Election election, List<String> rules, int runs, int warmup) {
        System.out.printf(Locale.ROOT, "%n%s (%d ballots)%n", label, election.profile().size());
        for (String name : rules) {
            AllocationRule rule = RuleName.parse(name).create(RuleOptions.withTieBreaking(new TieBreaking.ById(false)));
            Outcome[] last = new Outcome[1];
            try {
                Timing t = time(() -> last[0] = rule.allocate(election), runs, warmup);
                String extra = last[0].details().containsKey("runs")
                        ? " (" + last[0].details().get("runs") + " MES runs, " + last[0].details().get("exactRuns") + " exact)" : "";
                System.out.printf(Locale.ROOT, "  %-16s %s, %d funded%s%n", name, t, last[0].selected().size(), extra);
            } catch (UnsupportedElectionException e) {
                System.out.printf(Locale.ROOT, "  %-16s not applicable: %s%n", name, e.getMessage());
            }
        }
    }

    private record Timing(double wallMedianMs, double cpuMedianMs, double gcMsPerRun, long peakHeapMiB) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "median %.1f ms wall, %.1f ms CPU (+%.1f ms GC per run), peak heap %d MiB",
                    wallMedianMs, cpuMedianMs, gcMsPerRun, peakHeapMiB);
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static Timing time(Supplier<?> task, int runs, int warmup) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmup; i++) {
            task.get();
        }
        System.gc();
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
                heap.add(pool);
            }
        }
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        long gcBefore = gcMillis();
        for (int i = 0; i < runs; i++) {
            long w = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            task.get();
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
            wall[i] = (System.nanoTime() - w) / 1e6;
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : heap) {
            peak += pool.getPeakUsage().getUsed();
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new Timing(wall[runs / 2], cpu[runs / 2], (gcMillis() - gcBefore) / (double) runs, peak >> 20);
    }
}
