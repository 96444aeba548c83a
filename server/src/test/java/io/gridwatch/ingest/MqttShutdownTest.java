package io.gridwatch.ingest;

import static io.gridwatch.ingest.IngestHarness.bytes;
import static io.gridwatch.ingest.IngestHarness.errorOf;
import static io.gridwatch.ingest.IngestHarness.eventually;
import static io.gridwatch.ingest.IngestHarness.join;
import static io.gridwatch.ingest.IngestHarness.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Graceful shutdown: no new log-ins, running writes finish and are acknowledged, then connections close. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MqttShutdownTest {

    private static final String OWN_TOPIC = "devices/smoke-1/readings";

    private IngestHarness harness;

    @AfterEach
    void stopTheEndpoint() {
        harness.close();
    }

    @Test
    void stoppingLetsARunningWriteFinishAndItsPubackGoOutBeforeClosing(Vertx vertx) throws Exception {
        harness = IngestHarness.start(vertx);
        String token = harness.smokeDetector("smoke-1");
        AtomicReference<Throwable> gone = new AtomicReference<>();
        Mqtt5AsyncClient device = harness.mqtt5("smoke-1-client", gone);
        join(device.connectWith().simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().send());
        harness.sink.hold();
        CompletableFuture<Mqtt5PublishResult> published = publish(device, OWN_TOPIC, MqttQos.AT_LEAST_ONCE,
                Payloads.smoke(1));
        eventually("the write reached the sink", () -> harness.sink.heldCount() == 1);

        Future<Void> stopped = harness.undeploy();
        Thread.sleep(200);
        Mqtt5ConnAckException lateLogIn = catchThrowableOfType(Mqtt5ConnAckException.class,
                () -> join(harness.mqtt5("late", new AtomicReference<>()).connectWith().simpleAuth()
                        .username("smoke-1").password(bytes(token)).applySimpleAuth().send()));
        boolean stoppedWhileWriting = stopped.isComplete();
        harness.sink.release();

        assertThat(stoppedWhileWriting).isFalse();
        assertThat(lateLogIn.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SERVER_UNAVAILABLE);
        assertThat(errorOf(published)).isNull();
        stopped.await(5, TimeUnit.SECONDS);
        eventually("the device was told", () -> gone.get() != null);
        assertThat(gone.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class, disconnect ->
                assertThat(disconnect.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5DisconnectReasonCode.SERVER_SHUTTING_DOWN));
        assertThat(harness.sink.stored()).hasSize(1);
    }

    @Test
    void aWriteThatNeverFinishesDelaysStoppingByTheGraceOnlyAndIsNotAcknowledged(Vertx vertx) throws Exception {
        harness = IngestHarness.start(vertx, IngestHarness.options().withShutdownGrace(Duration.ofMillis(300)));
        Mqtt5AsyncClient device = harness.connected5("smoke-1", harness.smokeDetector("smoke-1"));
        harness.sink.hold();
        CompletableFuture<Mqtt5PublishResult> published = publish(device, OWN_TOPIC, MqttQos.AT_LEAST_ONCE,
                Payloads.smoke(1));
        eventually("the write reached the sink", () -> harness.sink.heldCount() == 1);
        long start = System.nanoTime();

        harness.undeploy().await(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
        assertThat(errorOf(published)).isNotNull();
    }
}
