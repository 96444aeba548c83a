package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.localcluster.NodeProcess;
import io.gridwatch.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Point;

/**
 * Three gridwatch processes, one Hazelcast cluster, one PostgreSQL, HAProxy in front (ARCHITECTURE 3.10), with
 * real MQTT and websocket clients: events cross nodes once, the database keeps one alert per source and kind and
 * fires each escalation once, and a node killed with -9 under load loses no acknowledged reading while its devices,
 * its websockets and its escalations carry on elsewhere. Few tests on one cluster, the kill last: CI's budget.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeIT {

    /** Short, so that an escalation is seen within a test; the kill test's alerts fall due after the kill. */
    private static final Duration ESCALATE_AFTER = Duration.ofSeconds(8);
    private static final Grid GRID = BundledGrid.guangming();

    private static MultiNodeFixture fixture;
    private static Vertx vertx;
    private static String admin;
    private static final List<GridUnit> CELLS = GRID.units(Level.CELL);
    /** Cells of the alerts due on the node the kill test kills, each with a worker who does not acknowledge. */
    private static final List<GridUnit> DUE_CELLS = CELLS.subList(200, 203);

    @BeforeAll
    static void startThreeNodesBehindHaproxy() throws Exception {
        fixture = MultiNodeFixture.start(3, Map.of(
                "GRIDWATCH_ESCALATE_AFTER", "critical=" + ESCALATE_AFTER + ",major=PT15M,minor=PT2H"));
        vertx = Vertx.vertx();
        admin = fixture.login(node(0).httpPort(), "admin", MultiNodeFixture.ADMIN_PASSWORD);
        // the kill test's people, early: every node knows them by then, whatever it caches
        JsonArray people = new JsonArray().add(ServerFixture.personJson("rescue-1", "rescue",
                GRID.units(Level.DISTRICT).get(0).id()));
        DUE_CELLS.forEach(cell -> people.add(ServerFixture.personJson("w-" + cell.id(), "cell_worker", cell.id())));
        addPeople(people);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
    }

    @Test
    @Order(1)
    void anAlarmReadOnNodeAReachesAWebsocketOnNodeBExactlyOnce() throws Exception {
        // given a grid worker's websocket on node B and a smoke detector of their cell connected to node A
        GridUnit cell = CELLS.get(10);
        addPeople(new JsonArray().add(ServerFixture.personJson("w-cross", "cell_worker", cell.id())));
        String device = register(List.of(deviceJson("smoke-cross", cell))).get("smoke-cross");
        String token = fixture.login(node(1).httpPort(), "w-cross", ServerFixture.PASSWORD);
        try (AlertSocketClient socket = AlertSocketClient.open(vertx, node(1).httpPort(), token)) {
            Mqtt5BlockingClient onA = MultiNodeFixture.mqtt5(node(0).mqttPort(), "smoke-cross-a", "smoke-cross", device);

            // when node A reads an alarm
            publish(onA, "smoke-cross", 1, true);
            onA.disconnect();

            // then the socket on node B gets the alert opened, once
            JsonObject opened = socket.awaitEvent("opened", null, Duration.ofSeconds(20));
            Thread.sleep(2_000);
            assertThat(socket.events("opened", opened.getString("id"))).hasSize(1);
            assertThat(opened.getString("kind")).isEqualTo("smoke");
        }
    }

    @Test
    @Order(2)
    void oneDevicesAlarmsReadOnTwoNodesOpenOneAlert() throws Exception {
        // given one smoke detector connected to node A and, at the same time, to node C
        GridUnit cell = CELLS.get(20);
        String token = register(List.of(deviceJson("smoke-twice", cell))).get("smoke-twice");
        Mqtt5BlockingClient onA = MultiNodeFixture.mqtt5(node(0).mqttPort(), "smoke-twice-a", "smoke-twice", token);
        Mqtt5BlockingClient onC = MultiNodeFixture.mqtt5(node(2).mqttPort(), "smoke-twice-c", "smoke-twice", token);

        // when both nodes read its alarms
        publish(onA, "smoke-twice", 1, true);
        publish(onC, "smoke-twice", 2, true);
        publish(onA, "smoke-twice", 3, true);
        disconnectQuietly(onA);
        disconnectQuietly(onC);

        // then the database holds one alert for it, which counted the readings
        String alerts = "SELECT count(*) FROM alerts WHERE source_device = 'smoke-twice' AND kind = 'smoke'";
        Eventually.until(Duration.ofSeconds(20), "the alert is stored", () -> count(alerts) >= 1);
        Thread.sleep(2_000);
        assertThat(fixture.count(alerts)).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM alert_events e JOIN alerts a ON a.id = e.alert_id"
                + " WHERE a.source_device = 'smoke-twice' AND e.type = 'opened'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void anEscalationFiresOnceWhileThreeNodesRunTheDuty() throws Exception {
        // given an alert for a cell whose worker does not acknowledge
        GridUnit cell = CELLS.get(30);
        addPeople(new JsonArray().add(ServerFixture.personJson("w-esc", "cell_worker", cell.id()))
                .add(ServerFixture.personJson("s-esc", "sector_leader", cell.parentId())));
        String token = register(List.of(deviceJson("smoke-esc", cell))).get("smoke-esc");
        Mqtt5BlockingClient client = MultiNodeFixture.mqtt5(node(2).mqttPort(), "smoke-esc", "smoke-esc", token);
        publish(client, "smoke-esc", 1, true);
        client.disconnect();

        // when its deadline passes with three nodes running the escalation duty
        String toSector = "SELECT count(*) FROM alert_events e JOIN alerts a ON a.id = e.alert_id"
                + " WHERE a.source_device = 'smoke-esc' AND e.type = 'escalated' AND e.level = 'sector'";
        Eventually.until(ESCALATE_AFTER.plusSeconds(20), "the alert climbs to the sector", () -> count(toSector) >= 1);
        Thread.sleep(3_000);

        // then it climbed once to each level, never twice
        assertThat(fixture.count(toSector)).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) - count(DISTINCT e.level) FROM alert_events e JOIN alerts a"
                + " ON a.id = e.alert_id WHERE a.source_device = 'smoke-esc' AND e.type = 'escalated'")).isZero();
    }

    @Test
    @Order(4)
    void aNodeKilledUnderLoadLosesNoAcknowledgedReadingAndTheOthersTakeOver() throws Exception {
        // given 30 devices publishing QoS 1 through HAProxy and six staff websockets through HAProxy
        List<GridUnit> cells = CELLS.subList(100, 130);
        List<JsonObject> devices = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            devices.add(deviceJson("load-" + i, cells.get(i)));
        }
        Map<String, String> tokens = register(devices);
        String rescue = fixture.login(fixture.proxy().httpPort(), "rescue-1", ServerFixture.PASSWORD);
        List<RoamingSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sockets.add(RoamingSocket.open(vertx, fixture.proxy().httpPort(), rescue));
        }
        Eventually.until(Duration.ofSeconds(20), "every socket has its snapshot",
                () -> sockets.stream().allMatch(s -> s.snapshots.get() == 1));
        DeviceLoad load = DeviceLoad.start(fixture.proxy().mqttPort(), tokens, Duration.ofMillis(200));
        Eventually.until(Duration.ofSeconds(30), "every device is acknowledged", load::allAcknowledged);

        // the victim: a node holding devices and websockets
        NodeProcess victim = fixture.cluster.nodes().stream()
                .filter(n -> fixture.haproxyConnections("gridwatch_mqtt", n.name()) > 0
                        && fixture.haproxyConnections("gridwatch_http", n.name()) > 0)
                .findFirst().orElseThrow(() -> new AssertionError("no node holds both devices and websockets"));
        // and alerts raised on it that fall due after it dies
        List<String> dueOnVictim = raiseAlertsOn(victim, DUE_CELLS);

        // when it is killed with -9 mid-load
        Thread.sleep(1_000);
        long disconnectedBefore = load.disconnects(); // before the kill: its connections may drop before kill() returns
        long killedAt = System.nanoTime();
        victim.kill();

        // then its devices reconnect through HAProxy to the others and go on
        Eventually.until(Duration.ofSeconds(30), "the victim's devices are back",
                () -> !load.disconnectedSince(killedAt).isEmpty() && load.backSince(killedAt));
        assertThat(load.disconnects()).as("devices the dead node held").isGreaterThan(disconnectedBefore);
        // its websocket users reconnect and get a fresh snapshot
        Eventually.until(Duration.ofSeconds(30), () -> "the dropped websockets are back with a snapshot (closes/"
                + "snapshots: " + sockets.stream().map(s -> s.closes + "/" + s.snapshots).toList() + ")",
                () -> sockets.stream().anyMatch(s -> s.closes.get() > 0)
                        && sockets.stream().allMatch(s -> s.snapshots.get() == s.closes.get() + 1));
        assertThat(sockets.stream().filter(s -> s.closes.get() > 0).mapToInt(s -> s.lastSnapshotSize).min()
                .orElse(-1)).as("the fresh snapshot holds the open alerts").isGreaterThanOrEqualTo(dueOnVictim.size());
        // and within 30 s another node has taken its due escalations
        String escalated = "SELECT count(DISTINCT a.id) FROM alert_events e JOIN alerts a ON a.id = e.alert_id"
                + " WHERE e.type = 'escalated' AND a.source_device IN ('" + String.join("','", dueOnVictim) + "')";
        Eventually.until(Duration.ofSeconds(30).minusNanos(System.nanoTime() - killedAt),
                "the dead node's due escalations are taken over", () -> count(escalated) == dueOnVictim.size());

        // and every acknowledged reading is stored
        load.stop();
        sockets.forEach(RoamingSocket::close);
        Set<String> stored = new HashSet<>(fixture.pairs("SELECT device_id, seq FROM readings"
                + " WHERE device_id LIKE 'load-%'"));
        assertThat(load.acknowledged()).as("readings acknowledged").hasSizeGreaterThan(100);
        assertThat(stored).as("stored readings").containsAll(load.acknowledged());
    }

    /** Alerts raised through the victim's own MQTT port, their escalation due after the kill; their devices. */
    private static List<String> raiseAlertsOn(NodeProcess victim, List<GridUnit> cells) throws Exception {
        List<JsonObject> devices = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            devices.add(deviceJson("due-" + i, cells.get(i)));
        }
        Map<String, String> tokens = register(devices);
        for (Map.Entry<String, String> device : tokens.entrySet()) {
            Mqtt5BlockingClient client = MultiNodeFixture.mqtt5(victim.mqttPort(), device.getKey(), device.getKey(),
                    device.getValue());
            publish(client, device.getKey(), 1, true);
            client.disconnect();
        }
        List<String> ids = List.copyOf(tokens.keySet());
        String opened = "SELECT count(*) FROM alerts WHERE source_device IN ('" + String.join("','", ids) + "')";
        Eventually.until(Duration.ofSeconds(10), "the victim opened the alerts", () -> count(opened) == ids.size());
        return ids;
    }

    private static NodeProcess node(int index) {
        return fixture.node(index);
    }

    private static void addPeople(JsonArray people) throws Exception {
        HttpResponse<String> added = fixture.post(node(0).httpPort(), "/api/people", admin, people);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    }

    private static JsonObject deviceJson(String id, GridUnit cell) {
        Point inside = cell.geometry().getInteriorPoint();
        return new JsonObject().put("id", id).put("kind", "smoke").put("lon", inside.getX()).put("lat", inside.getY());
    }

    /** Registers the devices through node A; their tokens by id. */
    private static Map<String, String> register(List<JsonObject> devices) throws Exception {
        HttpResponse<String> response = fixture.post(node(0).httpPort(), "/api/devices", admin, new JsonArray(devices));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Map<String, String> tokens = new HashMap<>();
        new JsonArray(response.body()).forEach(o -> tokens.put(((JsonObject) o).getString("id"),
                ((JsonObject) o).getString("token")));
        return tokens;
    }

    private static void publish(Mqtt5BlockingClient client, String device, long seq, boolean alarm) {
        client.publishWith().topic("devices/" + device + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(DeviceLoad.reading(seq, alarm)).send();
    }


    private static void disconnectQuietly(Mqtt5BlockingClient client) {
        try {
            client.disconnect();
        } catch (RuntimeException e) {
            // a node that took the device over may have closed this connection already
        }
    }

    private static long count(String sql) {
        try {
            return fixture.count(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
