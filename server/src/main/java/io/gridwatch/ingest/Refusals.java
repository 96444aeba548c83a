package io.gridwatch.ingest;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;

/**
 * What the endpoint answers to each refusal, per protocol version and QoS: the one place where a
 * {@link RejectReason} meets an MQTT code. Every refusal is also counted and (once per device per minute) logged;
 * nothing refused is ever written to the sink. Pure.
 *
 * <table>
 * <caption>Refused PUBLISH</caption>
 * <tr><th>reason</th><th>MQTT 5, QoS 1/2</th><th>MQTT 3.1.1, QoS 1/2</th><th>QoS 0</th></tr>
 * <tr><td>payload (decoder)</td><td>PUBACK/PUBREC 0x99 payload format invalid + reason string</td>
 *     <td>PUBACK/PUBREC (3.1.1 has no error code; acknowledged so the device does not redeliver a message that can
 *     never be stored, but dropped)</td><td>dropped</td></tr>
 * <tr><td>another device's topic</td><td>PUBACK/PUBREC 0x87 not authorized</td><td>connection closed</td>
 *     <td>MQTT 5: DISCONNECT 0x87; 3.1.1: closed (an ACL breach must not pass silently, and QoS 0 has no
 *     acknowledgement to carry it; MQTT-3.3.5-2 allows exactly this)</td></tr>
 * <tr><td>no device's topic</td><td>PUBACK/PUBREC 0x90 topic name invalid</td><td>closed</td>
 *     <td>DISCONNECT 0x90 / closed</td></tr>
 * <tr><td>topic alias, retain (MQTT 5 only)</td><td colspan="3">DISCONNECT 0x94 / 0x9A (the CONNACK said alias
 *     maximum 0, retain not available: a protocol error)</td></tr>
 * <tr><td>receive maximum exceeded</td><td colspan="3">DISCONNECT 0x93 / closed</td></tr>
 * <tr><td>QoS 0 above the rate</td><td colspan="3">dropped; a sustained flood: DISCONNECT 0x96 / closed</td></tr>
 * <tr><td>packet too large, malformed</td><td colspan="3">DISCONNECT 0x95 / 0x81 (best effort), closed</td></tr>
 * </table>
 * A refused log-in gets CONNACK 0x86 bad user name or password (3.1.1: 0x04) whether the device is unknown, the
 * token wrong or missing, so that the answer does not reveal which device ids exist; an unavailable directory or a
 * stopping server gets 0x88 server unavailable (3.1.1: 0x03).
 */
final class Refusals {

    enum Kind { DROP, ACKNOWLEDGE, DISCONNECT }

    /**
     * @param pubAck for {@link Kind#ACKNOWLEDGE}: the PUBACK (or, same code, PUBREC) reason; always
     *     {@code SUCCESS} for MQTT 3.1.1
     * @param disconnect for {@link Kind#DISCONNECT}: the MQTT 5 DISCONNECT reason (3.1.1 just closes)
     */
    record Action(Kind kind, MqttPubAckReasonCode pubAck, MqttDisconnectReasonCode disconnect) {
    }

    private static final Action DROP = new Action(Kind.DROP, null, null);

    private Refusals() {
    }

    static Action publish(RejectReason reason, boolean mqtt5, MqttQoS qos) {
        boolean acknowledged = qos != MqttQoS.AT_MOST_ONCE;
        if (reason.stage() == RejectReason.Stage.PAYLOAD) {
            if (!acknowledged) {
                return DROP;
            }
            return acknowledge(mqtt5 ? MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID : MqttPubAckReasonCode.SUCCESS);
        }
        return switch (reason) {
            case FOREIGN_TOPIC -> mqtt5 && acknowledged
                    ? acknowledge(MqttPubAckReasonCode.NOT_AUTHORIZED)
                    : disconnect(MqttDisconnectReasonCode.NOT_AUTHORIZED);
            case UNKNOWN_TOPIC -> mqtt5 && acknowledged
                    ? acknowledge(MqttPubAckReasonCode.TOPIC_NAME_INVALID)
                    : disconnect(MqttDisconnectReasonCode.TOPIC_NAME_INVALID);
            case TOPIC_ALIAS -> disconnect(MqttDisconnectReasonCode.TOPIC_ALIAS_INVALID);
            case RETAIN -> disconnect(MqttDisconnectReasonCode.RETAIN_NOT_SUPPORTED);
            case RECEIVE_MAXIMUM_EXCEEDED -> disconnect(MqttDisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
            case RATE_LIMITED -> DROP;
            case FLOOD -> disconnect(MqttDisconnectReasonCode.MESSAGE_RATE_TOO_HIGH);
            case PACKET_TOO_LARGE -> disconnect(MqttDisconnectReasonCode.PACKET_TOO_LARGE);
            case MALFORMED_PACKET -> disconnect(MqttDisconnectReasonCode.MALFORMED_PACKET);
            default -> throw new IllegalArgumentException("not a publish refusal: " + reason);
        };
    }

    static MqttConnectReturnCode connack(RejectReason reason, boolean mqtt5) {
        return switch (reason) {
            case MISSING_CREDENTIALS, UNKNOWN_DEVICE, BAD_TOKEN -> mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
            case DIRECTORY_UNAVAILABLE, SHUTTING_DOWN, STORAGE_UNAVAILABLE -> mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            default -> throw new IllegalArgumentException("not a log-in refusal: " + reason);
        };
    }

    private static Action acknowledge(MqttPubAckReasonCode code) {
        return new Action(Kind.ACKNOWLEDGE, code, null);
    }

    private static Action disconnect(MqttDisconnectReasonCode code) {
        return new Action(Kind.DISCONNECT, null, code);
    }
}
