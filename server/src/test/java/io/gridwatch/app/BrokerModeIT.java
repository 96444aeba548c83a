package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.geo.model.Level;
import io.gridwatch.testing.Eventually;
import io.gridwatch.testing.Mosquitto;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Point;

/**
 * Broker mode against Debian's Mosquitto 2, started by the test: devices publish with HiveMQ clients to the broker,
 * gridwatch nodes share {@code $share/gridwatch/devices/+/readings} and acknowledge after the commit.
 *
 * <p>What Mosquitto 2 does with a member that goes away holding unacknowledged QoS 1 readings (checked by hand with
 * 2.0.11, and eclipse-mosquitto/mosquitto#2662): with a clean session they are lost; with a persistent session
 * (clean start off, session expiry, a stable client id) the broker keeps them in that session, and keeps giving the
 * absent member its share of new readings, and hands all of them over when the same client id connects again. It
 * does not move them to the other members. So the node that "comes back" here is a node with the dead one's client
 * id; on EMQX 5 and HiveMQ the other members would take them when the session ends (see the README).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class BrokerModeIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    static Mosquitto broker;
    static ServerFixture nodeA;
    static GridwatchServer nodeB;
    static final List<AutoCloseable> others = new ArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();
    static String admin;

    @BeforeAll
    static void startBrokerAndTwoNodes() throws Exception {
        Assumptions.assumeTrue(Mosquitto.binary().isPresent(), Mosquitto.MISSING);
        int port = Mosquitto.freePort();
        // node A starts while the broker is not there yet: it must keep trying and get there
        nodeA = ServerFixture.start(brokerEnv(port, "gw-node-a"));
        broker = Mosquitto.start(port);
        nodeB = GridwatchServer.start(nodeConfig(port, "gw-node-b")).get(120, TimeUnit.SECONDS);
        admin = nodeA.adminToken();
        Eventually.until(WITHIN, "both nodes subscribed at the broker", () ->
                subscribed(nodeA.server.httpPort()) && subscribed(nodeB.httpPort()));
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (AutoCloseable other : others) {
            other.close();
        }
        if (nodeB != null) {
            nodeB.stop().get(60, TimeUnit.SECONDS);
        }
        if (nodeA != null) {
            nodeA.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void readingsPublishedToTheBrokerArriveOnceEachThroughTwoNodesSharingTheSubscription() throws Exception {
        // given four devices registered on node A (node B learns them from the database)
        List<String> devices = List.of("bm-smoke-1", "bm-smoke-2", "bm-smoke-3", "bm-smoke-4");
        devices.forEach(BrokerModeIT::register);
        double storedByB = metric(nodeB.httpPort(), "gridwatch_broker_readings_total");

        // when each publishes 25 readings at QoS 1 to the broker
        for (String device : devices) {
            try (Publisher publisher = new Publisher(device)) {
                for (int seq = 1; seq <= 25; seq++) {
                    publisher.reading(seq, "");
                }
            }
        }

        // then every reading is in PostgreSQL, once, and both nodes took a share
        Eventually.until(WITHIN, "100 readings stored", () -> count("device_id LIKE 'bm-smoke-%'") == 100);
        assertThat(nodeA.count("SELECT count(DISTINCT (device_id, seq)) FROM readings WHERE device_id LIKE 'bm-smoke-%'"))
                .isEqualTo(100);
        assertThat(metric(nodeA.server.httpPort(), "gridwatch_broker_readings_total")).isPositive();
        assertThat(metric(nodeB.httpPort(), "gridwatch_broker_readings_total")).isGreaterThan(storedByB);
        Eventually.until(WITHIN, "every reading acknowledged", () ->
                metric(nodeA.server.httpPort(), "gridwatch_broker_unacknowledged") == 0
                        && metric(nodeB.httpPort(), "gridwatch_broker_unacknowledged") == 0);
    }

    @Test
    void unknownDevicesBadPayloadsAndUnknownFieldsAreRefusedCountedAndNeverStored() throws Exception {
        // given
        register("bm-bad-1");
        double unknownField = rejects("unknown_field");
        double unknownDevice = rejects("unknown_device");
        double malformed = rejects("malformed_json");

        // when
        try (Publisher device = new Publisher("bm-bad-1"); Publisher ghost = new Publisher("bm-ghost")) {
            device.reading(1, ",\"colour\":\"red\"");
            device.raw("{not json");
            ghost.reading(1, "");
            device.reading(2, ""); // a good one behind them
        }

        // then: refused, counted, acknowledged (the broker does not hand them out again), nothing stored but the good one
        Eventually.until(WITHIN, "the good reading stored", () -> count("device_id = 'bm-bad-1'") == 1);
        Eventually.until(WITHIN, "the refusals counted", () -> rejects("unknown_field") == unknownField + 1
                && rejects("unknown_device") == unknownDevice + 1 && rejects("malformed_json") == malformed + 1);
        assertThat(count("device_id = 'bm-ghost'")).isZero();
        assertThat(nodeA.count("SELECT seq FROM readings WHERE device_id = 'bm-bad-1'")).isEqualTo(2);
        Eventually.until(WITHIN, "nothing left unacknowledged", () ->
                metric(nodeA.server.httpPort(), "gridwatch_broker_unacknowledged") == 0
                        && metric(nodeB.httpPort(), "gridwatch_broker_unacknowledged") == 0);
    }

    @Test
    void aNodeKilledBeforeAcknowledgingLosesNoReadingTheBrokerHandsThemToItsSuccessor() throws Exception {
        // given a third node, a process of its own, sharing the subscription
        register("bm-kill-1");
        register("bm-kill-2");
        ServerProcess doomed = ServerProcess.start(nodeA.db, brokerEnv(broker.port(), "gw-node-c"));
        others.add(doomed);
        int doomedPort = doomed.httpPort();
        Eventually.until(WITHIN, "node C subscribed", () -> subscribed(doomedPort));

        int held;
        try (Connection lock = DriverManager.getConnection(nodeA.db.jdbcUrl(), nodeA.db.user(), nodeA.db.password());
                Statement sql = lock.createStatement()) {
            // and no write can commit: every node holds what it receives, unacknowledged
            lock.setAutoCommit(false);
            sql.execute("LOCK TABLE readings IN ACCESS EXCLUSIVE MODE");
            try (Publisher one = new Publisher("bm-kill-1"); Publisher two = new Publisher("bm-kill-2")) {
                for (int seq = 1; seq <= 15; seq++) {
                    one.reading(seq, "");
                    two.reading(seq, "");
                }
            }
            Eventually.until(WITHIN, "node C holds its share unacknowledged", () -> held(doomedPort) > 0
                    && held(doomedPort) + held(nodeA.server.httpPort()) + held(nodeB.httpPort()) == 30);
            held = (int) held(doomedPort);

            // when node C is killed with -9 before it could acknowledge anything
            doomed.kill();
            lock.rollback();
        }

        // then the other nodes store their share; and node C's share waits at the broker in C's session until a
        // node with C's client id connects (here: C restarted), which is handed them again and stores them once each
        Eventually.until(WITHIN, "the surviving nodes' share stored", () -> count("device_id LIKE 'bm-kill-%'") >= 30 - held);
        GridwatchServer successor = GridwatchServer.start(nodeConfig(broker.port(), "gw-node-c")).get(120, TimeUnit.SECONDS);
        others.add(() -> successor.stop().get(60, TimeUnit.SECONDS));
        Eventually.until(WITHIN, "all 30 readings stored", () -> count("device_id LIKE 'bm-kill-%'") == 30);
        assertThat(nodeA.count("SELECT count(DISTINCT (device_id, seq)) FROM readings WHERE device_id LIKE 'bm-kill-%'"))
                .isEqualTo(30);
        Eventually.until(WITHIN, "the successor took node C's " + held + " readings from the broker", () ->
                metric(successor.httpPort(), "gridwatch_broker_readings_total") == held);
    }

    @Test
    void whenTheBrokerGoesAwayTheNodesSayItAndComeBackWhenItReturns() throws Exception {
        // given
        register("bm-return-1");

        // when the broker stops
        int port = broker.port();
        broker.close();

        // then both nodes report the link down, and go on serving HTTP
        Eventually.until(WITHIN, "both links down", () -> !subscribed(nodeA.server.httpPort())
                && "down".equals(BrokerNodes.link(nodeB.httpPort()).getString("state")));
        assertThat(metric(nodeB.httpPort(), "gridwatch_broker_connected")).isZero();

        // when it is back (a fresh Mosquitto on the same port: no sessions kept)
        broker = Mosquitto.start(port);

        // then both connect again, subscribe again, and readings flow
        Eventually.until(WITHIN, "both nodes subscribed again", () ->
                subscribed(nodeA.server.httpPort()) && subscribed(nodeB.httpPort()));
        try (Publisher publisher = new Publisher("bm-return-1")) {
            publisher.reading(1, "");
            publisher.reading(2, "");
        }
        Eventually.until(WITHIN, "readings stored after the return", () -> count("device_id = 'bm-return-1'") == 2);
    }

    private static Map<String, String> brokerEnv(int port, String clientId) {
        return BrokerNodes.broker("mqtt://127.0.0.1:" + port, clientId);
    }

    private static GridwatchConfig nodeConfig(int port, String clientId) {
        return GridwatchConfig.fromEnv(BrokerNodes.ownPorts(brokerEnv(port, clientId))).withDb(nodeA.db);
    }

    private static void register(String id) {
        try {
            Point at = nodeA.server.locator().grid().units(Level.CELL).get(11).geometry().getInteriorPoint();
            var response = nodeA.post("/api/devices", admin, new JsonObject().put("id", id).put("kind", "smoke")
                    .put("lon", at.getX()).put("lat", at.getY()));
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long count(String where) {
        try {
            return nodeA.count("SELECT count(*) FROM readings WHERE " + where);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static double held(int httpPort) {
        return metric(httpPort, "gridwatch_broker_unacknowledged");
    }

    private static double rejects(String reason) {
        String name = "gridwatch_broker_rejects_total{reason=\"" + reason + "\"}";
        return metric(nodeA.server.httpPort(), name) + metric(nodeB.httpPort(), name);
    }

    private static boolean subscribed(int httpPort) {
        JsonObject link = BrokerNodes.link(httpPort);
        return link != null && link.getBoolean("subscribed");
    }

    /** One sample of {@code /metrics} by its full name (labels included). */
    private static double metric(int httpPort, String name) {
        for (String line : get(httpPort, "/metrics").split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no metric " + name);
    }

    private static String get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A device publishing to the broker (anonymous there: Mosquitto here does not ask gridwatch's hooks). */
    private static final class Publisher implements AutoCloseable {

        private final String device;
        private final Mqtt5BlockingClient client;

        Publisher(String device) {
            this.device = device;
            this.client = MqttClient.builder().useMqttVersion5().identifier(device + "-pub")
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
            client.connect();
        }

        /** A smoke reading with {@code extra} fields appended inside the object. */
        void reading(int seq, String extra) {
            raw("{\"ts\":" + Instant.now().toEpochMilli() + ",\"seq\":" + seq
                    + ",\"obscuration\":0.4,\"alarm\":false,\"battery\":90" + extra + "}");
        }

        void raw(String payload) {
            client.publishWith().topic("devices/" + device + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        }

        @Override
        public void close() {
            client.disconnect();
        }
    }
}
