package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;

/**
 * What a life-safety system must survive: the database going away mid-stream, and the server
 * restarting. A device that keeps its session redelivers what was not acknowledged; every
 * acknowledged reading ends up stored exactly once.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OutageAndRestartIT {

    @TempDir
    Path dir;

    @Test
    void readingsAreNotAcknowledgedWhileTheDatabaseIsDownAndNoneIsLostWhenItReturns() throws Exception {
        try (ServerFixture fixture = ServerFixture.startOnOwnPostgres(dir)) {
            // given a device with a persistent session that reconnects by itself
            String token = register(fixture, "outage-1");
            Mqtt5AsyncClient client = persistentClient(fixture, "outage-1", token);
            List<CompletableFuture<Mqtt5PublishResult>> acks = new ArrayList<>();
            Instant start = Instant.now();
            for (int seq = 0; seq < 20; seq++) {
                acks.add(publish(client, "outage-1", start.plusMillis(seq), seq));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            // when the database stops mid-stream
            int port = fixture.postgres.port();
            fixture.postgres.close();
            List<CompletableFuture<Mqtt5PublishResult>> duringOutage = new ArrayList<>();
            for (int seq = 20; seq < 40; seq++) {
                duringOutage.add(publish(client, "outage-1", start.plusMillis(seq), seq));
            }
            Thread.sleep(2_000);

            // then nothing sent during the outage is acknowledged, and health says so
            assertThat(duringOutage).noneMatch(f -> f.isDone() && !f.isCompletedExceptionally());
            assertThat(fixture.get("/health", null).statusCode()).isEqualTo(503);

            // when it comes back on the same port and data
            fixture.postgres = EmbeddedDatabase.start(dir.resolve("postgres"), port);

            // then the device's redeliveries are acknowledged and every reading is stored exactly once
            CompletableFuture.allOf(duringOutage.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
            assertThat(fixture.count("SELECT count(*) FROM readings WHERE device_id = 'outage-1'")).isEqualTo(40);
            assertThat(fixture.count("SELECT count(DISTINCT seq) FROM readings WHERE device_id = 'outage-1'")).isEqualTo(40);
            awaitHealthy(fixture);
            client.disconnect();
        }
    }

    @Test
    void healthTurnsDownWithinSecondsWhenTheDatabaseStopsOnAQuietServer() throws Exception {
        try (ServerFixture fixture = ServerFixture.startOnOwnPostgres(dir)) {
            // given a server that nothing writes to
            assertThat(fixture.get("/health", null).statusCode()).isEqualTo(200);
            String admin = fixture.adminToken();

            // when the database stops
            int port = fixture.postgres.port();
            fixture.postgres.close();

            // then /health says so within seconds, and recovers when it returns
            int status = 200;
            for (int i = 0; i < 50 && status == 200; i++) {
                Thread.sleep(200);
                status = fixture.get("/health", null).statusCode();
            }
            assertThat(status).isEqualTo(503);
            assertThat(fixture.get("/health", null).bodyAsJsonObject().getString("database")).isEqualTo("down");
            // and the API answers 503, not a 500 with a stack trace
            var devices = fixture.get("/api/devices", admin);
            assertThat(devices.statusCode()).isEqualTo(503);
            assertThat(devices.bodyAsJsonObject().getString("error")).isEqualTo("database_unavailable");
            fixture.postgres = EmbeddedDatabase.start(dir.resolve("postgres"), port);
            awaitHealthy(fixture);
        }
    }

    @Test
    void aRestartedServerKeepsItsDevicesAndReadings() throws Exception {
        try (ServerFixture fixture = ServerFixture.start()) {
            // given a device that has reported once
            String token = register(fixture, "restart-1");
            Mqtt5AsyncClient before = persistentClient(fixture, "restart-1", token);
            publish(before, "restart-1", Instant.now().minusSeconds(5), 1).get(10, TimeUnit.SECONDS);
            before.disconnect().get(10, TimeUnit.SECONDS);

            // when the server restarts on the same database
            fixture.stopServer();
            fixture.startServer();

            // then the same token still logs in, and old and new readings are both there
            Mqtt5AsyncClient after = persistentClient(fixture, "restart-1", token);
            publish(after, "restart-1", Instant.now(), 2).get(10, TimeUnit.SECONDS);
            assertThat(fixture.count("SELECT count(*) FROM readings WHERE device_id = 'restart-1'")).isEqualTo(2);
            after.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    private static String register(ServerFixture fixture, String id) throws Exception {
        Point inside = fixture.server.locator().grid().units(io.gridwatch.geo.model.Level.CELL).get(77)
                .geometry().getInteriorPoint();
        return fixture.post("/api/devices", fixture.adminToken(), new JsonObject().put("id", id).put("kind", "smoke")
                .put("lon", inside.getX()).put("lat", inside.getY())).bodyAsJsonObject().getString("token");
    }

    private static Mqtt5AsyncClient persistentClient(ServerFixture fixture, String id, String token) throws Exception {
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(id)
                .serverHost("127.0.0.1").serverPort(fixture.server.mqttPort())
                .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(2, TimeUnit.SECONDS).applyAutomaticReconnect()
                // credentials on the client, not the CONNECT: automatic reconnects send them too
                .simpleAuth().username(id).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildAsync();
        client.connectWith().cleanStart(false).sessionExpiryInterval(600).send().get(10, TimeUnit.SECONDS);
        return client;
    }

    private static CompletableFuture<Mqtt5PublishResult> publish(Mqtt5AsyncClient client, String id, Instant ts, int seq) {
        return client.publishWith().topic("devices/" + id + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(IngestEndToEndIT.smoke(ts, seq, 1.0, false)).send();
    }

    private static void awaitHealthy(ServerFixture fixture) throws Exception {
        for (int i = 0; i < 50 && fixture.get("/health", null).statusCode() != 200; i++) {
            Thread.sleep(200);
        }
        assertThat(fixture.get("/health", null).statusCode()).isEqualTo(200);
    }
}
