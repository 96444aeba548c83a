package io.gridwatch.simulator.load;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One load run: connects the fleet, sends at the target rate for the duration (a scheduler ticking every
 * millisecond asks the {@link RatePacer} how many messages are due and hands them round-robin, {@code burst} at a
 * time, to connections that are below their in-flight bound), waits for the outstanding acknowledgements, disconnects, and reports.
 */
public final class LoadRun {

    private final LoadSettings settings;
    private final List<DeviceCredentials> devices;
    private final PrintStream progress;
    private final LoadCounters counters = new LoadCounters();

    /**
     * @param settings what to do
     * @param devices who connects (at least {@code settings.devices()} are used, in order)
     * @param progress where progress lines go (stderr)
     */
    public LoadRun(LoadSettings settings, List<DeviceCredentials> devices, PrintStream progress) {
        this.settings = settings;
        this.devices = devices.subList(0, Math.min(devices.size(), settings.devices()));
        this.progress = progress;
    }

    /** Runs the load to its end; blocking. */
    public LoadResult run() {
        List<LoadConnection> connections = ConnectionPool.connect(settings, devices, counters);
        RoundRobin<LoadConnection> turns = new RoundRobin<>(connections);
        RatePacer pacer = RatePacer.withTenthSecondBacklog(settings.rate());
        ProgressReporter reporter = new ProgressReporter(counters, progress);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "load-pacer");
            thread.setDaemon(true);
            return thread;
        });
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long start = System.nanoTime();
        try {
            scheduler.scheduleAtFixedRate(() -> tick(pacer, turns, start), 0, 1, TimeUnit.MILLISECONDS);
            long every = settings.progressEvery().toNanos();
            scheduler.scheduleAtFixedRate(() -> reporter.report(System.nanoTime() - start), every, every,
                    TimeUnit.NANOSECONDS);
            sleepNanos(settings.duration().toNanos());
        } finally {
            shutdown(scheduler);
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        drain();
        long unfinished = counters.inflight();
        reporter.report(System.nanoTime() - start);
        ConnectionPool.disconnect(connections);
        long lastAck = counters.lastAckNanos();
        double ackSeconds = lastAck == Long.MIN_VALUE ? 0 : (lastAck - start) / 1e9;
        return new LoadResult(settings, connections.size(), startedAt, sendSeconds, ackSeconds, counters.sent(),
                counters.acked(), counters.errors(), pacer.skipped(), unfinished, counters.latency(),
                counters.firstError());
    }

    private void tick(RatePacer pacer, RoundRobin<LoadConnection> turns, long start) {
        long quota = pacer.quota(System.nanoTime() - start);
        long now = System.currentTimeMillis();
        long sent = 0;
        while (sent < quota) {
            LoadConnection next = turns.next(LoadConnection::canPublish);
            if (next == null) {
                break;
            }
            int burst = 0;
            do {
                next.publish(now);
                sent++;
                burst++;
            } while (burst < settings.burst() && sent < quota && next.canPublish());
        }
        pacer.issued(sent);
    }

    private void drain() {
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        while (counters.inflight() > 0 && System.nanoTime() < deadline) {
            sleepNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static void shutdown(ScheduledExecutorService scheduler) {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted", e);
        }
    }
}
