package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.ingest.Refusals.Action;
import io.gridwatch.ingest.Refusals.Kind;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import org.junit.jupiter.api.Test;

/** What each refusal answers, per protocol version and QoS. */
class RefusalsTest {

    @Test
    void aBadPayloadIsAcknowledgedWithPayloadFormatInvalidOnMqtt5AndPlainlyOnMqtt3() {
        Action mqtt5 = Refusals.publish(RejectReason.OUT_OF_RANGE, true, MqttQoS.AT_LEAST_ONCE);
        Action mqtt3 = Refusals.publish(RejectReason.OUT_OF_RANGE, false, MqttQoS.AT_LEAST_ONCE);
        Action qos0 = Refusals.publish(RejectReason.OUT_OF_RANGE, true, MqttQoS.AT_MOST_ONCE);

        assertThat(mqtt5).isEqualTo(new Action(Kind.ACKNOWLEDGE, MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID, null));
        assertThat(mqtt3).isEqualTo(new Action(Kind.ACKNOWLEDGE, MqttPubAckReasonCode.SUCCESS, null));
        assertThat(qos0.kind()).isEqualTo(Kind.DROP);
    }

    @Test
    void anotherDevicesTopicIsNotAuthorizedWhereMqtt5CanSaySoAndDisconnectsElsewhere() {
        Action mqtt5 = Refusals.publish(RejectReason.FOREIGN_TOPIC, true, MqttQoS.EXACTLY_ONCE);
        Action mqtt5Qos0 = Refusals.publish(RejectReason.FOREIGN_TOPIC, true, MqttQoS.AT_MOST_ONCE);
        Action mqtt3 = Refusals.publish(RejectReason.FOREIGN_TOPIC, false, MqttQoS.AT_LEAST_ONCE);

        assertThat(mqtt5).isEqualTo(new Action(Kind.ACKNOWLEDGE, MqttPubAckReasonCode.NOT_AUTHORIZED, null));
        assertThat(mqtt5Qos0).isEqualTo(new Action(Kind.DISCONNECT, null, MqttDisconnectReasonCode.NOT_AUTHORIZED));
        assertThat(mqtt3.kind()).isEqualTo(Kind.DISCONNECT);
    }

    @Test
    void everyPacketRefusalHasAnAnswer() {
        for (RejectReason reason : RejectReason.values()) {
            if (reason.stage() != RejectReason.Stage.CONNECT && reason != RejectReason.SUBSCRIBE) {
                for (MqttQoS qos : new MqttQoS[] {MqttQoS.AT_MOST_ONCE, MqttQoS.AT_LEAST_ONCE, MqttQoS.EXACTLY_ONCE}) {
                    assertThat(Refusals.publish(reason, true, qos)).as("%s %s", reason, qos).isNotNull();
                    assertThat(Refusals.publish(reason, false, qos)).as("%s %s", reason, qos).isNotNull();
                }
            }
        }
    }

    @Test
    void aWrongTokenAndAnUnknownDeviceGetTheSameConnack() {
        assertThat(Refusals.connack(RejectReason.BAD_TOKEN, true))
                .isEqualTo(Refusals.connack(RejectReason.UNKNOWN_DEVICE, true))
                .extracting(MqttConnectReturnCode::byteValue).isEqualTo((byte) 0x86);
        assertThat(Refusals.connack(RejectReason.BAD_TOKEN, false))
                .isEqualTo(Refusals.connack(RejectReason.MISSING_CREDENTIALS, false))
                .extracting(MqttConnectReturnCode::byteValue).isEqualTo((byte) 0x04);
    }
}
