package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Point;

/**
 * Gas and heat detectors end to end on real parts (ARCHITECTURE 3.7): registered through the API, publishing with a
 * HiveMQ client, stored, judged, and the alert on the websocket of the grid worker who answers for the cell, with
 * its reason as a code and values; the registry served to pages and integrators.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GasAndHeatEndToEndIT {

    static final Duration WAIT = Duration.ofSeconds(15);

    static ServerFixture fixture;
    static String admin;
    static GridUnit cell;
    static GridUnit neighbour;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start();
        admin = fixture.adminToken();
        Grid grid = fixture.server.locator().grid();
        GridUnit sector = grid.units(Level.SECTOR).stream().filter(s -> grid.children(s.id()).size() >= 2)
                .findFirst().orElseThrow();
        List<GridUnit> cells = grid.children(sector.id());
        cell = cells.get(0);
        neighbour = cells.get(1);
        HttpResponse<Buffer> added = fixture.post("/api/people", admin, new JsonArray()
                .add(ServerFixture.personJson("kitchen-worker", "cell_worker", cell.id()))
                .add(ServerFixture.personJson("next-door", "cell_worker", neighbour.id())));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    }

    @AfterAll
    static void stopServer() throws Exception {
        fixture.close();
    }

    @Test
    void aGasLeakOpensAMajorAlertForTheCellsWorkerAndTurnsCriticalAtFiftyPercentLel() throws Exception {
        try (var worker = socket("kitchen-worker"); var other = socket("next-door")) {
            String token = register(new JsonObject().put("id", "gas-e2e-1").put("kind", "gas"), cell);
            Mqtt5BlockingClient client = fixture.mqtt5("gas-e2e-1", token);
            long now = System.currentTimeMillis();

            publish(client, "gas-e2e-1", new JsonObject().put("ts", now - 20_000).put("seq", 1).put("lel", 23.0)
                    .put("alarm", false).put("battery", 95));
            JsonObject opened = worker.awaitEvent("opened", null, WAIT);
            publish(client, "gas-e2e-1", new JsonObject().put("ts", now - 10_000).put("seq", 2).put("lel", 52.5)
                    .put("alarm", true).put("battery", 95));
            JsonObject worse = worker.awaitEvent("updated", opened.getString("id"), WAIT);
            client.disconnect();

            assertThat(opened.getString("kind")).isEqualTo("gas");
            assertThat(opened.getString("severity")).isEqualTo("major");
            assertThat(opened.getString("level")).isEqualTo("cell");
            assertThat(opened.getDouble("value")).isEqualTo(23.0);
            assertThat(opened.getString("reason_code")).isEqualTo("gas.over_warn");
            assertThat(opened.getJsonObject("reason_values").getMap()).isEqualTo(Map.of("lel", 23.0, "line", 20.0));
            assertThat(opened.getString("reason")).contains("23.0 %LEL");
            assertThat(worse.getString("severity")).isEqualTo("critical");
            assertThat(worse.getString("reason_code")).isEqualTo("gas.alarm");
            assertThat(other.events("opened", opened.getString("id"))).isEmpty();
            JsonObject device = fixture.get("/api/devices/gas-e2e-1", admin).bodyAsJsonObject();
            assertThat(device.getString("kind")).isEqualTo("gas");
            assertThat(device.getJsonObject("last").getDouble("lel")).isEqualTo(52.5);
            assertThat(device.getJsonObject("last").getBoolean("alarm")).isTrue();
        }
    }

    @Test
    void aHeatDetectorsOwnAlarmAtRoomTemperatureIsCriticalAtOnce() throws Exception {
        try (var worker = socket("kitchen-worker")) {
            String token = register(new JsonObject().put("id", "heat-e2e-1").put("kind", "heat"), cell);
            Mqtt5BlockingClient client = fixture.mqtt5("heat-e2e-1", token);

            publish(client, "heat-e2e-1", new JsonObject().put("ts", System.currentTimeMillis()).put("seq", 1)
                    .put("temp_c", 31.0).put("alarm", true).put("battery", 70));
            client.disconnect();

            JsonObject opened = worker.awaitEvent("opened", null, WAIT);
            assertThat(opened.getString("kind")).isEqualTo("heat");
            assertThat(opened.getString("severity")).isEqualTo("critical");
            assertThat(opened.getString("reason_code")).isEqualTo("heat.alarm");
            assertThat(opened.getJsonObject("source").getString("device")).isEqualTo("heat-e2e-1");
        }
    }

    @Test
    void aHeatDetectorsOwnLinesAreCheckedAgainstTheKindsDefaults() throws Exception {
        HttpResponse<Buffer> refused = fixture.post("/api/devices", admin, new JsonObject().put("id", "heat-e2e-bad")
                .put("kind", "heat").put("lon", 113.93).put("lat", 22.75)
                .put("thresholds", new JsonObject().put("warn", 60.0)));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsJsonObject().getString("message")).contains("danger").contains("heat default");
    }

    @Test
    void theKindsAreServedWithFieldsUnitsLabelsAndThresholdsWithoutLogIn() throws Exception {
        HttpResponse<Buffer> response = fixture.get("/api/kinds", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray kinds = response.bodyAsJsonObject().getJsonArray("kinds");
        assertThat(kinds.stream().map(k -> ((JsonObject) k).getString("id")))
                .containsExactly("smoke", "water_level", "gas", "heat");
        JsonObject gas = kinds.getJsonObject(2);
        assertThat(gas.getJsonObject("label").getMap()).isEqualTo(Map.of("zh", "燃气", "en", "gas"));
        assertThat(gas.getJsonObject("thresholds").getMap()).containsEntry("warn", 20.0).containsEntry("danger", 50.0);
        JsonObject lel = gas.getJsonArray("fields").getJsonObject(0);
        assertThat(lel.getString("name")).isEqualTo("lel");
        assertThat(lel.getString("unit")).isEqualTo("%LEL");
        assertThat(lel.getDouble("max")).isEqualTo(100.0);
        JsonObject heat = kinds.getJsonObject(3);
        assertThat(heat.getJsonObject("rise").getMap()).containsEntry("amount", 8.0).containsEntry("window_s", 60);
        JsonObject vocabulary = fixture.get("/api/vocabulary", null).bodyAsJsonObject();
        assertThat(vocabulary.getJsonArray("severities").getJsonObject(0).getString("id")).isEqualTo("critical");
        assertThat(vocabulary.getJsonArray("roles").stream().map(r -> ((JsonObject) r).getString("id")))
                .contains("cell_worker", "rescue");
    }

    private static AlertSocketClient socket(String username) throws Exception {
        return AlertSocketClient.open(fixture.server.vertx(), fixture.server.httpPort(),
                fixture.login(username, ServerFixture.PASSWORD));
    }

    /** Registers a device at a point inside the unit; its token. */
    private static String register(JsonObject device, GridUnit where) throws Exception {
        Point inside = where.geometry().getInteriorPoint();
        HttpResponse<Buffer> response = fixture.post("/api/devices", admin,
                device.copy().put("lon", inside.getX()).put("lat", inside.getY()));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject().getString("token");
    }

    private static void publish(Mqtt5BlockingClient client, String deviceId, JsonObject reading) {
        client.publishWith().topic("devices/" + deviceId + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(reading.encode().getBytes(StandardCharsets.UTF_8)).send();
    }
}
