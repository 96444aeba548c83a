package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Point;

/**
 * A reading's whole way in, on real parts: admin log-in and device registration over HTTP, a HiveMQ
 * client publishing over MQTT 5, PostgreSQL underneath.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IngestEndToEndIT {

    static ServerFixture fixture;
    static String admin;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start();
        admin = fixture.adminToken();
    }

    @AfterAll
    static void stopServer() throws Exception {
        fixture.close();
    }

    @Test
    void registeringADeviceFindsItsCellAndReturnsATokenOnce() throws Exception {
        // given a point inside a known cell
        GridUnit cell = cell(42);
        Point inside = cell.geometry().getInteriorPoint();

        // when
        HttpResponse<Buffer> response = fixture.post("/api/devices", admin, device("smoke-reg-1", "smoke", inside));

        // then
        assertThat(response.statusCode()).isEqualTo(201);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("token")).hasSizeGreaterThan(30);
        assertThat(body.getJsonObject("path").getString("cell")).isEqualTo(cell.id());
        assertThat(body.getJsonObject("path").getString("sector")).isEqualTo(cell.parentId());
        assertThat(fixture.count("SELECT count(*) FROM devices WHERE token_hash LIKE '%" + body.getString("token") + "%'"))
                .as("the token is stored only as a hash").isZero();
    }

    @Test
    void aQos1ReadingIsInTheDatabaseWhenItsPubackArrivesAndARedeliveryIsStoredOnce() throws Exception {
        // given
        String token = register("smoke-e2e-1", "smoke", cell(7).geometry().getInteriorPoint());
        Mqtt5BlockingClient client = fixture.mqtt5("smoke-e2e-1", token);
        byte[] payload = smoke(Instant.now(), 1, 2.5, false);

        // when: the PUBACK has arrived
        client.publishWith().topic("devices/smoke-e2e-1/readings").qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();

        // then: the row is already committed
        assertThat(fixture.count("SELECT count(*) FROM readings WHERE device_id = 'smoke-e2e-1'")).isEqualTo(1);

        // when: the same message comes again (a redelivery)
        client.publishWith().topic("devices/smoke-e2e-1/readings").qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();

        // then
        assertThat(fixture.count("SELECT count(*) FROM readings WHERE device_id = 'smoke-e2e-1'")).isEqualTo(1);
        client.disconnect();
    }

    @Test
    void twoDifferentReadingsInTheSameMillisecondAreBothStored() throws Exception {
        // given
        String token = register("smoke-e2e-5", "smoke", cell(8).geometry().getInteriorPoint());
        Mqtt5BlockingClient client = fixture.mqtt5("smoke-e2e-5", token);
        Instant sameTs = Instant.now();

        // when two readings share a timestamp but not a sequence number
        client.publishWith().topic("devices/smoke-e2e-5/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(smoke(sameTs, 1, 0.5, false)).send();
        client.publishWith().topic("devices/smoke-e2e-5/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(smoke(sameTs, 2, 9.5, true)).send();

        // then both were acknowledged and both are stored
        assertThat(fixture.count("SELECT count(*) FROM readings WHERE device_id = 'smoke-e2e-5'")).isEqualTo(2);
        client.disconnect();
    }

    @Test
    void theDeviceApiShowsThePathLastSeenAndLastValues() throws Exception {
        // given
        String token = register("gauge-e2e-1", "water_level", cell(900).geometry().getInteriorPoint());
        Mqtt5BlockingClient client = fixture.mqtt5("gauge-e2e-1", token);
        client.publishWith().topic("devices/gauge-e2e-1/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(("{\"ts\":" + Instant.now().toEpochMilli() + ",\"seq\":5,\"level\":1.25,\"battery\":88}")
                        .getBytes(StandardCharsets.UTF_8)).send();
        client.disconnect();

        // when
        JsonObject device = fixture.get("/api/devices/gauge-e2e-1", admin).bodyAsJsonObject();

        // then
        assertThat(device.getString("kind")).isEqualTo("water_level");
        assertThat(device.getJsonObject("path").getString("cell")).isEqualTo(cell(900).id());
        assertThat(device.getString("last_seen")).isNotNull();
        assertThat(device.getJsonObject("last").getDouble("level")).isEqualTo(1.25);
        assertThat(device.getJsonObject("last").getInteger("battery")).isEqualTo(88);
        assertThat(fixture.get("/api/devices?limit=500", admin).bodyAsJsonObject().getJsonArray("devices")
                .stream().map(d -> ((JsonObject) d).getString("id"))).contains("gauge-e2e-1");
    }

    @Test
    void aWrongTokenIsRefusedAtConnect() throws Exception {
        register("smoke-e2e-2", "smoke", cell(3).geometry().getInteriorPoint());

        assertThatThrownBy(() -> fixture.mqtt5("smoke-e2e-2", "not-the-token"))
                .isInstanceOf(Mqtt5ConnAckException.class);
    }

    @Test
    void aDeviceCannotPublishUnderAnotherDevicesTopic() throws Exception {
        // given two devices
        String token = register("smoke-e2e-3", "smoke", cell(11).geometry().getInteriorPoint());
        register("smoke-e2e-4", "smoke", cell(12).geometry().getInteriorPoint());
        Mqtt5BlockingClient client = fixture.mqtt5("smoke-e2e-3", token);

        // when it publishes as the other one
        try {
            client.publishWith().topic("devices/smoke-e2e-4/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(smoke(Instant.now(), 1, 1.0, false)).send();
        } catch (RuntimeException refused) {
            // refused with a reason code or a disconnect: either way nothing may be stored
        }

        // then
        assertThat(fixture.count("SELECT count(*) FROM readings WHERE device_id = 'smoke-e2e-4'")).isZero();
    }

    @Test
    void badRegistrationsAreRefusedWithClearErrorsAndStoreNothing() throws Exception {
        Point inside = cell(5).geometry().getInteriorPoint();

        HttpResponse<Buffer> outside = fixture.post("/api/devices", admin,
                new JsonObject().put("id", "far-away").put("kind", "smoke").put("lon", 116.4).put("lat", 39.9));
        HttpResponse<Buffer> badKind = fixture.post("/api/devices", admin, device("bad-kind", "radar", inside));
        HttpResponse<Buffer> noLogin = fixture.post("/api/devices", null, device("no-login", "smoke", inside));
        HttpResponse<Buffer> batchWithDuplicate = fixture.post("/api/devices", admin, new JsonArray()
                .add(device("batch-ok", "smoke", inside)).add(device("batch-ok", "smoke", inside)));

        assertThat(outside.statusCode()).isEqualTo(422);
        assertThat(outside.bodyAsJsonObject().getString("message")).contains("outside the grid");
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(badKind.bodyAsJsonObject().getString("error")).isEqualTo("bad_request");
        assertThat(noLogin.statusCode()).isEqualTo(401);
        assertThat(batchWithDuplicate.statusCode()).isEqualTo(400);
        assertThat(fixture.count("SELECT count(*) FROM devices WHERE id IN ('far-away', 'bad-kind', 'no-login', 'batch-ok')"))
                .isZero();
    }

    @Test
    void aDeviceIdCanBeRegisteredOnlyOnce() throws Exception {
        Point inside = cell(6).geometry().getInteriorPoint();
        assertThat(fixture.post("/api/devices", admin, device("twice", "smoke", inside)).statusCode()).isEqualTo(201);

        HttpResponse<Buffer> again = fixture.post("/api/devices", admin, device("twice", "smoke", inside));

        assertThat(again.statusCode()).isEqualTo(409);
    }

    @Test
    void healthIsUpAndMetricsCountReadings() throws Exception {
        HttpResponse<Buffer> health = fixture.get("/health", null);
        String metrics = fixture.get("/metrics", null).bodyAsString();

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.bodyAsJsonObject().getString("storage")).isEqualTo("native");
        assertThat(metrics).contains("gridwatch_readings_written_total", "gridwatch_mqtt_rejects_total");
    }

    private static GridUnit cell(int index) {
        return fixture.server.locator().grid().units(Level.CELL).get(index);
    }

    private static JsonObject device(String id, String kind, Point at) {
        return new JsonObject().put("id", id).put("kind", kind).put("lon", at.getX()).put("lat", at.getY());
    }

    private static String register(String id, String kind, Point at) throws Exception {
        HttpResponse<Buffer> response = fixture.post("/api/devices", admin, device(id, kind, at));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject().getString("token");
    }

    static byte[] smoke(Instant ts, long seq, double obscuration, boolean alarm) {
        return ("{\"ts\":" + ts.toEpochMilli() + ",\"seq\":" + seq + ",\"obscuration\":" + obscuration
                + ",\"alarm\":" + alarm + ",\"battery\":90}").getBytes(StandardCharsets.UTF_8);
    }
}
