package io.gridwatch.simulator.load;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One device of the load: its connection, its sequence numbers and a bound on its unacknowledged publishes.
 * Each message gets {@code ts = max(now, previous ts + 1 ms)}, so that timestamps are strictly increasing per
 * device (the server stores each device + ts once) and never run ahead of the clock below 1,000 msgs/s per device.
 *
 * <p>Send times are kept in a ring indexed by {@code seq}, of 1,024 slots or 32 × the in-flight bound: an
 * acknowledgement finds its send time through the {@code seq} in its payload. (A message still unanswered after
 * that many later ones were sent would be timed from a later send; at that point the run is far past saturation.)
 *
 * <p>{@link #publish} is called by the scheduler thread only; outcomes arrive on the client's threads.
 */
final class LoadConnection implements LoadClient.Outcomes {

    private final DeviceCredentials device;
    private final LoadClient client;
    private final int inflightLimit;
    private final LoadCounters counters;
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicLongArray sentAt;
    private final int mask;
    private long seq;
    private long lastTs = Long.MIN_VALUE;

    LoadConnection(DeviceCredentials device, LoadClient client, int inflightLimit, LoadCounters counters) {
        this.device = device;
        this.client = client;
        this.inflightLimit = inflightLimit;
        this.counters = counters;
        int slots = Integer.highestOneBit(Math.max(1024, inflightLimit * 32 - 1)) << 1;
        this.sentAt = new AtomicLongArray(slots);
        this.mask = slots - 1;
    }

    DeviceCredentials device() {
        return device;
    }

    LoadClient client() {
        return client;
    }

    /** Whether one more publish fits: connected and below the in-flight bound. */
    boolean canPublish() {
        return inflight.get() < inflightLimit && client.isConnected();
    }

    /** Sends the next reading. */
    void publish(long nowMillis) {
        lastTs = Math.max(nowMillis, lastTs + 1);
        long n = seq++;
        byte[] payload = ReadingPayload.smoke(lastTs, n);
        inflight.incrementAndGet();
        counters.countSent();
        sentAt.set((int) (n & mask), System.nanoTime());
        client.publish(payload);
    }

    @Override
    public void done(ByteBuffer payload) {
        long now = System.nanoTime();
        inflight.decrementAndGet();
        long n = ReadingPayload.seqOf(payload);
        counters.acked(n < 0 ? now : sentAt.get((int) (n & mask)), now);
    }

    @Override
    public void refused(ByteBuffer payload, Throwable error) {
        inflight.decrementAndGet();
        counters.failed(error);
    }

    @Override
    public void streamFailed(Throwable error) {
        int lost = inflight.getAndSet(inflightLimit); // never publish on this connection again
        for (int i = 0; i < lost; i++) {
            counters.failed(error);
        }
    }
}
