package io.gridwatch.ingest;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubCompReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link DeviceSession} sends back, in the form its protocol version allows: MQTT 5 acknowledgements carry a
 * reason code and, when the client accepts problem information, a reason string; MQTT 3.1.1 ones carry neither.
 * After {@link #hangUp} nothing more is written.
 *
 * <p>Not thread-safe: the connection's event loop only.
 */
final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);
    private static final int MAX_REASON_STRING = 120;

    private final MqttEndpoint endpoint;
    private final Context context;
    private final boolean mqtt5;
    private final boolean problemInformation;
    private boolean open = true;

    Replies(MqttEndpoint endpoint, Context context) {
        this.endpoint = endpoint;
        this.context = context;
        this.mqtt5 = endpoint.protocolVersion() >= 5;
        this.problemInformation = mqtt5 && wantsProblemInformation(endpoint.connectProperties());
    }

    /** Whether this side has not hung up and the connection is still there. */
    boolean isOpen() {
        return open && endpoint.isConnected();
    }

    /** PUBACK, or for QoS 2 PUBREC, with {@code code}; MQTT 3.1.1 always gets a plain acknowledgement. */
    void acknowledge(int packetId, boolean qos2, MqttPubAckReasonCode code, String reason) {
        if (!isOpen()) {
            return;
        }
        boolean plain = code == MqttPubAckReasonCode.SUCCESS || !mqtt5;
        if (qos2 && plain) {
            endpoint.publishReceived(packetId);
        } else if (qos2) {
            endpoint.publishReceived(packetId, MqttPubRecReasonCode.valueOf(code.value()), reasonString(reason));
        } else if (plain) {
            endpoint.publishAcknowledge(packetId);
        } else {
            endpoint.publishAcknowledge(packetId, code, reasonString(reason));
        }
    }

    /** PUBCOMP for a PUBREL; MQTT 5 says when the packet id was not awaiting one. */
    void complete(int packetId, boolean known) {
        if (!isOpen()) {
            return;
        }
        if (known || !mqtt5) {
            endpoint.publishComplete(packetId);
        } else {
            endpoint.publishComplete(packetId, MqttPubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND,
                    MqttProperties.NO_PROPERTIES);
        }
    }

    /** SUBACK refusing every topic filter: 0x87 not authorized (MQTT 5), 0x80 failure (3.1.1). */
    void refuseSubscription(MqttSubscribeMessage message) {
        if (!isOpen()) {
            return;
        }
        int filters = message.topicSubscriptions().size();
        if (mqtt5) {
            endpoint.subscribeAcknowledge(message.messageId(),
                    Collections.nCopies(filters, MqttSubAckReasonCode.NOT_AUTHORIZED), MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.subscribeAcknowledge(message.messageId(), Collections.nCopies(filters, MqttQoS.FAILURE));
        }
    }

    /** UNSUBACK: there never was a subscription. */
    void unsubscribed(MqttUnsubscribeMessage message) {
        if (!isOpen()) {
            return;
        }
        if (mqtt5) {
            endpoint.unsubscribeAcknowledge(message.messageId(), Collections.nCopies(message.topics().size(),
                    MqttUnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED), MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.unsubscribeAcknowledge(message.messageId());
        }
    }

    /**
     * Closes the connection, after an MQTT 5 DISCONNECT with {@code reason} when there is one. The close happens on
     * the next turn of the event loop: the packets that came in the same read are then ignored by the session
     * instead of each making vertx-mqtt throw (and log) on a closed endpoint.
     */
    void hangUp(MqttDisconnectReasonCode reason) {
        if (!open) {
            return;
        }
        open = false;
        context.runOnContext(v -> {
            try {
                if (mqtt5 && reason != null && endpoint.isConnected()) {
                    endpoint.disconnect(reason, MqttProperties.NO_PROPERTIES);
                } else {
                    endpoint.close();
                }
            } catch (IllegalArgumentException | IllegalStateException closedAlready) {
                LOG.debug("connection closed already [client-id: {}]", endpoint.clientIdentifier());
            }
        });
    }

    /** The connection is gone. */
    void closed() {
        open = false;
    }

    private MqttProperties reasonString(String text) {
        if (!problemInformation || text == null) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING,
                text.length() <= MAX_REASON_STRING ? text : text.substring(0, MAX_REASON_STRING)));
        return properties;
    }

    private static boolean wantsProblemInformation(MqttProperties connect) {
        MqttProperties.MqttProperty<?> requested = connect == null ? null
                : connect.getProperty(MqttProperties.REQUEST_PROBLEM_INFORMATION);
        return requested == null || !Integer.valueOf(0).equals(requested.value());
    }
}
