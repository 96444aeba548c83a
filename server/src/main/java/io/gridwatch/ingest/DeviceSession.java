package io.gridwatch.ingest;

import io.gridwatch.ingest.Refusals.Action;
import io.gridwatch.model.Device;
import io.gridwatch.model.Reading;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection of one device. Checks each PUBLISH (flags, in-flight limit, topic, QoS 0 rate), decodes
 * it, writes the reading to the sink and acknowledges it only once the write succeeded: PUBACK for QoS 1, PUBREC for
 * QoS 2 (PUBCOMP then answers PUBREL), in PUBLISH order. A write that fails because the database is away is tried
 * again while the connection lasts, its acknowledgement held (the receive maximum stops the device meanwhile); one
 * that can never succeed is not acknowledged and the connection is closed (MQTT 5: DISCONNECT 0x89 server busy).
 * Refusals follow {@link Refusals}; the bytes sent back are {@link Replies}' business.
 *
 * <p>Everything runs on the connection's event loop; the sink's results are brought back to it.
 */
final class DeviceSession {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);
    private static final long RETRY_FIRST_MS = 250;
    private static final long RETRY_MAX_MS = 2_000;

    private final IngestServices services;
    private final MqttEndpoint endpoint;
    private final Context context;
    private final Replies replies;
    private final Device device;
    private final String clientId;
    private final String topic;
    private final boolean mqtt5;
    private final int inflightLimit;
    private final Duration sessionExpiry;
    private final PendingAcks pending = new PendingAcks();
    private final Set<Integer> awaitingRelease;
    private final Qos0Limiter qos0;
    private boolean ended;

    DeviceSession(IngestServices services, MqttEndpoint endpoint, Context context, Device device, String clientId,
            Duration sessionExpiry, Set<Integer> resumed) {
        this.services = services;
        this.endpoint = endpoint;
        this.context = context;
        this.replies = new Replies(endpoint, context);
        this.device = device;
        this.clientId = clientId;
        this.topic = readingsTopic(device.id());
        this.mqtt5 = endpoint.protocolVersion() >= 5;
        this.inflightLimit = mqtt5 ? services.options().receiveMaximum() : services.options().mqtt3InflightLimit();
        this.sessionExpiry = sessionExpiry;
        this.awaitingRelease = resumed == null ? new HashSet<>() : new HashSet<>(resumed);
        this.qos0 = new Qos0Limiter(services.options().qos0Limit(), System.nanoTime());
    }

    /** The only topic a device may publish to. */
    static String readingsTopic(String deviceId) {
        return "devices/" + deviceId + "/readings";
    }

    String deviceId() {
        return device.id();
    }

    /** Sets the handlers; call before the CONNACK goes out, since packets may follow it at once. */
    void bind() {
        endpoint.publishAutoAck(false);
        endpoint.publishHandler(this::onPublish);
        endpoint.publishReleaseHandler(packetId -> replies.complete(packetId, awaitingRelease.remove(packetId)));
        endpoint.subscribeHandler(this::onSubscribe);
        endpoint.unsubscribeHandler(replies::unsubscribed);
        endpoint.exceptionHandler(this::onException);
        endpoint.closeHandler(v -> end());
    }

    /** Publishes written whose acknowledgement has not gone out. */
    int unacknowledged() {
        return replies.isOpen() ? pending.size() : 0;
    }

    /** Another connection logged in as this device: MQTT 5 DISCONNECT 0x8E, and the state is saved for it. */
    void takeOver() {
        hangUp(MqttDisconnectReasonCode.SESSION_TAKEN_OVER);
        end();
    }

    void shutDown() {
        hangUp(MqttDisconnectReasonCode.SERVER_SHUTTING_DOWN);
    }

    private void onPublish(MqttPublishMessage message) {
        if (!replies.isOpen() || services.isStopping()) {
            return; // never acknowledged: the device sends QoS 1/2 again after reconnecting
        }
        long receivedNanos = System.nanoTime();
        if (message.qosLevel() != MqttQoS.AT_MOST_ONCE && isRepeat(message)) {
            LOG.debug("publish repeated while in flight [device-id: {}, packet-id: {}]", device.id(),
                    message.messageId());
            return;
        }
        RejectReason refusal = check(message, receivedNanos);
        if (refusal != null) {
            refuse(refusal, message, receivedNanos, explain(refusal));
            return;
        }
        Reading reading;
        try {
            reading = services.decoder().decode(message.payload().getBytes(), device, services.clock().instant());
        } catch (RejectedReading refused) {
            refuse(refused.reason(), message, receivedNanos, refused.getMessage());
            return;
        }
        PendingAcks.Entry entry = message.qosLevel() == MqttQoS.AT_MOST_ONCE ? null
                : pending.add(message.messageId(), message.qosLevel() == MqttQoS.EXACTLY_ONCE, receivedNanos);
        write(reading).onComplete(IngestServices.on(context, done -> written(entry, reading, 0, done)));
    }

    /** A QoS 1/2 packet id already in flight: answered when its write completes, or now if already stored. */
    private boolean isRepeat(MqttPublishMessage message) {
        int packetId = message.messageId();
        if (pending.contains(packetId)) {
            return true;
        }
        if (message.qosLevel() == MqttQoS.EXACTLY_ONCE && awaitingRelease.contains(packetId)) {
            replies.acknowledge(packetId, true, MqttPubAckReasonCode.SUCCESS, null);
            return true;
        }
        return false;
    }

    /** Why this publish is refused before its payload is read, or null. */
    private RejectReason check(MqttPublishMessage message, long receivedNanos) {
        MqttProperties properties = message.properties();
        if (mqtt5 && properties != null && properties.getProperty(MqttProperties.TOPIC_ALIAS) != null) {
            return RejectReason.TOPIC_ALIAS;
        }
        if (mqtt5 && message.isRetain()) {
            return RejectReason.RETAIN;
        }
        boolean qos0Message = message.qosLevel() == MqttQoS.AT_MOST_ONCE;
        if (!qos0Message && pending.size() + awaitingRelease.size() >= inflightLimit) {
            return RejectReason.RECEIVE_MAXIMUM_EXCEEDED;
        }
        if (!topic.equals(message.topicName())) {
            return isDeviceTopic(message.topicName()) ? RejectReason.FOREIGN_TOPIC : RejectReason.UNKNOWN_TOPIC;
        }
        if (qos0Message) {
            return switch (qos0.admit(receivedNanos)) {
                case PASS -> null;
                case DROP -> RejectReason.RATE_LIMITED;
                case DISCONNECT -> RejectReason.FLOOD;
            };
        }
        return null;
    }

    private String explain(RejectReason refusal) {
        return switch (refusal) {
            case TOPIC_ALIAS -> "topic aliases are not available";
            case RETAIN -> "retain is not available";
            case RECEIVE_MAXIMUM_EXCEEDED -> "more than " + inflightLimit + " unacknowledged publishes";
            case FOREIGN_TOPIC, UNKNOWN_TOPIC -> "may publish to " + topic + " only";
            case RATE_LIMITED -> "qos 0 above " + services.options().qos0Limit().perSecond() + "/s, dropped";
            default -> "qos 0 flood";
        };
    }

    private static boolean isDeviceTopic(String name) {
        String prefix = "devices/";
        String suffix = "/readings";
        return name.startsWith(prefix) && name.endsWith(suffix)
                && name.indexOf('/', prefix.length()) == name.length() - suffix.length();
    }

    private Future<Void> write(Reading reading) {
        try {
            return services.sink().write(reading);
        } catch (RuntimeException failed) {
            return Future.failedFuture(failed);
        }
    }

    /**
     * A write completed; {@code entry} is null for QoS 0. A QoS 1/2 reading the database could not take now is
     * written again, with back-off, while the connection lasts: its acknowledgement (and every later one) waits, so
     * the device, at its receive maximum, stops sending, and stays connected for when the database is back.
     */
    private void written(PendingAcks.Entry entry, Reading reading, int attempt, AsyncResult<Void> done) {
        if (done.succeeded()) {
            services.metrics().stored();
            if (entry != null) {
                entry.stored();
                pending.drain(this::acknowledge);
            }
            return;
        }
        services.metrics().writeFailed();
        boolean hold = entry != null && isTransient(done.cause());
        if (services.rejectLog().shouldLog("write/" + device.id())) {
            LOG.warn("cannot store reading{} [device-id: {}]: {}", entry == null ? " (qos 0, lost)"
                    : hold ? ", acknowledgement held, writing again" : ", not acknowledged, closing the connection",
                    device.id(), String.valueOf(done.cause()));
        }
        if (hold) {
            long delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS << Math.min(attempt, 10));
            context.owner().setTimer(delay, id -> {
                if (replies.isOpen() && !ended && !services.isStopping()) {
                    write(reading).onComplete(IngestServices.on(context, again -> written(entry, reading, attempt + 1, again)));
                }
            });
        } else if (entry != null) {
            hangUp(MqttDisconnectReasonCode.SERVER_BUSY);
        }
    }

    /** An outage or a full queue passes; a reading the database can never hold does not. */
    private static boolean isTransient(Throwable failure) {
        return !(failure instanceof IllegalArgumentException) && !(failure instanceof IllegalStateException);
    }

    private void acknowledge(PendingAcks.Entry entry) {
        if (!replies.isOpen()) {
            return;
        }
        replies.acknowledge(entry.packetId, entry.qos2, entry.code(), entry.reasonString());
        if (entry.qos2 && (entry.isStored() || !mqtt5)) {
            awaitingRelease.add(entry.packetId);
        }
        if (entry.isStored()) {
            services.metrics().acknowledged(System.nanoTime() - entry.receivedNanos);
        }
    }

    private void onSubscribe(MqttSubscribeMessage message) {
        count(RejectReason.SUBSCRIBE, "devices only publish");
        replies.refuseSubscription(message);
    }

    /** Bytes that are not MQTT, an oversized packet, a broken connection: vertx-mqtt closes it right after. */
    private void onException(Throwable failure) {
        if (failure instanceof IOException) {
            LOG.debug("connection failed [device-id: {}]: {}", device.id(), failure.toString());
            return;
        }
        RejectReason reason = failure instanceof TooLongFrameException
                ? RejectReason.PACKET_TOO_LARGE : RejectReason.MALFORMED_PACKET;
        count(reason, failure.toString());
        hangUp(Refusals.publish(reason, mqtt5, MqttQoS.AT_MOST_ONCE).disconnect());
    }

    private void refuse(RejectReason reason, MqttPublishMessage message, long receivedNanos, String detail) {
        count(reason, detail);
        Action action = Refusals.publish(reason, mqtt5, message.qosLevel());
        switch (action.kind()) {
            case DROP -> { }
            case ACKNOWLEDGE -> {
                pending.add(message.messageId(), message.qosLevel() == MqttQoS.EXACTLY_ONCE, receivedNanos)
                        .refused(action.pubAck(), reason.label() + ": " + detail);
                pending.drain(this::acknowledge);
            }
            case DISCONNECT -> hangUp(action.disconnect());
        }
    }

    private void count(RejectReason reason, String detail) {
        services.metrics().refused(reason);
        if (services.rejectLog().shouldLog(device.id())) {
            LOG.warn("refused mqtt packet [device-id: {}, reason: {}]: {} (logged once a minute per device)",
                    device.id(), reason.label(), detail);
        }
    }

    /** Closes the connection; writes still running go unacknowledged, and the device sends them again. */
    private void hangUp(MqttDisconnectReasonCode reason) {
        pending.clear();
        replies.hangUp(reason);
    }

    /** The connection is gone: forget it, and keep a persistent session's state for the device's next connection. */
    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        replies.closed();
        pending.clear();
        services.sessions().remove(this);
        if (!sessionExpiry.isZero()) {
            services.sessionStore().save(device.id(), clientId, awaitingRelease, sessionExpiry);
        }
        LOG.debug("device disconnected [device-id: {}]", device.id());
    }
}
