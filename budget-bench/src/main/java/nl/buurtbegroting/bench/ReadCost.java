package nl.buurtbegroting.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import nl.buurtbegroting.core.model.Election;
import nl.buurtbegroting.core.pabulib.PabulibReader;
import nl.buurtbegroting.core.pabulib.PabulibWriter;

/**
 * What one warm read of a city-sized file costs, in the two load-independent measures: the reading
 * thread's CPU time and the bytes it allocates ({@link ThreadMXBean}); wall time is printed for reference.
 * Medians of 20 reads after 10. Reads the given file, or writes {@link ReadBenchmark}'s 90,000-voter one.
 * Usage: {@code java -Xmx1g -Xms1g -cp budget-bench.jar nl.buurtbegroting.bench.ReadCost [FILE]}
 */
public final class ReadCost {

    private ReadCost() {
    }

    public static void main(String[] args) throws Exception {
        Path file;
        if (args.length > 0) {
            file = Path.of(args[0]);
        } else {
            file = Files.createTempFile("city-90k", ".pb");
            file.toFile().deleteOnExit();
            PabulibWriter.write(SyntheticElection.generate(90_000, 150, 42), file);
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int warmup = 10;
        int n = 20;
        double[] cpu = new double[n];
        double[] wall = new double[n];
        double[] megabytes = new double[n];
        int voters = 0;
        for (int i = 0; i < warmup + n; i++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long allocated0 = threads.getThreadAllocatedBytes(id);
            long wall0 = System.nanoTime();
            Election election = PabulibReader.read(file);
            long wall1 = System.nanoTime();
            long cpu1 = threads.getCurrentThreadCpuTime();
            long allocated1 = threads.getThreadAllocatedBytes(id);
            voters = election.profile().size();
            if (i >= warmup) {
                cpu[i - warmup] = (cpu1 - cpu0) / 1e6;
                wall[i - warmup] = (wall1 - wall0) / 1e6;
                megabytes[i - warmup] = (allocated1 - allocated0) / 1e6;
            }
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        Arrays.sort(megabytes);
        System.out.printf("%s (%,d voters, %,d bytes): thread CPU median %.1f ms (min %.1f), allocated %.1f MB,"
                        + " wall median %.1f ms (min %.1f)%n", file.getFileName(), voters, Files.size(file),
                cpu[n / 2], cpu[0], megabytes[n / 2], wall[n / 2], wall[0]);
    }
}
