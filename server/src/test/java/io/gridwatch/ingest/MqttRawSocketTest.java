package io.gridwatch.ingest;

import static io.gridwatch.ingest.IngestHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.ingest.RawMqtt.Packet;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Reading;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** MQTT written by hand on a TCP socket: what client libraries will not do for a test. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MqttRawSocketTest {

    private static final String OWN_TOPIC = "devices/smoke-1/readings";

    private IngestHarness harness;
    private String token;

    @BeforeEach
    void startTheEndpoint(Vertx vertx) {
        harness = IngestHarness.start(vertx);
        token = harness.smokeDetector("smoke-1");
    }

    @AfterEach
    void stopTheEndpoint() {
        harness.close();
    }

    @Test
    void twoHundredQos1PublishesWrittenInOneTcpWriteAreAllAcknowledgedInOrderAndStored(Vertx vertx) {
        Buffer oneWrite = RawMqtt.connectPacket(4, "raw-200", "smoke-1", token);
        for (int id = 1; id <= 200; id++) {
            oneWrite.appendBuffer(RawMqtt.publishPacket(4, OWN_TOPIC, 1, false, id, null, Payloads.smoke(id)));
        }

        try (RawMqtt raw = RawMqtt.connect(vertx, harness.port())) {
            raw.send(oneWrite);

            eventually("200 PUBACKs", () -> raw.count(Packet.PUBACK) == 200);
            List<Integer> acknowledged = raw.packets().stream().filter(p -> p.type() == Packet.PUBACK)
                    .map(Packet::packetId).toList();
            assertThat(acknowledged).containsExactlyElementsOf(IntStream.rangeClosed(1, 200).boxed().toList());
        }
        assertThat(harness.sink.stored()).hasSize(200);
        assertThat(harness.sink.stored()).extracting(Reading::seq).doesNotHaveDuplicates();
    }

    @Test
    void aTopicAliasIsRefusedWithTopicAliasInvalid(Vertx vertx) {
        try (RawMqtt raw = RawMqtt.connect(vertx, harness.port())) {
            raw.send(RawMqtt.connectPacket(5, "raw-alias", "smoke-1", token));
            eventually("connack", () -> raw.count(Packet.CONNACK) == 1);

            raw.send(RawMqtt.publishPacket(5, OWN_TOPIC, 1, false, 1, RawMqtt.topicAlias(1), Payloads.smoke(1)));

            eventually("the server hung up", raw::isClosed);
            assertThat(disconnectReason(raw)).isEqualTo(0x94);
        }
        assertThat(harness.rejects(RejectReason.TOPIC_ALIAS)).isEqualTo(1);
        assertThat(harness.sink.stored()).isEmpty();
    }

    @Test
    void aRetainedPublishOnMqtt5IsRefusedWithRetainNotSupported(Vertx vertx) {
        try (RawMqtt raw = RawMqtt.connect(vertx, harness.port())) {
            raw.send(RawMqtt.connectPacket(5, "raw-retain", "smoke-1", token));
            eventually("connack", () -> raw.count(Packet.CONNACK) == 1);

            raw.send(RawMqtt.publishPacket(5, OWN_TOPIC, 1, true, 1, new byte[0], Payloads.smoke(1)));

            eventually("the server hung up", raw::isClosed);
            assertThat(disconnectReason(raw)).isEqualTo(0x9A);
        }
        assertThat(harness.sink.stored()).isEmpty();
    }

    @Test
    void aClientSendingMoreThanTheReceiveMaximumIsDisconnected(Vertx vertx) {
        harness.sink.hold();
        Buffer burst = RawMqtt.connectPacket(5, "raw-burst", "smoke-1", token);
        for (int id = 1; id <= 65; id++) {
            burst.appendBuffer(RawMqtt.publishPacket(5, OWN_TOPIC, 1, false, id, new byte[0], Payloads.smoke(id)));
        }

        try (RawMqtt raw = RawMqtt.connect(vertx, harness.port())) {
            raw.send(burst);

            eventually("the server hung up", raw::isClosed);
            assertThat(disconnectReason(raw)).isEqualTo(0x93);
            assertThat(raw.count(Packet.PUBACK)).isZero();
        }
        harness.sink.release();
        assertThat(harness.rejects(RejectReason.RECEIVE_MAXIMUM_EXCEEDED)).isEqualTo(1);
        assertThat(harness.sink.heldCount()).isZero();
    }

    @Test
    void aQos2PublishSentAgainIsAnsweredAgainButStoredOnceAndPubrelGetsPubcomp(Vertx vertx) {
        Buffer publish = RawMqtt.publishPacket(4, OWN_TOPIC, 2, false, 5, null, Payloads.smoke(1));

        try (RawMqtt raw = RawMqtt.connect(vertx, harness.port())) {
            raw.send(RawMqtt.connectPacket(4, "raw-qos2", "smoke-1", token).appendBuffer(publish));
            eventually("PUBREC", () -> raw.count(Packet.PUBREC) == 1);
            raw.send(publish);
            eventually("PUBREC again", () -> raw.count(Packet.PUBREC) == 2);
            raw.send(RawMqtt.pubrelPacket(5));

            eventually("PUBCOMP", () -> raw.count(Packet.PUBCOMP) == 1);
        }
        assertThat(harness.sink.stored()).hasSize(1);
    }

    @Test
    void packetsSentBeforeTheConnackOfASlowLogInLoseTheConnectionButTheRetryIsServedFromTheCache(Vertx vertx)
            throws Exception {
        harness.directory.slowDown(Duration.ofMillis(200));
        Buffer connectAndPublish = RawMqtt.connectPacket(4, "raw-eager", "smoke-1", token)
                .appendBuffer(RawMqtt.publishPacket(4, OWN_TOPIC, 1, false, 1, null, Payloads.smoke(1)));

        try (RawMqtt first = RawMqtt.connect(vertx, harness.port())) {
            first.send(connectAndPublish);
            eventually("vertx-mqtt closed it", first::isClosed);
            assertThat(first.count(Packet.PUBACK)).isZero();
        }
        Thread.sleep(400); // the directory answers meanwhile, and the log-in is cached
        try (RawMqtt retry = RawMqtt.connect(vertx, harness.port())) {
            retry.send(connectAndPublish);
            eventually("PUBACK", () -> retry.count(Packet.PUBACK) == 1);
        }
        assertThat(harness.sink.stored()).hasSize(1);
        assertThat(harness.directory.lookups()).isEqualTo(1);
    }

    @Test
    void withTheDirectoryMirroredInMemoryEvenTheFirstPipelinedLogInIsServed(Vertx vertx) {
        harness.close();
        TestDirectory slow = new TestDirectory();
        String gaugeToken = slow.register("gauge-9", KindRegistry.WATER_LEVEL);
        slow.slowDown(Duration.ofMillis(200));
        MirroredDirectory mirror = new MirroredDirectory(slow);
        slow.credentials("gauge-9").onSuccess(found -> mirror.remember(found.orElseThrow())).await();
        harness = IngestHarness.start(vertx, IngestHarness.options(), mirror);
        Buffer oneWrite = RawMqtt.connectPacket(4, "raw-mirrored", "gauge-9", gaugeToken)
                .appendBuffer(RawMqtt.publishPacket(4, "devices/gauge-9/readings", 1, false, 1, null,
                        Payloads.waterLevel(1)));

        try (RawMqtt raw = RawMqtt.connect(vertx, harness.port())) {
            raw.send(oneWrite);

            eventually("PUBACK", () -> raw.count(Packet.PUBACK) == 1);
        }
        assertThat(harness.sink.stored()).singleElement().extracting(Reading::deviceId).isEqualTo("gauge-9");
    }

    private static int disconnectReason(RawMqtt raw) {
        return raw.packets().stream().filter(p -> p.type() == Packet.DISCONNECT).findFirst()
                .map(p -> p.body()[0] & 0xff).orElse(-1);
    }
}
