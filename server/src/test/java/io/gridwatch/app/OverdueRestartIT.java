package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
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

/** Due times live in the database: a server restarted between the dispatch and the due time raises overdue once. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OverdueRestartIT {


    @Test
    void aRestartBetweenDispatchAndDueTimeStillRaisesOverdueExactlyOnceToTheLevelAbove() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(Map.of())) {
            String admin = fixture.adminToken();
            GridUnit cell = fixture.server.locator().grid().units(Level.CELL).get(7);
            assertThat(fixture.post("/api/departments", admin, new JsonObject().put("id", "fire").put("name", "消防")
                    .put("handles", new JsonArray().add("smoke"))).statusCode()).isEqualTo(201);
            HttpResponse<Buffer> people = fixture.post("/api/people", admin, new JsonArray()
                    .add(ServerFixture.personJson("leader", "sector_leader", cell.parentId())));
            assertThat(people.statusCode()).as(people.bodyAsString()).isEqualTo(201);
            String worker = fixture.person("worker", "cell_worker", cell.id());
            Point inside = cell.geometry().getInteriorPoint();
            HttpResponse<Buffer> device = fixture.post("/api/devices", admin, new JsonObject().put("id", "smoke-o")
                    .put("kind", "smoke").put("lon", inside.getX()).put("lat", inside.getY()));
            assertThat(device.statusCode()).as(device.bodyAsString()).isEqualTo(201);
            Mqtt5BlockingClient client = fixture.mqtt5("smoke-o", device.bodyAsJsonObject().getString("token"));
            client.publishWith().topic("devices/smoke-o/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(new JsonObject().put("ts", System.currentTimeMillis()).put("seq", 1)
                            .put("obscuration", 7.0).put("alarm", true).put("battery", 88).encode()
                            .getBytes(StandardCharsets.UTF_8)).send();
            client.disconnect();
            Eventually.until(Duration.ofSeconds(10), "the alert is stored",
                    () -> count(fixture, "SELECT count(*) FROM alerts WHERE source_device = 'smoke-o'") == 1);
            long id = fixture.count("SELECT id FROM alerts WHERE source_device = 'smoke-o'");

            // given the case dispatched by the cell's worker, due in 8 s
            assertThat(fixture.post("/api/alerts/" + id + "/ack", worker, "{}").statusCode()).isEqualTo(200);
            HttpResponse<Buffer> dispatched = fixture.post("/api/alerts/" + id + "/dispatch", worker,
                    new JsonObject().put("due", "PT8S"));
            assertThat(dispatched.statusCode()).as(dispatched.bodyAsString()).isEqualTo(200);

            // when the server restarts before the due time
            fixture.stopServer();
            assertThat(fixture.count("SELECT count(*) FROM alert_events WHERE type = 'overdue'")).isZero();
            fixture.startServer();

            // then the restarted server raises overdue once, and the case climbs to the sector above the worker
            String overdue = "SELECT count(*) FROM alert_events WHERE type = 'overdue' AND alert_id = " + id;
            Eventually.until(Duration.ofSeconds(30), "the restarted server raises overdue",
                    () -> count(fixture, overdue) >= 1);
            Thread.sleep(2_500);
            assertThat(fixture.count(overdue)).isEqualTo(1);
            assertThat(fixture.count("SELECT count(*) FROM alerts WHERE level = 'sector' AND status = 'dispatched'"
                    + " AND id = " + id)).isEqualTo(1);
            assertThat(fixture.count("SELECT count(*) FROM case_dispatches WHERE overdue_at IS NOT NULL AND alert_id = "
                    + id)).isEqualTo(1);
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
