package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.testing.Eventually;
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
 * The heart of the mission on real parts: a HiveMQ client publishes a smoke alarm, the right grid worker's websocket
 * hears of it, nobody acknowledges, and it climbs the roster until someone does.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AlertsEndToEndIT {

    /** Short enough for a test, long enough that the order of events is certain. */
    static final Duration DEADLINE = Duration.ofSeconds(3);
    static final Duration WAIT = Duration.ofSeconds(15);

    static ServerFixture fixture;
    static String admin;
    static Grid grid;
    static GridUnit sector;
    static GridUnit cell;
    static GridUnit neighbour;
    static GridUnit unstaffed;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start(Map.of("GRIDWATCH_ESCALATE_AFTER", "critical=PT3S,major=PT3S"));
        admin = fixture.adminToken();
        grid = fixture.server.locator().grid();
        sector = grid.units(Level.SECTOR).stream().filter(s -> grid.children(s.id()).size() >= 3).findFirst()
                .orElseThrow();
        List<GridUnit> cells = grid.children(sector.id());
        cell = cells.get(0);
        neighbour = cells.get(1);
        unstaffed = cells.get(2);
        GridUnit community = grid.unit(sector.parentId()).orElseThrow();
        HttpResponse<Buffer> added = fixture.post("/api/people", admin, new JsonArray()
                .add(ServerFixture.personJson("worker", "cell_worker", cell.id()))
                .add(ServerFixture.personJson("neighbour", "cell_worker", neighbour.id()))
                .add(ServerFixture.personJson("leader", "sector_leader", sector.id()))
                .add(ServerFixture.personJson("community", "community", community.id())));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    }

    @AfterAll
    static void stopServer() throws Exception {
        fixture.close();
    }

    @Test
    void aSmokeAlarmReachesTheCellWorkerNotTheNeighbourAndClimbsUntilAcknowledged() throws Exception {
        try (var worker = socket("worker"); var other = socket("neighbour"); var leader = socket("leader");
                var community = socket("community")) {
            String token = register("smoke-e2e-1", cell);

            publishAlarm("smoke-e2e-1", token);

            JsonObject opened = worker.awaitEvent("opened", null, WAIT);
            String id = opened.getString("id");
            assertThat(opened.getString("kind")).isEqualTo("smoke");
            assertThat(opened.getString("severity")).isEqualTo("critical");
            assertThat(opened.getString("level")).isEqualTo("cell");
            assertThat(opened.getJsonObject("path").getString("cell")).isEqualTo(cell.id());
            assertThat(opened.getJsonObject("source").getString("device")).isEqualTo("smoke-e2e-1");

            JsonObject first = leader.awaitEvent("escalated", id, WAIT);
            assertThat(first.getString("level")).isEqualTo("sector");
            assertThat(first.getInteger("escalations")).isEqualTo(1);
            Eventually.until(WAIT, "the second escalation reaches the community",
                    () -> community.events("escalated", id).size() == 2);
            JsonObject second = community.events("escalated", id).get(1).getJsonObject("alert");
            assertThat(second.getString("level")).isEqualTo("community");
            assertThat(second.getInteger("escalations")).isEqualTo(2);

            HttpResponse<Buffer> ack = fixture.post("/api/alerts/" + id + "/ack", login("community"), new JsonObject());
            assertThat(ack.statusCode()).as(ack.bodyAsString()).isEqualTo(200);
            assertThat(worker.awaitEvent("acknowledged", id, WAIT).getString("status")).isEqualTo("acknowledged");

            Thread.sleep(DEADLINE.multipliedBy(2).toMillis());
            assertThat(fixture.count("SELECT count(*) FROM alert_events WHERE type = 'escalated' AND alert_id = "
                    + id)).isEqualTo(2);
            assertThat(other.events("opened", id)).isEmpty();
            assertThat(other.frames).noneMatch(f -> f.containsKey("alert")
                    && id.equals(f.getJsonObject("alert").getString("id")));
        }
    }

    @Test
    void aWorkerOfAnotherCellMayNotAcknowledgeButTheSnapshotGivesTheOwnerWhatHappenedWhileAway() throws Exception {
        String token = register("smoke-e2e-2", cell);
        publishAlarm("smoke-e2e-2", token);
        Eventually.until(WAIT, "the alert is stored", () -> countAlerts("smoke-e2e-2") == 1);
        String id = Long.toString(fixture.count("SELECT id FROM alerts WHERE source_device = 'smoke-e2e-2'"));

        HttpResponse<Buffer> refused = fixture.post("/api/alerts/" + id + "/ack", login("neighbour"), new JsonObject());

        assertThat(refused.statusCode()).isEqualTo(404);
        try (var worker = socket("worker")) {
            JsonArray snapshot = worker.snapshot().getJsonArray("alerts");
            assertThat(snapshot.stream().map(a -> ((JsonObject) a).getString("id"))).contains(id);
        }
        try (var other = socket("neighbour")) {
            assertThat(other.snapshot().getJsonArray("alerts").stream()
                    .map(a -> ((JsonObject) a).getString("id"))).doesNotContain(id);
        }
    }

    @Test
    void anAlertInACellWithNobodyOnTheRosterGoesStraightToTheSectorLeader() throws Exception {
        try (var leader = socket("leader")) {
            String token = register("smoke-e2e-3", unstaffed);

            publishAlarm("smoke-e2e-3", token);

            JsonObject opened = leader.awaitEvent("opened", null, WAIT);
            assertThat(opened.getJsonObject("source").getString("device")).isEqualTo("smoke-e2e-3");
            assertThat(opened.getString("level")).isEqualTo("sector");
        }
    }

    @Test
    void aGaugeRisingFastRaisesAMajorAlertBelowItsWarnLine() throws Exception {
        try (var worker = socket("worker")) {
            String token = register(new JsonObject().put("id", "gauge-e2e-1").put("kind", "water_level")
                    .put("thresholds", new JsonObject().put("warn", 3.0).put("danger", 4.0)), cell);
            long start = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
            Mqtt5BlockingClient client = fixture.mqtt5("gauge-e2e-1", token);
            double[] levels = {1.00, 1.02, 1.05, 1.10, 1.18};
            for (int i = 0; i < levels.length; i++) {
                publish(client, "gauge-e2e-1", new JsonObject().put("ts", start + i * 120_000L).put("seq", i)
                        .put("level", levels[i]).put("battery", 80));
            }
            client.disconnect();

            JsonObject opened = worker.awaitEvent("opened", null, WAIT);
            assertThat(opened.getString("kind")).isEqualTo("water_level");
            assertThat(opened.getString("severity")).isEqualTo("major");
            assertThat(opened.getDouble("value")).as("raised by the rise, below the warn line")
                    .isBetween(1.10, 1.18);
        }
    }

    private static AlertSocketClient socket(String username) throws Exception {
        return AlertSocketClient.open(fixture.server.vertx(), fixture.server.httpPort(), login(username));
    }

    private static String login(String username) throws Exception {
        return fixture.login(username, ServerFixture.PASSWORD);
    }

    private static String register(String deviceId, GridUnit where) throws Exception {
        return register(new JsonObject().put("id", deviceId).put("kind", "smoke"), where);
    }

    /** Registers a device at a point inside the unit; its token. */
    private static String register(JsonObject device, GridUnit where) throws Exception {
        Point inside = where.geometry().getInteriorPoint();
        HttpResponse<Buffer> response = fixture.post("/api/devices", admin,
                device.copy().put("lon", inside.getX()).put("lat", inside.getY()));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        assertThat(response.bodyAsJsonObject().getJsonObject("path").getString("cell")).isEqualTo(where.id());
        return response.bodyAsJsonObject().getString("token");
    }

    private static void publishAlarm(String deviceId, String token) {
        Mqtt5BlockingClient client = fixture.mqtt5(deviceId, token);
        publish(client, deviceId, new JsonObject().put("ts", System.currentTimeMillis()).put("seq", 1)
                .put("obscuration", 6.5).put("alarm", true).put("battery", 90));
        client.disconnect();
    }

    private static void publish(Mqtt5BlockingClient client, String deviceId, JsonObject reading) {
        client.publishWith().topic("devices/" + deviceId + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(reading.encode().getBytes(StandardCharsets.UTF_8)).send();
    }

    private static long countAlerts(String deviceId) {
        return countOf("SELECT count(*) FROM alerts WHERE source_device = '" + deviceId + "'");
    }

    /** A count for {@code Eventually}, which takes no checked exceptions. */
    private static long countOf(String sql) {
        try {
            return fixture.count(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
