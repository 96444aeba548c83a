package io.gridwatch.broker;

import io.gridwatch.ingest.DeviceDirectory;
import io.gridwatch.ingest.ReadingDecoder;
import io.gridwatch.ingest.RejectLog;
import io.gridwatch.ingest.RejectReason;
import io.gridwatch.ingest.RejectedReading;
import io.gridwatch.model.Device;
import io.gridwatch.model.Reading;
import io.gridwatch.store.ReadingSink;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readings from the broker's shared subscription, through the one reading path of the node: the device from the topic
 * (looked up in the same directory as MQTT log-ins), the payload through the same {@link ReadingDecoder}, the reading
 * into the same {@link ReadingSink} (durable write, then the rules). The broker gets its acknowledgement only once the
 * write has committed, in the order the PUBLISHes came (MQTT 4.6).
 *
 * <p>A refused reading (a topic that is no device's, an unknown device, a bad payload, an unknown field) is counted,
 * logged at most once per device per minute, never stored, and acknowledged: a redelivery could not make it better.
 * A write that fails while the database is away is tried again (0.25 s doubling to 2 s) while the connection lasts,
 * its acknowledgement and the later ones held, so the broker's in-flight window stops the flow meanwhile. When the
 * connection drops, what is unacknowledged is forgotten: the broker redelivers it (the node's session keeps it).
 *
 * <p>Everything runs on one Vert.x context, the subscriber's; the sink's results are brought back to it.
 */
final class SharedReadings {

    private static final Logger LOG = LoggerFactory.getLogger(SharedReadings.class);
    private static final long RETRY_FIRST_MS = 250;
    private static final long RETRY_MAX_MS = 2_000;
    private static final String PREFIX = "devices/";
    private static final String SUFFIX = "/readings";

    private final Context context;
    private final DeviceDirectory directory;
    private final ReadingDecoder decoder;
    private final ReadingSink sink;
    private final BrokerMetrics metrics;
    private final RejectLog rejectLog;
    private final Clock clock;
    private final int maxPayloadBytes;
    private final ArrayDeque<Entry> unacknowledged = new ArrayDeque<>();
    /** Moves on at every lost connection: work of an older connection is not acknowledged on a newer one. */
    private int connection;
    private boolean stopping;

    SharedReadings(Context context, DeviceDirectory directory, ReadingDecoder decoder, ReadingSink sink,
            BrokerMetrics metrics, RejectLog rejectLog, Clock clock, int maxPayloadBytes) {
        this.context = context;
        this.directory = directory;
        this.decoder = decoder;
        this.sink = sink;
        this.metrics = metrics;
        this.rejectLog = rejectLog;
        this.clock = clock;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** The device id in {@code devices/{id}/readings}, or null for any other topic. */
    static String deviceIdOf(String topic) {
        if (topic == null || !topic.startsWith(PREFIX) || !topic.endsWith(SUFFIX)) {
            return null;
        }
        String id = topic.substring(PREFIX.length(), topic.length() - SUFFIX.length());
        return id.isEmpty() || id.indexOf('/') >= 0 ? null : id;
    }

    /** Takes one PUBLISH; on the context. */
    void accept(Delivery delivery) {
        if (stopping) {
            return; // never acknowledged: the broker hands it over again when this node's session is back
        }
        Entry entry = new Entry(delivery, connection, System.nanoTime());
        if (delivery.qos1()) {
            unacknowledged.add(entry);
        } else {
            acknowledge(delivery); // QoS 0 waits for nothing; the call only frees the client's flow control
        }
        String deviceId = deviceIdOf(delivery.topic());
        if (deviceId == null) {
            refuse(entry, "topic", RejectReason.UNKNOWN_TOPIC, "not a devices/{id}/readings topic");
        } else if (delivery.payload().length > maxPayloadBytes) {
            refuse(entry, deviceId, RejectReason.PACKET_TOO_LARGE, "payload over " + maxPayloadBytes + " bytes");
        } else {
            handle(entry, deviceId, 0);
        }
    }

    /** The connection is gone: the broker redelivers everything not acknowledged, so nothing waits for it here. */
    void connectionLost() {
        connection++;
        unacknowledged.clear();
    }

    /** Takes no more PUBLISHes; those in hand finish (see {@link #unacknowledged()}). */
    void stop() {
        stopping = true;
    }

    int unacknowledged() {
        return unacknowledged.size();
    }

    private void handle(Entry entry, String deviceId, int attempt) {
        Future<Optional<DeviceDirectory.Credentials>> lookup = attempt(() -> directory.credentials(deviceId));
        lookup.onComplete(here(found -> {
            if (found.failed()) {
                again(entry, deviceId, attempt, found.cause());
            } else if (found.result().isEmpty()) {
                refuse(entry, deviceId, RejectReason.UNKNOWN_DEVICE, "no such device");
            } else {
                decodeAndWrite(entry, found.result().get().device(), attempt);
            }
        }));
    }

    private void decodeAndWrite(Entry entry, Device device, int attempt) {
        Reading reading;
        try {
            reading = decoder.decode(entry.delivery.payload(), device, clock.instant());
        } catch (RejectedReading refused) {
            refuse(entry, device.id(), refused.reason(), refused.getMessage());
            return;
        }
        attempt(() -> sink.write(reading)).onComplete(here(done -> {
            if (done.succeeded()) {
                metrics.stored();
                finish(entry, true);
            } else if (done.cause() instanceof IllegalArgumentException) {
                // decoded but not storable: a redelivery would fail the same way, for ever
                metrics.writeFailed();
                refuse(entry, device.id(), RejectReason.OUT_OF_RANGE, "cannot be stored: " + done.cause().getMessage());
            } else {
                metrics.writeFailed();
                again(entry, device.id(), attempt, done.cause());
            }
        }));
    }

    /** Tries again later while the connection the PUBLISH came on lasts; its acknowledgement waits. */
    private void again(Entry entry, String deviceId, int attempt, Throwable cause) {
        if (!current(entry)) {
            return;
        }
        if (rejectLog.shouldLog("broker-write/" + deviceId)) {
            LOG.warn("cannot store broker reading, acknowledgement held, trying again [device-id: {}]: {}", deviceId,
                    String.valueOf(cause));
        }
        long delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS << Math.min(attempt, 10));
        context.owner().setTimer(delay, id -> {
            if (current(entry)) {
                handle(entry, deviceId, attempt + 1);
            }
        });
    }

    private void refuse(Entry entry, String key, RejectReason reason, String detail) {
        metrics.refused(reason);
        if (rejectLog.shouldLog(key)) {
            LOG.warn("refused broker reading [device-id: {}, reason: {}]: {} (logged once a minute per device)", key,
                    reason.label(), detail);
        }
        finish(entry, false);
    }

    private boolean current(Entry entry) {
        return entry.connection == connection && (!entry.delivery.qos1() || unacknowledged.contains(entry));
    }

    /** The entry is decided; acknowledges every decided one at the head of the queue, in PUBLISH order. */
    private void finish(Entry entry, boolean stored) {
        if (!entry.delivery.qos1() || entry.connection != connection) {
            return;
        }
        entry.decided = true;
        entry.stored = stored;
        while (!unacknowledged.isEmpty() && unacknowledged.peek().decided) {
            Entry head = unacknowledged.poll();
            acknowledge(head.delivery);
            if (head.stored) {
                metrics.acknowledged(System.nanoTime() - head.receivedNanos);
            }
        }
    }

    private static void acknowledge(Delivery delivery) {
        try {
            delivery.acknowledge().run();
        } catch (RuntimeException alreadyGone) {
            LOG.debug("acknowledgement not sent: {}", alreadyGone.toString());
        }
    }

    /** The future of {@code call}, also when it throws instead of failing its future. */
    private static <T> Future<T> attempt(Supplier<Future<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException failed) {
            return Future.failedFuture(failed);
        }
    }

    /** A handler that runs on this context: the directory's and the sink's futures complete anywhere. */
    private <T> Handler<AsyncResult<T>> here(Handler<AsyncResult<T>> handler) {
        return result -> {
            if (Vertx.currentContext() == context) {
                handler.handle(result);
            } else {
                context.runOnContext(v -> handler.handle(result));
            }
        };
    }

    private static final class Entry {
        final Delivery delivery;
        final int connection;
        final long receivedNanos;
        boolean decided;
        boolean stored;

        Entry(Delivery delivery, int connection, long receivedNanos) {
            this.delivery = delivery;
            this.connection = connection;
            this.receivedNanos = receivedNanos;
        }
    }
}
