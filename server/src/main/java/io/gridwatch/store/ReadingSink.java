package io.gridwatch.store;

import io.gridwatch.model.Reading;
import io.vertx.core.Future;

/** Where accepted readings go. */
public interface ReadingSink {

    /**
     * Stores a reading durably. The future succeeds only once the reading is committed (a QoS 1
     * PUBACK waits for it) and also when an identical reading was already stored (a redelivery);
     * it fails when the reading could not be stored, and the caller must then not acknowledge it.
     */
    Future<Void> write(Reading reading);

    /**
     * Stores a reading like {@link #write(Reading)}; an {@code urgent} one (it may raise an alert) is committed ahead
     * of ordinary ones where the sink can do so. The guarantee is the same.
     */
    default Future<Void> write(Reading reading, boolean urgent) {
        return write(reading);
    }

    /**
     * Stores a reading like {@link #write(Reading, boolean)} and runs {@code stored} once it is committed, as soon as
     * the sink learns of it: on the sink's own thread, before the returned future completes on the caller's. For
     * thread-safe work that must follow the commit without waiting for the caller's event loop.
     */
    default Future<Void> write(Reading reading, boolean urgent, Runnable stored) {
        return write(reading, urgent).onSuccess(v -> stored.run());
    }

    /**
     * Whether writes can be expected to succeed now: false while the database is out of reach, when the MQTT
     * endpoint refuses new connections (existing ones keep their readings unacknowledged until it is back).
     * Any thread.
     */
    default boolean accepting() {
        return true;
    }
}
