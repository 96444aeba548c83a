package io.gridwatch.ingest;

import static io.gridwatch.ingest.IngestHarness.bytes;
import static io.gridwatch.ingest.IngestHarness.eventually;
import static io.gridwatch.ingest.IngestHarness.join;
import static io.gridwatch.ingest.IngestHarness.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.gridwatch.ingest.MqttIngestOptions.RateLimit;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** QoS 0 has no acknowledgement to slow a device down, so its rate is limited per device. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MqttFloodTest {

    private static final String OWN_TOPIC = "devices/smoke-1/readings";

    private IngestHarness harness;

    @AfterEach
    void stopTheEndpoint() {
        harness.close();
    }

    @Test
    void aQos0FloodBeyondTheRateIsLimitedToTheBurstAndTheRate(Vertx vertx) {
        harness = IngestHarness.start(vertx, IngestHarness.options().withQos0Limit(new RateLimit(10, 20, 100_000)));
        Mqtt5AsyncClient device = harness.connected5("smoke-1", harness.smokeDetector("smoke-1"));
        long start = System.nanoTime();

        for (int seq = 1; seq <= 200; seq++) {
            publish(device, OWN_TOPIC, MqttQos.AT_MOST_ONCE, Payloads.smoke(seq));
        }
        eventually("every message counted", () -> harness.sink.stored().size()
                + harness.rejects(RejectReason.RATE_LIMITED) == 200);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(harness.sink.stored().size()).isBetween(20, 20 + (int) Math.ceil(10 * seconds) + 1);
        assertThat(harness.rejects(RejectReason.RATE_LIMITED)).isGreaterThanOrEqualTo(200 - 21 - (long) (10 * seconds));
        assertThat(device.getState().isConnected()).as("throttled, not disconnected").isTrue();
    }

    @Test
    void aSustainedQos0FloodIsDisconnectedWithMessageRateTooHigh(Vertx vertx) {
        harness = IngestHarness.start(vertx, IngestHarness.options().withQos0Limit(new RateLimit(10, 20, 50)));
        String token = harness.smokeDetector("smoke-1");
        AtomicReference<Throwable> gone = new AtomicReference<>();
        Mqtt5AsyncClient device = harness.mqtt5("flooder", gone);
        join(device.connectWith().simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().send());

        for (int seq = 1; seq <= 500 && gone.get() == null; seq++) {
            publish(device, OWN_TOPIC, MqttQos.AT_MOST_ONCE, Payloads.smoke(seq));
        }

        eventually("the server hung up", () -> gone.get() != null);
        // a client still writing when the server closes may get a reset before it reads the DISCONNECT
        assertThat(gone.get()).satisfiesAnyOf(
                cause -> assertThat(cause).isInstanceOfSatisfying(Mqtt5DisconnectException.class, disconnect ->
                        assertThat(disconnect.getMqttMessage().getReasonCode())
                                .isEqualTo(Mqtt5DisconnectReasonCode.MESSAGE_RATE_TOO_HIGH)),
                cause -> assertThat(cause).isInstanceOf(ConnectionClosedException.class));
        assertThat(harness.rejects(RejectReason.FLOOD)).isEqualTo(1);
        assertThat(harness.sink.stored().size()).isLessThan(40);
    }
}
