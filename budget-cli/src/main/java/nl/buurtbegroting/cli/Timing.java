package nl.buurtbegroting.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run's time goes, for measuring start-up: with {@code -Dbb.timing=true} (in {@code BUDGET_JAVA_OPTS}
 * for bin/budget) the tool ends by printing to stderr the wall time of each phase since the JVM started and
 * the process's CPU time so far (all threads: JIT compilers and the collector included). Off, a mark costs
 * one boolean test and nothing is loaded.
 */
final class Timing {

    static final boolean ON = Boolean.getBoolean("bb.timing");
    private static final List<String> MARKS = ON ? new ArrayList<>() : null;

    private Timing() {
    }

    static void mark(String phase) {
        if (ON) {
            long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            long cpu = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
            MARKS.add(String.format("%-14s at %5d ms, process CPU %5d ms", phase, sinceStart, cpu / 1_000_000));
        }
    }

    static void print() {
        if (ON) {
            mark("end");
            System.err.println("bb.timing:");
            for (String m : MARKS) {
                System.err.println("  " + m);
            }
        }
    }
}
