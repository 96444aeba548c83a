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
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Point;

/** Deadlines live in the database: a server restarted between the raise and the deadline escalates exactly once. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class EscalationRestartIT {


    @Test
    void aRestartBetweenRaiseAndDeadlineStillEscalatesExactlyOnce() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(Map.of("GRIDWATCH_ESCALATE_AFTER", "critical=PT8S"))) {
            String admin = fixture.adminToken();
            Grid grid = fixture.server.locator().grid();
            GridUnit cell = grid.units(Level.CELL).get(42);
            HttpResponse<Buffer> people = fixture.post("/api/people", admin, new JsonArray()
                    .add(ServerFixture.personJson("worker", "cell_worker", cell.id()))
                    .add(ServerFixture.personJson("leader", "sector_leader", cell.parentId())));
            assertThat(people.statusCode()).as(people.bodyAsString()).isEqualTo(201);
            Point inside = cell.geometry().getInteriorPoint();
            HttpResponse<Buffer> device = fixture.post("/api/devices", admin, new JsonObject().put("id", "smoke-r")
                    .put("kind", "smoke").put("lon", inside.getX()).put("lat", inside.getY()));
            assertThat(device.statusCode()).as(device.bodyAsString()).isEqualTo(201);

            // given an alert raised, addressed to the cell, its deadline 8 s away
            Mqtt5BlockingClient client = fixture.mqtt5("smoke-r", device.bodyAsJsonObject().getString("token"));
            client.publishWith().topic("devices/smoke-r/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(new JsonObject().put("ts", System.currentTimeMillis()).put("seq", 1)
                            .put("obscuration", 7.0).put("alarm", true).put("battery", 88).encode()
                            .getBytes(StandardCharsets.UTF_8)).send();
            client.disconnect();
            Eventually.until(Duration.ofSeconds(10), "the alert is stored",
                    () -> count(fixture, "SELECT count(*) FROM alerts WHERE source_device = 'smoke-r'") == 1);
            long id = fixture.count("SELECT id FROM alerts WHERE source_device = 'smoke-r'");

            // when the server restarts before the deadline
            fixture.stopServer();
            assertThat(fixture.count("SELECT count(*) FROM alert_events WHERE type = 'escalated'")).isZero();
            fixture.startServer();

            // then the restarted server escalates it to the sector leader, once
            String escalations = "SELECT count(*) FROM alert_events WHERE type = 'escalated' AND alert_id = " + id;
            Eventually.until(Duration.ofSeconds(30), "the restarted server escalates the alert",
                    () -> count(fixture, escalations) >= 1);
            Thread.sleep(2_000);
            assertThat(fixture.count(escalations)).isEqualTo(1);
            assertThat(fixture.count("SELECT count(*) FROM alerts WHERE level = 'sector' AND id = " + id)).isEqualTo(1);
        }
    }

    private static long count(ServerFixture fixture, String sql) {
        try {
            return fixture.count(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
