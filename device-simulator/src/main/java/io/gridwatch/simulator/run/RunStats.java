package io.gridwatch.simulator.run;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a fleet run has done so far. Counters only grow; read them at any time from any thread.
 */
public final class RunStats {

    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder resent = new LongAdder();
    final LongAdder dropped = new LongAdder();

    /** Readings handed to MQTT for the first time. */
    public long sent() {
        return sent.sum();
    }

    /** Readings the broker acknowledged (PUBACK with a success code). */
    public long acked() {
        return acked.sum();
    }

    /** Readings the broker refused with an error reason code; not resent. */
    public long refused() {
        return refused.sum();
    }

    /** Publishes of readings again after their first attempt failed with the connection. */
    public long resent() {
        return resent.sum();
    }

    /** Readings given up because a device's outbox was full. */
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public String toString() {
        return "sent=" + sent() + " acked=" + acked() + " resent=" + resent() + " refused=" + refused()
                + " dropped=" + dropped();
    }
}
