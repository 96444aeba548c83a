package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.testing.ClusterEnvironment;
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
    static GridUnit cell;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        List<Map<String, String>> nodes = ClusterEnvironment.of(2);
        a = ServerFixture.start(nodes.get(0));
        b = ServerFixture.alongside(a, nodes.get(1));
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
            assertThat(a.count("SELECT count(*) FROM alerts WHERE source_device = 'cluster-smoke-1'")).isEqualTo(1);
        }
    }

    /** Registers a smoke detector in {@link #cell} through {@code node}; its token. */
    private static String register(ServerFixture node, String deviceId) throws Exception {
        Point inside = cell.geometry().getInteriorPoint();
        HttpResponse<Buffer> response = node.post("/api/devices", node.adminToken(), new JsonObject()
                .put("id", deviceId).put("kind", "smoke").put("lon", inside.getX()).put("lat", inside.getY()));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject().getString("token");
    }
}
