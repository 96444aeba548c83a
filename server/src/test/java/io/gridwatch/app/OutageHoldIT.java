package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.gridwatch.store.EmbeddedDatabase;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * During a database outage the MQTT endpoint neither drops its devices nor invites a reconnect storm:
 * connected devices stay connected with their acknowledgements held (their receive maximum stops them),
 * new CONNECTs are refused with "server unavailable" (MQTT 5 0x88, 3.1.1 return code 3), and when the
 * database is back the held readings are stored and acknowledged, each once.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OutageHoldIT {

    private static final Logger LOG = LoggerFactory.getLogger(OutageHoldIT.class);

    @TempDir
    Path dir;

    @Test
    void connectedDevicesStayConnectedWithAcksHeldAndNewOnesAreRefusedUntilTheDatabaseIsBack() throws Exception {
        try (ServerFixture fixture = ServerFixture.startOnOwnPostgres(dir)) {
            // given a connected device, and two more registered but not connected
            String token = register(fixture, "hold-1", 77);
            String late5 = register(fixture, "hold-2", 78);
            String late3 = register(fixture, "hold-3", 79);
            AtomicInteger disconnects = new AtomicInteger();
            Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("hold-1")
                    .serverHost("127.0.0.1").serverPort(fixture.server.mqttPort())
                    .addDisconnectedListener(context -> disconnects.incrementAndGet())
                    .simpleAuth().username("hold-1").password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .buildAsync();
            client.connectWith().cleanStart(false).sessionExpiryInterval(600).send().get(10, TimeUnit.SECONDS);
            Instant start = Instant.now();
            publish(client, start, 0).get(30, TimeUnit.SECONDS);

            // when the database stops and the device keeps publishing
            int port = fixture.postgres.port();
            fixture.postgres.close();
            List<CompletableFuture<Mqtt5PublishResult>> held = new ArrayList<>();
            for (int seq = 1; seq <= 20; seq++) {
                held.add(publish(client, start.plusMillis(seq), seq));
            }
            Thread.sleep(3_000);

            // then it is still connected, nothing is acknowledged, and a new device is told the server is unavailable
            assertThat(disconnects.get()).as("disconnections of the connected device").isZero();
            assertThat(client.getState().isConnected()).isTrue();
            assertThat(held).noneMatch(CompletableFuture::isDone);
            assertThatThrownBy(() -> MqttClient.builder().useMqttVersion5().identifier("hold-2")
                    .serverHost("127.0.0.1").serverPort(fixture.server.mqttPort()).buildBlocking().connectWith()
                    .simpleAuth().username("hold-2").password(late5.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .send())
                    .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5ConnAckReasonCode.SERVER_UNAVAILABLE));
            assertThatThrownBy(() -> MqttClient.builder().useMqttVersion3().identifier("hold-3")
                    .serverHost("127.0.0.1").serverPort(fixture.server.mqttPort()).buildBlocking().connectWith()
                    .simpleAuth().username("hold-3").password(late3.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .send())
                    .isInstanceOfSatisfying(Mqtt3ConnAckException.class, e -> assertThat(e.getMqttMessage().getReturnCode())
                            .isEqualTo(Mqtt3ConnAckReturnCode.SERVER_UNAVAILABLE));

            // when the database is back on the same port and data
            fixture.postgres = EmbeddedDatabase.start(dir.resolve("postgres"), port);
            long back = System.nanoTime();

            // then the held readings are acknowledged on the same connection, each stored once, and new devices get in
            CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long recoveredMs = (System.nanoTime() - back) / 1_000_000;
            LOG.info("outage recovery: held acknowledgements released {} ms after the database returned", recoveredMs);
            assertThat(disconnects.get()).isZero();
            assertThat(fixture.count("SELECT count(*) FROM readings WHERE device_id = 'hold-1'")).isEqualTo(21);
            for (int i = 0; i < 50; i++) {
                try {
                    fixture.mqtt5("hold-2", late5).disconnect();
                    break;
                } catch (Mqtt5ConnAckException stillRefused) {
                    Thread.sleep(200);
                }
            }
            fixture.mqtt5("hold-2", late5).disconnect();
            client.disconnect();
        }
    }

    private static String register(ServerFixture fixture, String id, int cell) throws Exception {
        Point inside = fixture.server.locator().grid().units(io.gridwatch.geo.model.Level.CELL).get(cell)
                .geometry().getInteriorPoint();
        return fixture.post("/api/devices", fixture.adminToken(), new JsonObject().put("id", id).put("kind", "smoke")
                .put("lon", inside.getX()).put("lat", inside.getY())).bodyAsJsonObject().getString("token");
    }

    private static CompletableFuture<Mqtt5PublishResult> publish(Mqtt5AsyncClient client, Instant ts, int seq) {
        return client.publishWith().topic("devices/hold-1/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(IngestEndToEndIT.smoke(ts, seq, 1.0, false)).send();
    }
}
