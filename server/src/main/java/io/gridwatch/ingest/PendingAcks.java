package io.gridwatch.ingest;

import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The QoS 1 and QoS 2 publishes of one connection that still owe their PUBACK or PUBREC, in the order they
 * arrived. MQTT wants acknowledgements in PUBLISH order (MQTT-4.6.0-2, -3), while writes may complete in any
 * order; so an entry becomes {@linkplain Entry#ready ready} when its write succeeded (or it was refused) and
 * {@link #drain} hands out the ready entries at the head only. Its size is what the client has in flight, and the
 * connection's in-flight limit bounds it.
 *
 * <p>Not thread-safe: one per connection, used on its event loop.
 */
final class PendingAcks {

    /** One publish waiting for its acknowledgement. */
    static final class Entry {
        final int packetId;
        final boolean qos2;
        final long receivedNanos;
        private boolean ready;
        private boolean stored;
        private MqttPubAckReasonCode code;
        private String reasonString;

        private Entry(int packetId, boolean qos2, long receivedNanos) {
            this.packetId = packetId;
            this.qos2 = qos2;
            this.receivedNanos = receivedNanos;
        }

        /** Its reading was stored: acknowledge with success. */
        void stored() {
            ready = true;
            stored = true;
            code = MqttPubAckReasonCode.SUCCESS;
        }

        /** It was refused: acknowledge with {@code code} (SUCCESS on MQTT 3.1.1) and the MQTT 5 reason string. */
        void refused(MqttPubAckReasonCode refusal, String reason) {
            ready = true;
            code = refusal;
            reasonString = reason;
        }

        boolean isStored() {
            return stored;
        }

        MqttPubAckReasonCode code() {
            return code;
        }

        String reasonString() {
            return reasonString;
        }
    }

    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private final Set<Integer> packetIds = new HashSet<>();

    Entry add(int packetId, boolean qos2, long receivedNanos) {
        Entry entry = new Entry(packetId, qos2, receivedNanos);
        queue.addLast(entry);
        packetIds.add(packetId);
        return entry;
    }

    /** Whether a publish with this packet id is still waiting (a resent duplicate must not be written twice). */
    boolean contains(int packetId) {
        return packetIds.contains(packetId);
    }

    int size() {
        return queue.size();
    }

    /** Hands the ready entries at the head to {@code send}, oldest first, and forgets them. */
    void drain(Consumer<Entry> send) {
        while (!queue.isEmpty() && queue.peekFirst().ready) {
            Entry entry = queue.pollFirst();
            packetIds.remove(entry.packetId);
            send.accept(entry);
        }
    }

    void clear() {
        queue.clear();
        packetIds.clear();
    }
}
