package io.gridwatch.simulator.storm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A process's resident memory (VmRSS, sampled: the last and the highest) and CPU time (utime + stime), read from
 * {@code /proc} (Linux). A watch of no process reads nothing and reports zeros. Not thread-safe: one sampler.
 */
final class ProcessWatch {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final String proc;
    private final double cpuAtStart;
    private long lastRssKb;
    private long maxRssKb;

    private ProcessWatch(String proc) {
        this.proc = proc;
        this.cpuAtStart = cpuSeconds();
        sample();
    }

    static ProcessWatch of(Long pid) {
        return new ProcessWatch(pid == null ? null : "/proc/" + pid);
    }

    /** This process, its CPU counted from now (not from the JVM's start and the token file's reading). */
    static ProcessWatch self() {
        return new ProcessWatch("/proc/self");
    }

    void sample() {
        long rss = rssKb();
        lastRssKb = rss;
        maxRssKb = Math.max(maxRssKb, rss);
    }

    boolean watching() {
        return proc != null;
    }

    double lastRssMb() {
        return lastRssKb / 1024.0;
    }

    double maxRssMb() {
        return maxRssKb / 1024.0;
    }

    /** CPU seconds since this watch began. */
    double cpuSecondsSinceStart() {
        return cpuSeconds() - cpuAtStart;
    }

    private long rssKb() {
        if (proc == null) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of(proc, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
        return 0;
    }

    /**
     * Waits until every one of {@code watches} used less than {@code cores} of a CPU over one {@code window}, for at
     * most {@code max}; whether they all went quiet. A JVM that has just run a warm-up goes on compiling (C2) for
     * seconds; a storm started under that measures the compilers, not the connections.
     */
    static boolean awaitQuiet(List<ProcessWatch> watches, double cores, Duration window, Duration max)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        double[] before = new double[watches.size()];
        while (true) {
            for (int i = 0; i < before.length; i++) {
                before[i] = watches.get(i).cpuSeconds();
            }
            Thread.sleep(window.toMillis());
            boolean quiet = true;
            for (int i = 0; i < before.length; i++) {
                quiet &= watches.get(i).cpuSeconds() - before[i] < cores * window.toMillis() / 1000.0;
            }
            if (quiet) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
        }
    }

    private double cpuSeconds() {
        if (proc == null) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of(proc, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields from the state on: utime is the 14th field of the line, the 12th after the name
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
