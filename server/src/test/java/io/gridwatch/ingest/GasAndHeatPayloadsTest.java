package io.gridwatch.ingest;

import static io.gridwatch.ingest.IngestHarness.errorOf;
import static io.gridwatch.ingest.IngestHarness.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Reading;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Gas and heat detectors on a real MQTT endpoint with a real HiveMQ client: their payloads (ARCHITECTURE 3.7) are
 * stored, and bad ones refused with the MQTT 5 reason code and the refusal's label, counted, never stored.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GasAndHeatPayloadsTest {

    private IngestHarness harness;
    private Mqtt5AsyncClient gas;
    private Mqtt5AsyncClient heat;

    @BeforeEach
    void startTheEndpointWithAGasAndAHeatDetector(Vertx vertx) {
        harness = IngestHarness.start(vertx);
        gas = harness.connected5("gas-1", harness.directory.register("gas-1", KindRegistry.GAS));
        heat = harness.connected5("heat-1", harness.directory.register("heat-1", KindRegistry.HEAT));
    }

    @AfterEach
    void stopTheEndpoint() {
        harness.close();
    }

    @Test
    void aGasAndAHeatReadingAreAcknowledgedAndStoredWithTheirValues() {
        Throwable gasError = errorOf(publish(gas, "devices/gas-1/readings", MqttQos.AT_LEAST_ONCE,
                Payloads.text("{\"ts\": NOW, \"seq\": 1, \"lel\": 23.5, \"alarm\": false, \"battery\": 88}")));
        Throwable heatError = errorOf(publish(heat, "devices/heat-1/readings", MqttQos.AT_LEAST_ONCE,
                Payloads.text("{\"ts\": NOW, \"seq\": 1, \"temp_c\": -12.5, \"alarm\": true}")));

        assertThat(gasError).isNull();
        assertThat(heatError).isNull();
        assertThat(harness.sink.stored()).extracting(Reading::deviceId).containsExactlyInAnyOrder("gas-1", "heat-1");
        Reading gasReading = harness.sink.stored().stream().filter(r -> r.deviceId().equals("gas-1")).findFirst()
                .orElseThrow();
        assertThat(gasReading.kind()).isEqualTo(KindRegistry.GAS);
        assertThat(gasReading.number("lel")).isEqualTo(23.5);
        assertThat(gasReading.alarm()).isFalse();
        assertThat(gasReading.battery()).isEqualTo(88);
        Reading heatReading = harness.sink.stored().stream().filter(r -> r.deviceId().equals("heat-1")).findFirst()
                .orElseThrow();
        assertThat(heatReading.number("temp_c")).isEqualTo(-12.5);
        assertThat(heatReading.alarm()).isTrue();
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            gas-1  | {"ts": NOW, "seq": 1, "lel": 101, "alarm": false}              | OUT_OF_RANGE
            gas-1  | {"ts": NOW, "seq": 1, "lel": -0.5, "alarm": false}             | OUT_OF_RANGE
            gas-1  | {"ts": NOW, "seq": 1, "lel": 12}                               | MISSING_FIELD
            gas-1  | {"ts": NOW, "seq": 1, "lel": "12", "alarm": false}             | BAD_TYPE
            gas-1  | {"ts": NOW, "seq": 1, "lel": 12, "alarm": "yes"}               | BAD_TYPE
            gas-1  | {"ts": NOW, "seq": 1, "lel": 12, "alarm": false, "temp_c": 30} | WRONG_KIND
            gas-1  | {"ts": NOW, "seq": 1, "lel": 12, "alarm": false, "ppm": 30}    | UNKNOWN_FIELD
            gas-1  | {"ts": NOW, "seq": 1, "lel": 12, "lel": 13, "alarm": false}    | DUPLICATE_FIELD
            heat-1 | {"ts": NOW, "seq": 1, "temp_c": 250, "alarm": false}           | OUT_OF_RANGE
            heat-1 | {"ts": NOW, "seq": 1, "alarm": false}                          | MISSING_FIELD
            heat-1 | {"ts": NOW, "seq": 1, "temp_c": null, "alarm": false}          | MISSING_FIELD
            heat-1 | {"ts": NOW, "seq": 1, "temp_c": 30, "alarm": false, "lel": 1}  | WRONG_KIND
            heat-1 | {"ts": NOW, "seq": 1, "temp_c": 30, "alarm": false, "obscuration": 1} | WRONG_KIND
            """)
    void aBadPayloadIsRefusedWithPayloadFormatInvalidAndItsReasonAndNeverStored(String device, String payload,
            RejectReason reason) {
        Mqtt5AsyncClient client = device.equals("gas-1") ? gas : heat;

        Throwable refusal = errorOf(publish(client, "devices/" + device + "/readings", MqttQos.AT_LEAST_ONCE,
                Payloads.text(payload)));

        assertThat(refusal).isInstanceOfSatisfying(Mqtt5PubAckException.class, pubAck -> {
            assertThat(pubAck.getMqttMessage().getReasonCode())
                    .isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
            assertThat(pubAck.getMqttMessage().getReasonString()).hasValueSatisfying(text ->
                    assertThat(text.toString()).startsWith(reason.label()));
        });
        assertThat(harness.rejects(reason)).isEqualTo(1);
        assertThat(harness.sink.stored()).isEmpty();
    }
}
