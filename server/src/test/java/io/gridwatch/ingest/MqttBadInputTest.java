package io.gridwatch.ingest;

import static io.gridwatch.ingest.IngestHarness.bytes;
import static io.gridwatch.ingest.IngestHarness.errorOf;
import static io.gridwatch.ingest.IngestHarness.eventually;
import static io.gridwatch.ingest.IngestHarness.join;
import static io.gridwatch.ingest.IngestHarness.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.gridwatch.model.KindRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each kind of bad input is refused, counted and never stored, while a well-behaved gauge on its own connection
 * keeps being served.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MqttBadInputTest {

    private static final String OWN_TOPIC = "devices/smoke-1/readings";

    private IngestHarness harness;
    private String token;
    private Mqtt5AsyncClient wellBehaved;
    private int gaugeSeq;

    @BeforeEach
    void startTheEndpointWithAWellBehavedGauge(Vertx vertx) {
        harness = IngestHarness.start(vertx);
        token = harness.smokeDetector("smoke-1");
        wellBehaved = harness.connected5("gauge-1", harness.directory.register("gauge-1", KindRegistry.WATER_LEVEL));
    }

    @AfterEach
    void stopTheEndpoint() {
        harness.close();
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"ts": NOW, "seq": 1, "obscuration": 1.5, "alarm": fals                      | MALFORMED_JSON
            {"ts": NOW, "seq": 1, "obscuration": 1.5}                                    | MISSING_FIELD
            {"ts": NOW, "seq": 1, "obscuration": 1.5, "alarm": false, "battery": 130}    | OUT_OF_RANGE
            {"ts": NOW, "seq": 1, "obscuration": 1.5, "alarm": false, "humidity": 40}    | UNKNOWN_FIELD
            {"ts": NOW, "seq": 1, "obscuration": 1.5, "alarm": false, "level": 3}        | WRONG_KIND
            {"ts": NOW, "seq": "one", "obscuration": 1.5, "alarm": false}                | BAD_TYPE
            """)
    void aBadPayloadOnMqtt5IsRefusedWithPayloadFormatInvalidAndNeverStored(String payload, RejectReason reason) {
        Mqtt5AsyncClient device = harness.connected5("smoke-1", token);

        Throwable refusal = errorOf(publish(device, OWN_TOPIC, MqttQos.AT_LEAST_ONCE, Payloads.text(payload)));

        assertThat(refusal).isInstanceOfSatisfying(Mqtt5PubAckException.class, pubAck -> {
            assertThat(pubAck.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
            assertThat(pubAck.getMqttMessage().getReasonString()).hasValueSatisfying(text ->
                    assertThat(text.toString()).startsWith(reason.label()));
        });
        assertThat(harness.rejects(reason)).isEqualTo(1);
        assertThatTheWellBehavedGaugeIsStillServed();
        assertThat(harness.sink.stored()).allSatisfy(r -> assertThat(r.deviceId()).isEqualTo("gauge-1"));
    }

    @Test
    void aBadPayloadOnMqtt3IsAcknowledgedBecauseItCannotBeRefusedButNeverStored() {
        Mqtt3AsyncClient device = harness.connected3("smoke-1", token);

        join(device.publishWith().topic(OWN_TOPIC).qos(MqttQos.AT_LEAST_ONCE)
                .payload(Payloads.text("{\"ts\": NOW, \"seq\": 1, \"obscuration\": 250, \"alarm\": true}")).send());

        assertThat(harness.rejects(RejectReason.OUT_OF_RANGE)).isEqualTo(1);
        assertThatTheWellBehavedGaugeIsStillServed();
        assertThat(harness.sink.stored()).allSatisfy(r -> assertThat(r.deviceId()).isEqualTo("gauge-1"));
    }

    @Test
    void aBadQos0PayloadIsDroppedAndCounted() {
        Mqtt5AsyncClient device = harness.connected5("smoke-1", token);

        join(publish(device, OWN_TOPIC, MqttQos.AT_MOST_ONCE, bytes("[]")));

        eventually("counted", () -> harness.rejects(RejectReason.MALFORMED_JSON) == 1);
        assertThatTheWellBehavedGaugeIsStillServed();
        assertThat(harness.sink.stored()).allSatisfy(r -> assertThat(r.deviceId()).isEqualTo("gauge-1"));
    }

    @Test
    void anOversizedPacketClosesTheConnectionAndIsCounted() {
        AtomicReference<Throwable> gone = new AtomicReference<>();
        Mqtt3AsyncClient device = harness.mqtt3("smoke-1-big", gone);
        join(device.connectWith().simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().send());
        byte[] large = new byte[9000];
        java.util.Arrays.fill(large, (byte) ' ');
        System.arraycopy(Payloads.smoke(1), 0, large, 0, Payloads.smoke(1).length);

        device.publishWith().topic(OWN_TOPIC).qos(MqttQos.AT_LEAST_ONCE).payload(large).send();

        eventually("the server hung up", () -> gone.get() != null);
        assertThat(harness.rejects(RejectReason.PACKET_TOO_LARGE)).isEqualTo(1);
        assertThatTheWellBehavedGaugeIsStillServed();
        assertThat(harness.sink.stored()).allSatisfy(r -> assertThat(r.deviceId()).isEqualTo("gauge-1"));
    }

    @Test
    void garbageInsteadOfAConnectClosesTheConnection(Vertx vertx) {
        try (RawMqtt raw = RawMqtt.connect(vertx, harness.port())) {
            raw.send(Buffer.buffer("GET / HTTP/1.1\r\nHost: gridwatch\r\n\r\n"));

            eventually("the server hung up", raw::isClosed);
        }
        assertThatTheWellBehavedGaugeIsStillServed();
    }

    @Test
    void garbageAfterTheConnectClosesTheConnectionAndIsCounted(Vertx vertx) {
        try (RawMqtt raw = RawMqtt.connect(vertx, harness.port())) {
            raw.send(RawMqtt.connectPacket(4, "raw", "smoke-1", token));
            eventually("connack", () -> raw.count(RawMqtt.Packet.CONNACK) == 1);

            raw.send(Buffer.buffer(new byte[] {(byte) 0xF0, 0x05, 1, 2, 3, 4, 5, 6, 7, 8}));

            eventually("the server hung up", raw::isClosed);
        }
        assertThat(harness.rejects(RejectReason.MALFORMED_PACKET)).isEqualTo(1);
        assertThatTheWellBehavedGaugeIsStillServed();
    }

    private void assertThatTheWellBehavedGaugeIsStillServed() {
        int storedBefore = harness.sink.stored().size();
        Throwable error = errorOf(publish(wellBehaved, "devices/gauge-1/readings", MqttQos.AT_LEAST_ONCE,
                Payloads.waterLevel(++gaugeSeq)));
        assertThat(error).as("the well-behaved gauge's publish").isNull();
        assertThat(harness.sink.stored()).hasSize(storedBefore + 1);
    }
}
