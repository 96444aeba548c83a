package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.testing.ClusterEnvironment;
import io.gridwatch.testing.Eventually;
import io.vertx.core.buffer.Buffer;
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
 * Two nodes of one cluster in this JVM: each its own clustered Vert.x with its own Hazelcast member (loopback, a
 * cluster name of its own), sharing nothing but the network and one database. The servers keep no static state
 * (every part hangs off its {@link GridwatchServer}); the multi-process test with HAProxy and kill -9 is elsewhere.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    static ServerFixture a;
    static ServerFixture b;
    /** A third node's settings, for the test that starts and stops it. */
    static Map<String, String> third;
    static GridUnit cell;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        List<Map<String, String>> nodes = ClusterEnvironment.of(3);
        a = ServerFixture.start(nodes.get(0));
        b = ServerFixture.alongside(a, nodes.get(1));
        third = nodes.get(2);
        cell = AlertDriver.Cells.pick(a.server.locator().grid()).mine();
    }

    @AfterAll
    static void stopNodes() {
        try {
            if (b != null) {
                b.close();
            }
        } finally {
            if (a != null) {
                a.close();
            }
        }
    }

    @Test
    void eachNodeSaysInHealthThatTheClusterHasTwoMembersAndWhichNodeItIs() throws Exception {
        JsonObject healthA = a.get("/health", null).bodyAsJsonObject();
        JsonObject healthB = b.get("/health", null).bodyAsJsonObject();

        assertThat(healthA.getJsonObject("cluster").getInteger("members")).isEqualTo(2);
        assertThat(healthB.getJsonObject("cluster").getInteger("members")).isEqualTo(2);
        assertThat(healthA.getJsonObject("cluster").getString("node")).isEqualTo(a.server.clusterNode().orElseThrow())
                .isNotEqualTo(healthB.getJsonObject("cluster").getString("node"));
        assertThat(a.get("/metrics", null).bodyAsString()).contains("gridwatch_cluster_members 2");
    }

    @Test
    void aDeviceRegisteredOnOneNodeReportsThroughTheOtherAndTheAlertReachesASocketOnTheFirst() throws Exception {
        String token = register(a, "cluster-smoke-1");
        String worker = a.person("cluster.worker", "cell_worker", cell.id());
        try (WsClient socket = WsClient.authenticated(a, worker)) {
            // when: the device's alarm arrives through node b
            Mqtt5BlockingClient device = b.mqtt5("cluster-smoke-1", token);
            device.publishWith().topic("devices/cluster-smoke-1/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(new JsonObject().put("ts", System.currentTimeMillis()).put("seq", 1)
                            .put("obscuration", 6.5).put("alarm", true).put("battery", 90).encode()
                            .getBytes(StandardCharsets.UTF_8)).send();
            device.disconnect();

            // then: the worker's socket on node a hears of it, once
            JsonObject opened = socket.nextMatching(m -> "opened".equals(m.getString("event")), WAIT);
            assertThat(opened.getJsonObject("alert").getString("kind")).isEqualTo("smoke");
            assertThatThrownBy(() -> socket.nextMatching(m -> "opened".equals(m.getString("event")),
                    Duration.ofSeconds(2))).as("a second copy of the event").isInstanceOf(AssertionError.class);
            assertThat(a.count("SELECT count(*) FROM alerts WHERE source_device = 'cluster-smoke-1'")).isEqualTo(1);
        }
    }

    @Test
    void aNodeThatStopsSendsItsSocketsAwayToReconnectAndLeavesTheCluster() throws Exception {
        ServerFixture c = ServerFixture.alongside(a, third);
        boolean stopped = false;
        try {
            Eventually.until(WAIT, "three members", () -> members(a) == 3);
            String watcher = c.person("cluster.watcher", "district", c.server.locator().grid().district().id());
            try (WsClient socket = WsClient.authenticated(a, c, watcher)) {
                // when: the node is stopped as SIGTERM stops it
                c.stopServer();
                stopped = true;

                // then: its socket was told to go away (and reconnect elsewhere); the others see it gone
                assertThat(socket.closeCode(WAIT)).isEqualTo((short) 1001);
                Eventually.until(WAIT, "two members again", () -> members(a) == 2 && members(b) == 2);
            }
        } finally {
            if (stopped) {
                c.server = null;
            }
            c.close();
        }
    }

    private static int members(ServerFixture node) {
        try {
            return node.get("/health", null).bodyAsJsonObject().getJsonObject("cluster").getInteger("members");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHeatDetectorThatMovesToTheOtherNodeMidRiseIsJudgedWithWhatTheFirstNodeSaw() throws Exception {
        String token = register(a, "cluster-heat-1", "heat");
        long now = System.currentTimeMillis();
        // given: 6 °C in 30 s on node a, not yet a fast rise
        Mqtt5BlockingClient onA = a.mqtt5("cluster-heat-1", token);
        heat(onA, "cluster-heat-1", now - 45_000, 1, 26.0);
        heat(onA, "cluster-heat-1", now - 30_000, 2, 29.0);
        heat(onA, "cluster-heat-1", now - 15_000, 3, 32.0);
        onA.disconnect();
        assertThat(a.count("SELECT count(*) FROM alerts WHERE source_device = 'cluster-heat-1'")).isZero();

        // when: it reconnects to node b and reports 35 °C: 9 °C in 45 s, counting what node a heard
        Mqtt5BlockingClient onB = b.mqtt5("cluster-heat-1", token);
        heat(onB, "cluster-heat-1", now, 4, 35.0);
        onB.disconnect();

        // then: node b raises the rise, once
        Eventually.until(WAIT, "the rise alert", () -> count(a, "SELECT count(*) FROM alerts WHERE "
                + "source_device = 'cluster-heat-1' AND kind = 'heat' AND reason_code = 'heat.rise'") == 1);
        assertThat(a.count("SELECT count(*) FROM alerts WHERE source_device = 'cluster-heat-1'")).isEqualTo(1);
    }

    private static long count(ServerFixture node, String sql) {
        try {
            return node.count(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void heat(Mqtt5BlockingClient client, String deviceId, long ts, int seq, double tempC) {
        client.publishWith().topic("devices/" + deviceId + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(new JsonObject().put("ts", ts).put("seq", seq).put("temp_c", tempC).put("alarm", false)
                        .put("battery", 90).encode().getBytes(StandardCharsets.UTF_8)).send();
    }

    private static String register(ServerFixture node, String deviceId) throws Exception {
        return register(node, deviceId, "smoke");
    }

    /** Registers a device of {@code kind} in {@link #cell} through {@code node}; its token. */
    private static String register(ServerFixture node, String deviceId, String kind) throws Exception {
        Point inside = cell.geometry().getInteriorPoint();
        HttpResponse<Buffer> response = node.post("/api/devices", node.adminToken(), new JsonObject()
                .put("id", deviceId).put("kind", kind).put("lon", inside.getX()).put("lat", inside.getY()));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject().getString("token");
    }
}
