package io.gridwatch.app;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.localcluster.FreePorts;
import io.gridwatch.localcluster.HaproxyConfig;
import io.gridwatch.localcluster.HaproxyProcess;
import io.gridwatch.localcluster.LocalCluster;
import io.gridwatch.localcluster.NodeProcess;
import io.gridwatch.testing.Eventually;
import io.gridwatch.testing.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A real cluster for tests: N gridwatch processes started from the packaged jar ({@link LocalCluster}, the same
 * code {@code gridwatch demo --nodes} runs), joined by Hazelcast over the loopback under a random cluster name,
 * on one fresh database of the test JVM's embedded PostgreSQL, behind HAProxy on a config generated from
 * {@code deploy/haproxy.cfg}. Skips the test class (an assumption, with the reason) where HAProxy is not
 * installed. Blocking helpers for the test thread; close kills every process it started.
 */
final class MultiNodeFixture implements AutoCloseable {

    static final String ADMIN_PASSWORD = ServerFixture.ADMIN_PASSWORD;
    private static final Path JAR = Path.of("target", "gridwatch-server.jar");
    /** Small heaps and the quick compiler: three servers share a busy two-core machine with the tests. */
    private static final List<String> JAVA_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k");

    private final TestPostgres.FreshDatabase database;
    final LocalCluster cluster;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MultiNodeFixture(TestPostgres.FreshDatabase database, LocalCluster cluster) {
        this.database = database;
        this.cluster = cluster;
    }

    /** Starts {@code nodes} nodes with {@code environment} added, HAProxy in front, and waits until all are up. */
    static MultiNodeFixture start(int nodes, Map<String, String> environment) throws Exception {
        return start(nodes, environment, true);
    }

    /** As above; {@code clustered} false: nodes that join no cluster (a benchmark's single-node baseline). */
    static MultiNodeFixture start(int nodes, Map<String, String> environment, boolean clustered) throws Exception {
        Optional<Path> haproxy = HaproxyProcess.executable();
        assumeTrue(haproxy.isPresent(), "HAProxy is not installed (apt-get install haproxy; .ci/run installs it):"
                + " the multi-node tests need it in front of the nodes");
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("the jar is packaged before the integration tests run: " + JAR);
        }
        List<Integer> ports = FreePorts.take(3);
        Map<String, String> env = new HashMap<>(environment);
        env.put("GRIDWATCH_ADMIN_PASSWORD", ADMIN_PASSWORD);
        TestPostgres.FreshDatabase database = TestPostgres.freshDatabase();
        Path directory = Path.of("target", "cluster-it", UUID.randomUUID().toString());
        try {
            LocalCluster cluster = LocalCluster.start(new LocalCluster.Plan(JAR, nodes, database.config(), env,
                    JAVA_OPTIONS, haproxy, new HaproxyConfig.Binds("127.0.0.1", ports.get(0), ports.get(1),
                    ports.get(2)), directory, clustered));
            MultiNodeFixture fixture = new MultiNodeFixture(database, cluster);
            fixture.awaitAllUp(clustered ? nodes : -1);
            return fixture;
        } catch (Exception | Error e) {
            database.close();
            throw e;
        }
    }

    /** Every node sees {@code members} members in its /health (-1: not clustered), and HAProxy marks every node up. */
    void awaitAllUp(int members) {
        for (NodeProcess node : cluster.nodes()) {
            if (node.alive() && members > 0) {
                Eventually.until(Duration.ofSeconds(60), node.name() + " sees " + members + " cluster members",
                        () -> members(node) == members);
            }
        }
        Eventually.until(Duration.ofSeconds(30), "HAProxy marks every live node up", () -> cluster.nodes().stream()
                .allMatch(node -> node.alive() == "UP".equals(haproxyStatus("gridwatch_http", node.name()))));
    }

    NodeProcess node(int index) {
        return cluster.nodes().get(index);
    }

    HaproxyConfig.Binds proxy() {
        return cluster.haproxy().orElseThrow().binds();
    }

    /** The node's {@code /health} "cluster.members", or -1 when it does not answer or is not clustered. */
    int members(NodeProcess node) {
        try {
            JsonObject health = new JsonObject(get(node.httpPort(), "/health", null).body());
            JsonObject cluster = health.getJsonObject("cluster");
            return cluster == null ? -1 : cluster.getInteger("members", -1);
        } catch (Exception e) {
            return -1;
        }
    }

    /** A column of HAProxy's CSV statistics for one server of a backend ("UP", "DOWN", …); null when absent. */
    String haproxyStat(String backend, String server, String column) {
        try {
            List<String> lines = get(proxy().statsPort(), "/;csv", null).body().lines().toList();
            List<String> header = List.of(lines.get(0).replaceFirst("^# ", "").split(","));
            int at = header.indexOf(column);
            return lines.stream().skip(1).map(line -> line.split(",", -1))
                    .filter(row -> row[0].equals(backend) && row[1].equals(server)).findFirst()
                    .map(row -> row[at]).orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    String haproxyStatus(String backend, String server) {
        return haproxyStat(backend, server, "status");
    }

    /** Connections HAProxy holds open to {@code server} in {@code backend} now. */
    int haproxyConnections(String backend, String server) {
        return Integer.parseInt(Optional.ofNullable(haproxyStat(backend, server, "scur")).orElse("0"));
    }

    HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(int port, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("content-type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in through {@code port}; log-ins are throttled per address and node: a handful per test class. */
    String login(int port, String username, String password) throws Exception {
        HttpResponse<String> response = post(port, "/api/login", null,
                new JsonObject().put("username", username).put("password", password));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.body());
        }
        return new JsonObject(response.body()).getString("token");
    }

    /** A device's MQTT 5 connection straight to {@code port} (a node's, or HAProxy's). */
    static Mqtt5BlockingClient mqtt5(int port, String clientId, String deviceId, String token) {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier(clientId)
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        client.connectWith().simpleAuth().username(deviceId).password(token.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        return client;
    }

    long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.config().jdbcUrl(),
                database.config().user(), database.config().password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The rows of a two-column query as "a/b" strings. */
    List<String> pairs(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.config().jdbcUrl(),
                database.config().user(), database.config().password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> pairs = new java.util.ArrayList<>();
            while (rows.next()) {
                pairs.add(rows.getString(1) + "/" + rows.getString(2));
            }
            return pairs;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            cluster.close();
        } finally {
            database.close();
        }
    }
}
