package io.gridwatch.simulator.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load run with the frame client ({@code load --client frames}): every connection on one thread and one selector,
 * MQTT packets written by hand ({@link MqttFrames}), QoS 1 only. It measures what {@link LoadRun} measures (PUBACK
 * latency from the moment a PUBLISH is put in its connection's buffer, the achieved rate, skipped messages) at a
 * fraction of the HiveMQ client's CPU per message, so that the broker, not the load tool, is what is measured; pin
 * it to a core with {@code taskset} to keep it off the broker's.
 *
 * <p>The loop turns once a millisecond: send what the pacer allows, then read whatever arrived since the last turn in
 * one read per connection, then sleep to the next millisecond. A broker that answers each PUBLISH at once (Mosquitto)
 * would otherwise wake the tool once per PUBACK, which made the tool cost as much as the broker. PUBACK latencies are
 * therefore taken to within a millisecond.
 */
public final class FrameLoadRun {

    private static final Logger log = LoggerFactory.getLogger(FrameLoadRun.class);
    private static final long TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final LoadSettings settings;
    private final List<DeviceCredentials> devices;
    private final PrintStream progress;
    private final LoadCounters counters = new LoadCounters();

    public FrameLoadRun(LoadSettings settings, List<DeviceCredentials> devices, PrintStream progress) {
        if (settings.qos() != 1) {
            throw new IllegalArgumentException("the frame client sends QoS 1 only");
        }
        this.settings = settings;
        this.devices = devices.subList(0, Math.min(devices.size(), settings.devices()));
        this.progress = progress;
    }

    /** Runs the load to its end; blocking, on the calling thread. */
    public LoadResult run() {
        try (Selector selector = Selector.open()) {
            List<FrameConnection> connections = connect(selector);
            return send(selector, connections);
        } catch (IOException e) {
            throw new LoadException("frame client: " + e.getMessage(), e);
        }
    }

    private List<FrameConnection> connect(Selector selector) throws IOException {
        List<FrameConnection> connections = new ArrayList<>(devices.size());
        long start = System.nanoTime();
        IOException first = null;
        for (DeviceCredentials device : devices) {
            FrameConnection connection = new FrameConnection(device, settings.mqttVersion(), settings.inflight(),
                    counters);
            try {
                connection.connect(settings.broker());
                connection.channel().register(selector, SelectionKey.OP_READ, connection);
                connections.add(connection);
            } catch (IOException e) {
                connection.fail(e);
                first = first == null ? e : first;
            }
        }
        log.info("connected [connections: {} of {}, window: {}, seconds: {}]", connections.size(), devices.size(),
                connections.isEmpty() ? 0 : connections.get(0).window(),
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
        if (connections.isEmpty()) {
            throw new LoadException("no connection could be made", first);
        }
        if (connections.get(0).window() < settings.inflight()) {
            progress.printf("the broker's receive maximum caps the window at %d (asked %d)%n",
                    connections.get(0).window(), settings.inflight());
        }
        return connections;
    }

    private LoadResult send(Selector selector, List<FrameConnection> connections) throws IOException {
        RoundRobin<FrameConnection> turns = new RoundRobin<>(connections);
        RatePacer pacer = RatePacer.withTenthSecondBacklog(settings.rate());
        ProgressReporter reporter = new ProgressReporter(counters, progress);
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long start = System.nanoTime();
        long end = start + settings.duration().toNanos();
        long every = settings.progressEvery().toNanos();
        long nextReport = start + every;
        List<FrameConnection> touched = new ArrayList<>();
        long now;
        while ((now = System.nanoTime()) < end) {
            long quota = pacer.quota(now - start);
            long wallMillis = System.currentTimeMillis();
            long sent = 0;
            FrameConnection next;
            while (sent < quota && (next = turns.next(FrameConnection::canPublish)) != null) {
                if (!next.hasUnsent()) {
                    touched.add(next);
                }
                next.publish(wallMillis);
                sent++;
            }
            pacer.issued(sent);
            flush(selector, touched);
            poll(selector, 0);
            long turnEnd = now + TURN_NANOS;
            long rest;
            while ((rest = turnEnd - System.nanoTime()) > 0) {
                LockSupport.parkNanos(rest);
            }
            if (now >= nextReport) {
                reporter.report(now - start);
                nextReport += every;
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        while (counters.inflight() > 0 && System.nanoTime() < deadline) {
            flush(selector, touched);
            poll(selector, 10);
        }
        long unfinished = counters.inflight();
        reporter.report(System.nanoTime() - start);
        connections.forEach(FrameConnection::disconnect);
        long lastAck = counters.lastAckNanos();
        double ackSeconds = lastAck == Long.MIN_VALUE ? 0 : (lastAck - start) / 1e9;
        return new LoadResult(settings, connections.size(), startedAt, sendSeconds, ackSeconds, counters.sent(),
                counters.acked(), counters.errors(), pacer.skipped(), unfinished, counters.latency(),
                counters.firstError());
    }

    /** Sends what the connections touched this turn hold; a socket that takes less is watched for writability. */
    private static void flush(Selector selector, List<FrameConnection> touched) {
        for (FrameConnection connection : touched) {
            try {
                if (connection.flush()) {
                    connection.channel().keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
            } catch (IOException e) {
                connection.fail(e);
            }
        }
        touched.clear();
    }

    /** Handles the ready connections: waits up to {@code timeoutMillis} for one, or not at all for 0. */
    private static void poll(Selector selector, long timeoutMillis) throws IOException {
        int ready = timeoutMillis == 0 ? selector.selectNow() : selector.select(timeoutMillis);
        if (ready == 0) {
            return;
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            FrameConnection connection = (FrameConnection) key.attachment();
            try {
                if (key.isValid() && key.isWritable() && !connection.flush()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
                if (key.isValid() && key.isReadable() && !connection.read()) {
                    connection.fail(new IOException("the broker closed the connection"));
                }
            } catch (IOException e) {
                connection.fail(e);
            }
        }
    }
}
