package io.gridwatch.ingest;

import static io.gridwatch.ingest.IngestHarness.bytes;
import static io.gridwatch.ingest.IngestHarness.errorOf;
import static io.gridwatch.ingest.IngestHarness.eventually;
import static io.gridwatch.ingest.IngestHarness.join;
import static io.gridwatch.ingest.IngestHarness.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.gridwatch.model.Reading;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Publishing readings: acknowledged only once stored, and only to the device's own topic. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MqttPublishTest {

    private static final String OWN_TOPIC = "devices/smoke-1/readings";

    private IngestHarness harness;
    private String token;

    @BeforeEach
    void startTheEndpoint(Vertx vertx) {
        harness = IngestHarness.start(vertx);
        token = harness.smokeDetector("smoke-1");
        harness.smokeDetector("smoke-2");
    }

    @AfterEach
    void stopTheEndpoint() {
        harness.close();
    }

    @Test
    void qos1PubackArrivesOnlyAfterTheSinkStoredTheReading() throws Exception {
        Mqtt5AsyncClient client = harness.connected5("smoke-1", token);
        harness.sink.hold();

        CompletableFuture<Mqtt5PublishResult> published = publish(client, OWN_TOPIC, MqttQos.AT_LEAST_ONCE,
                Payloads.smoke(1));
        eventually("the write reached the sink", () -> harness.sink.heldCount() == 1);
        Thread.sleep(300);
        boolean ackedWhileHeld = published.isDone();
        harness.sink.release();

        assertThat(ackedWhileHeld).as("PUBACK before the write completed").isFalse();
        assertThat(errorOf(published)).isNull();
        assertThat(harness.sink.stored()).singleElement().satisfies(reading -> {
            assertThat(reading.deviceId()).isEqualTo("smoke-1");
            assertThat(reading.cellId()).isEqualTo("cell-smoke-1");
            assertThat(reading.seq()).isEqualTo(1);
        });
        assertThat(harness.counter("gridwatch_mqtt_readings_total")).isEqualTo(1);
        assertThat(harness.metrics.scrape()).contains("gridwatch_mqtt_puback_latency_seconds_count 1");
    }

    @Test
    void qos1PubackOnMqtt3AlsoWaitsForTheSink() throws Exception {
        Mqtt3AsyncClient client = harness.connected3("smoke-1", token);
        harness.sink.hold();

        CompletableFuture<Mqtt3Publish> published = client.publishWith().topic(OWN_TOPIC)
                .qos(MqttQos.AT_LEAST_ONCE).payload(Payloads.smoke(1)).send();
        eventually("the write reached the sink", () -> harness.sink.heldCount() == 1);
        Thread.sleep(300);
        boolean ackedWhileHeld = published.isDone();
        harness.sink.release();

        assertThat(ackedWhileHeld).isFalse();
        join(published);
        assertThat(harness.sink.stored()).hasSize(1);
    }

    @Test
    void aFailedWriteGetsNoPubackAndNothingIsRecorded() {
        AtomicReference<Throwable> gone = new AtomicReference<>();
        Mqtt5AsyncClient client = harness.mqtt5("smoke-1-client", gone);
        join(client.connectWith().simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().send());
        harness.sink.fail();

        Throwable outcome = errorOf(publish(client, OWN_TOPIC, MqttQos.AT_LEAST_ONCE, Payloads.smoke(1)));

        assertThat(outcome).isNotNull().isNotInstanceOf(Mqtt5PubAckException.class);
        eventually("the server hung up", () -> gone.get() != null);
        assertThat(gone.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class, disconnect ->
                assertThat(disconnect.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5DisconnectReasonCode.SERVER_BUSY));
        assertThat(harness.sink.stored()).isEmpty();
        assertThat(harness.counter("gridwatch_mqtt_write_failures_total")).isEqualTo(1);
    }

    @Test
    void aReadingWhoseWriteFailedIsSentAgainByTheDeviceAfterReconnectingAndStoredThen() {
        Mqtt5AsyncClient client = Mqtt5Client.builder().identifier("smoke-1-persistent").serverHost("127.0.0.1")
                .serverPort(harness.port()).automaticReconnect().initialDelay(50, TimeUnit.MILLISECONDS)
                .maxDelay(200, TimeUnit.MILLISECONDS).applyAutomaticReconnect()
                .simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().buildAsync();
        join(client.connectWith().cleanStart(false).sessionExpiryInterval(300).send());
        harness.sink.failNext(1);

        Throwable outcome = errorOf(publish(client, OWN_TOPIC, MqttQos.AT_LEAST_ONCE, Payloads.smoke(7)));
        client.disconnect();

        assertThat(outcome).isNull();
        assertThat(harness.sink.attempts()).isEqualTo(2);
        assertThat(harness.sink.stored()).singleElement().extracting(Reading::seq).isEqualTo(7L);
    }

    @Test
    void aWriteThatFailsWhileTheDatabaseIsAwayIsWrittenAgainAndAcknowledgedOnTheSameConnection() {
        AtomicReference<Throwable> gone = new AtomicReference<>();
        Mqtt5AsyncClient client = harness.mqtt5("smoke-1-held", gone);
        join(client.connectWith().simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().send());
        harness.sink.failDuringOutage(3);

        Throwable outcome = errorOf(publish(client, OWN_TOPIC, MqttQos.AT_LEAST_ONCE, Payloads.smoke(9)));

        assertThat(outcome).isNull();
        assertThat(gone.get()).isNull();
        assertThat(client.getState().isConnected()).isTrue();
        assertThat(harness.sink.attempts()).isEqualTo(4);
        assertThat(harness.sink.stored()).singleElement().extracting(Reading::seq).isEqualTo(9L);
    }

    @Test
    void aNewConnectionIsRefusedWithServerUnavailableWhileStorageIsDown() {
        harness.sink.accepting(false);
        Mqtt5AsyncClient client = harness.mqtt5("smoke-1-refused", new AtomicReference<>());

        Throwable refused = client.connectWith().simpleAuth().username("smoke-1").password(bytes(token))
                .applySimpleAuth().send().handle((ok, e) -> e instanceof java.util.concurrent.CompletionException c
                        ? c.getCause() : e).join();
        harness.sink.accepting(true);

        assertThat(refused).isInstanceOfSatisfying(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class,
                e -> assertThat(e.getMqttMessage().getReasonCode())
                        .isEqualTo(com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode.SERVER_UNAVAILABLE));
        assertThat(harness.connected5("smoke-1", token).getState().isConnected()).isTrue();
    }

    @Test
    void qos0AndQos2ReadingsAreStoredToo() {
        Mqtt5AsyncClient client = harness.connected5("smoke-1", token);

        Throwable qos0 = errorOf(publish(client, OWN_TOPIC, MqttQos.AT_MOST_ONCE, Payloads.smoke(1)));
        Throwable qos2 = errorOf(publish(client, OWN_TOPIC, MqttQos.EXACTLY_ONCE, Payloads.smoke(2)));

        assertThat(qos0).isNull();
        assertThat(qos2).isNull();
        eventually("both stored", () -> harness.sink.stored().size() == 2);
        assertThat(harness.sink.stored()).extracting(Reading::seq).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void publishingToAnotherDevicesTopicIsRefusedWithNotAuthorizedOnMqtt5AndNotStored() {
        Mqtt5AsyncClient client = harness.connected5("smoke-1", token);

        Throwable foreign = errorOf(publish(client, "devices/smoke-2/readings", MqttQos.AT_LEAST_ONCE,
                Payloads.smoke(1)));
        Throwable elsewhere = errorOf(publish(client, "alerts/all", MqttQos.AT_LEAST_ONCE, Payloads.smoke(2)));
        Throwable own = errorOf(publish(client, OWN_TOPIC, MqttQos.AT_LEAST_ONCE, Payloads.smoke(3)));

        assertThat(foreign).isInstanceOfSatisfying(Mqtt5PubAckException.class, refused ->
                assertThat(refused.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
        assertThat(elsewhere).isInstanceOfSatisfying(Mqtt5PubAckException.class, refused ->
                assertThat(refused.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID));
        assertThat(own).isNull();
        assertThat(harness.sink.stored()).extracting(Reading::seq).containsExactly(3L);
        assertThat(harness.rejects(RejectReason.FOREIGN_TOPIC)).isEqualTo(1);
        assertThat(harness.rejects(RejectReason.UNKNOWN_TOPIC)).isEqualTo(1);
    }

    @Test
    void aQos0PublishToAnotherDevicesTopicDisconnectsAnMqtt5ClientWithNotAuthorized() {
        AtomicReference<Throwable> gone = new AtomicReference<>();
        Mqtt5AsyncClient client = harness.mqtt5("smoke-1-client", gone);
        join(client.connectWith().simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().send());

        publish(client, "devices/smoke-2/readings", MqttQos.AT_MOST_ONCE, Payloads.smoke(1));

        eventually("the server hung up", () -> gone.get() != null);
        assertThat(gone.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class, disconnect ->
                assertThat(disconnect.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED));
        assertThat(harness.sink.stored()).isEmpty();
    }

    @Test
    void publishingToAnotherDevicesTopicDisconnectsAnMqtt3Client() {
        AtomicReference<Throwable> gone = new AtomicReference<>();
        Mqtt3AsyncClient client = harness.mqtt3("smoke-1-client3", gone);
        join(client.connectWith().simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().send());

        CompletableFuture<Mqtt3Publish> published = client.publishWith().topic("devices/smoke-2/readings")
                .qos(MqttQos.AT_LEAST_ONCE).payload(Payloads.smoke(1)).send();

        eventually("the server hung up", () -> gone.get() != null);
        assertThat(catchThrowable(() -> join(published))).isNotNull();
        assertThat(harness.sink.stored()).isEmpty();
        assertThat(harness.rejects(RejectReason.FOREIGN_TOPIC)).isEqualTo(1);
    }

    @Test
    void aSubscribeIsRefusedBecauseDevicesOnlyPublish() {
        Mqtt5AsyncClient client = harness.connected5("smoke-1", token);

        Throwable refusal = catchThrowable(() -> join(client.subscribeWith().topicFilter("devices/smoke-1/commands")
                .send()));

        assertThat(refusal).isInstanceOfSatisfying(Mqtt5SubAckException.class, subAck ->
                assertThat(subAck.getMqttMessage().getReasonCodes())
                        .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
        assertThat(harness.rejects(RejectReason.SUBSCRIBE)).isEqualTo(1);
    }
}
