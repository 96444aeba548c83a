package io.gridwatch.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MqttFramesTest {

    private static final byte[] TOPIC = "devices/d-1/readings".getBytes(StandardCharsets.UTF_8);

    @Test
    void aQos1PublishHasItsHeaderTopicPacketIdAndPayloadWhereMqttPutsThem() {
        // given a payload, when it is written as MQTT 3.1.1 and as MQTT 5
        byte[] payload = "{\"seq\":1}".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer v3 = ByteBuffer.allocate(MqttFrames.publishSize(TOPIC, payload.length));
        MqttFrames.publishQos1(v3, 3, TOPIC, 258, payload);
        ByteBuffer v5 = ByteBuffer.allocate(MqttFrames.publishSize(TOPIC, payload.length));
        MqttFrames.publishQos1(v5, 5, TOPIC, 258, payload);
        // then: PUBLISH QoS 1, the remaining length, the topic, packet id 0x0102, (no properties,) the payload
        assertThat(v3.get(0)).isEqualTo((byte) 0x32);
        assertThat(v3.get(1)).isEqualTo((byte) (2 + TOPIC.length + 2 + payload.length));
        assertThat(v3.get(2 + 2 + TOPIC.length)).isEqualTo((byte) 1);
        assertThat(v3.get(2 + 2 + TOPIC.length + 1)).isEqualTo((byte) 2);
        assertThat(v3.position()).isEqualTo(2 + 2 + TOPIC.length + 2 + payload.length);
        assertThat(v5.position()).isEqualTo(v3.position() + 1);
        assertThat(v5.get(2 + 2 + TOPIC.length + 2)).isZero();
    }

    @Test
    void pubacksAreReadWholeOrNotAtAllWithTheirPacketIdAndReasonCode() {
        // given two PUBACKs, the second an MQTT 5 refusal, and the first bytes of a third
        ByteBuffer in = ByteBuffer.wrap(new byte[] {0x40, 2, 0, 7, 0x40, 3, 1, 0, (byte) 0x97, 0x40, 2, 0});
        // when they are read
        MqttFrames.Packet first = MqttFrames.read(in);
        MqttFrames.Packet second = MqttFrames.read(in);
        int before = in.position();
        MqttFrames.Packet partial = MqttFrames.read(in);
        // then both whole ones are there, and the partial one waits for its last byte
        assertThat(first.type()).isEqualTo(MqttFrames.PUBACK);
        assertThat(first.packetId(in)).isEqualTo(7);
        assertThat(first.reasonCode(in, 2)).isZero();
        assertThat(second.packetId(in)).isEqualTo(256);
        assertThat(second.reasonCode(in, 2)).isEqualTo(0x97);
        assertThat(partial).isNull();
        assertThat(in.position()).isEqualTo(before);
    }

    @Test
    void anMqtt5ConnackTellsItsReceiveMaximum() {
        // given a CONNACK with session present 0, success, properties: topic alias maximum 0, receive maximum 64
        ByteBuffer in = ByteBuffer.wrap(new byte[] {0x20, 9, 0, 0, 6, 0x22, 0, 0, 0x21, 0, 64});
        // when it is read, then the receive maximum is found past the other property
        MqttFrames.Packet connack = MqttFrames.read(in);
        assertThat(connack.type()).isEqualTo(MqttFrames.CONNACK);
        assertThat(connack.receiveMaximum(in)).isEqualTo(64);
    }
}
