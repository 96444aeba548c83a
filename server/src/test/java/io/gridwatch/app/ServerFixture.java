package io.gridwatch.app;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.store.DbConfig;
import io.gridwatch.store.EmbeddedDatabase;
import io.gridwatch.testing.Await;
import io.gridwatch.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole server, ports chosen freely, on a fresh database of the test JVM's shared PostgreSQL
 * ({@link TestPostgres}), or on a PostgreSQL server of its own for a test that stops it
 * ({@link #startOnOwnPostgres}); with blocking helpers for tests (call them from the test thread, never
 * from an event loop).
 */
final class ServerFixture implements AutoCloseable {

    static final String ADMIN_PASSWORD = "test-admin-password";
    /** The password of every person the tests add. */
    static final String PASSWORD = "s3cret-pass";

    /** How to reach the server's database. */
    final DbConfig db;
    /** The fresh database on the shared PostgreSQL, dropped on close; null on a server of its own. */
    private final TestPostgres.FreshDatabase fresh;
    /** The PostgreSQL server of its own (a test may stop and restart it); null on the shared one. */
    EmbeddedDatabase postgres;
    GridwatchServer server;
    private WebClient http;
    /** The admin's token once {@link #person} needed it: log-ins are throttled per address. */
    private String admin;

    private ServerFixture(DbConfig db, TestPostgres.FreshDatabase fresh, EmbeddedDatabase postgres) {
        this.db = db;
        this.fresh = fresh;
        this.postgres = postgres;
    }

    /** Extra GRIDWATCH_* variables for the server's configuration. */
    final Map<String, String> environment = new HashMap<>();

    static ServerFixture start() throws Exception {
        return start(Map.of());
    }

    static ServerFixture start(Map<String, String> environment) throws Exception {
        TestPostgres.FreshDatabase fresh = TestPostgres.freshDatabase();
        return start(new ServerFixture(fresh.config(), fresh, null), environment);
    }

    /**
     * On a PostgreSQL server of its own in {@code dataDirectory}, for a test that stops and restarts it (an
     * outage): the shared server must never stop under other test classes.
     */
    static ServerFixture startOnOwnPostgres(Path dataDirectory) throws Exception {
        EmbeddedDatabase postgres = EmbeddedDatabase.start(dataDirectory.resolve("postgres"));
        return start(new ServerFixture(postgres.config(), null, postgres), Map.of());
    }

    private static ServerFixture start(ServerFixture fixture, Map<String, String> environment) throws Exception {
        fixture.environment.putAll(environment);
        try {
            fixture.startServer();
        } catch (Exception | Error e) {
            fixture.close();
            throw e;
        }
        return fixture;
    }

    /**
     * A second server on the database of {@code first} (another node of a cluster when the environment says so); it
     * closes only its server, the database stays {@code first}'s.
     */
    static ServerFixture alongside(ServerFixture first, Map<String, String> environment) throws Exception {
        return start(new ServerFixture(first.db, null, null), environment);
    }

    /** The server on a database that is already there (a restored one); the fixture closes both. */
    static ServerFixture onDatabase(EmbeddedDatabase postgres) throws Exception {
        return start(new ServerFixture(postgres.config(), null, postgres), Map.of());
    }

    void startServer() throws Exception {
        server = GridwatchServer.start(config()).get(120, TimeUnit.SECONDS);
        http = WebClient.create(server.vertx());
    }

    GridwatchConfig config() {
        Map<String, String> env = new HashMap<>();
        env.put("GRIDWATCH_HTTP_PORT", "0");
        env.put("GRIDWATCH_MQTT_PORT", "0");
        env.put("GRIDWATCH_HOST", "127.0.0.1");
        env.put("GRIDWATCH_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putAll(environment);
        return GridwatchConfig.fromEnv(env).withDb(db);
    }

    void stopServer() {
        http.close();
        Await.await(Future.fromCompletionStage(server.stop()));
    }

    HttpResponse<Buffer> post(String path, String token, Object body) throws Exception {
        var request = http.post(server.httpPort(), "127.0.0.1", path);
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return await(request.sendBuffer(Buffer.buffer(body.toString())));
    }

    HttpResponse<Buffer> get(String path, String token) throws Exception {
        var request = http.get(server.httpPort(), "127.0.0.1", path);
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return await(request.send());
    }

    String login(String username, String password) throws Exception {
        HttpResponse<Buffer> response = post("/api/login", null,
                new JsonObject().put("username", username).put("password", password));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.bodyAsString());
        }
        return response.bodyAsJsonObject().getString("token");
    }

    String adminToken() throws Exception {
        return login("admin", ADMIN_PASSWORD);
    }

    /**
     * Adds a person through {@code POST /api/people} as the admin and returns their log-in token. Log-ins are
     * throttled to a burst of 10 per address: a test class adds a handful of people, not more.
     */
    String person(String username, String role, String unit) throws Exception {
        if (admin == null) {
            admin = adminToken();
        }
        HttpResponse<Buffer> added = post("/api/people", admin, personJson(username, role, unit));
        if (added.statusCode() != 201) {
            throw new IllegalStateException("cannot add " + username + ": " + added.bodyAsString());
        }
        return login(username, PASSWORD);
    }

    /** A person for {@code POST /api/people}, named after the username, with {@link #PASSWORD}. */
    static JsonObject personJson(String username, String role, String unit) {
        return new JsonObject().put("username", username).put("password", PASSWORD).put("name", username)
                .put("role", role).put("unit", unit);
    }

    Mqtt5BlockingClient mqtt5(String deviceId, String token) {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier(deviceId + "-test")
                .serverHost("127.0.0.1").serverPort(server.mqttPort()).buildBlocking();
        client.connectWith().simpleAuth().username(deviceId).password(token.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        return client;
    }

    long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                stopServer();
            }
        } finally {
            if (fresh != null) {
                fresh.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
