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
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Point;

/**
 * Broker mode over TLS ({@code mqtts://}) against Mosquitto with a certificate of its own: the node trusts the
 * authority named in {@code GRIDWATCH_MQTT_BROKER_CA} and takes readings through it; a node that does not trust it
 * never connects.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BrokerTlsIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    static Mosquitto broker;
    static ServerFixture node;
    static SelfSignedCertificate certificate;
    static int tlsPort;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Mosquitto.binary().isPresent(), Mosquitto.MISSING);
        certificate = SelfSignedCertificate.create("localhost");
        tlsPort = Mosquitto.freePort();
        broker = Mosquitto.startWithTls(Mosquitto.freePort(), tlsPort, Path.of(certificate.certificatePath()),
                Path.of(certificate.privateKeyPath()));
        node = ServerFixture.start(tlsEnv(true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (certificate != null) {
            certificate.delete();
        }
    }

    @Test
    void aNodeTrustingTheBrokersAuthorityTakesReadingsOverTls() throws Exception {
        // given
        Eventually.until(WITHIN, "subscribed over TLS",
                () -> BrokerNodes.link(node.server.httpPort()).getBoolean("subscribed"));
        Point at = node.server.locator().grid().units(Level.CELL).get(5).geometry().getInteriorPoint();
        assertThat(node.post("/api/devices", node.adminToken(), new JsonObject().put("id", "tls-smoke-1")
                .put("kind", "smoke").put("lon", at.getX()).put("lat", at.getY())).statusCode()).isEqualTo(201);

        // when a device publishes to the broker (on its plain listener)
        Mqtt5BlockingClient device = MqttClient.builder().useMqttVersion5().identifier("tls-smoke-1-pub")
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        device.connect();
        device.publishWith().topic("devices/tls-smoke-1/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(("{\"ts\":" + Instant.now().toEpochMilli() + ",\"seq\":1,\"obscuration\":0.4,\"alarm\":false,"
                        + "\"battery\":90}").getBytes(StandardCharsets.UTF_8)).send();
        device.disconnect();

        // then it arrives through the node's TLS link
        Eventually.until(WITHIN, "the reading stored", () -> count() == 1);
        assertThat(node.get("/health", null).bodyAsJsonObject().getJsonObject("broker").getString("url"))
                .isEqualTo("mqtts://localhost:" + tlsPort);
    }

    @Test
    void aNodeThatDoesNotTrustTheBrokersCertificateNeverConnects() throws Exception {
        GridwatchServer untrusting = GridwatchServer.start(GridwatchConfig.fromEnv(tlsEnv(false)).withDb(node.db))
                .get(120, TimeUnit.SECONDS);
        try {
            Eventually.until(WITHIN, "the link reported down", () -> {
                JsonObject link = BrokerNodes.link(untrusting.httpPort());
                return "down".equals(link.getString("state")) && link.getString("problem") != null;
            });
            assertThat(BrokerNodes.link(untrusting.httpPort()).getBoolean("subscribed")).isFalse();
        } finally {
            untrusting.stop().get(60, TimeUnit.SECONDS);
        }
    }

    private static Map<String, String> tlsEnv(boolean trusting) {
        Map<String, String> env = BrokerNodes.ownPorts(BrokerNodes.broker("mqtts://localhost:" + tlsPort,
                trusting ? "gw-tls-node" : "gw-tls-untrusting"));
        if (trusting) {
            env.put("GRIDWATCH_MQTT_BROKER_CA", certificate.certificatePath());
        }
        return env;
    }

    private static long count() {
        try {
            return node.count("SELECT count(*) FROM readings WHERE device_id = 'tls-smoke-1'");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
