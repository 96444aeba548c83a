package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * People management over HTTP, and tokens that do not outlive the person: every change (by the admin,
 * by the person, or straight in the database as another node would make it) revokes the tokens issued
 * before it, and closes the person's websockets.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PeopleManagementIT {

    private static final String SECRET = "a-test-signing-key-of-at-least-32-bytes!";
    private static final Duration WITHIN = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    static ServerFixture fixture;
    static String admin;
    static GridUnit cell;
    static GridUnit otherCell;
    static String district;
    /** Log-ins are throttled per address: each comes from an address of its own. */
    static final AtomicInteger address = new AtomicInteger(60);

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start(Map.of("GRIDWATCH_JWT_SECRET", SECRET));
        admin = login("admin", ServerFixture.ADMIN_PASSWORD).getString("token");
        Grid grid = fixture.server.locator().grid();
        cell = grid.units(Level.CELL).get(20);
        otherCell = grid.units(Level.CELL).get(21);
        district = grid.district().id();
    }

    @AfterAll
    static void stopServer() throws Exception {
        fixture.close();
    }

    @Test
    void theAdminMovesAWorkerAndTheOldTokenStopsWorkingAtOnce() throws Exception {
        String old = add("move.me", "cell_worker", cell.id());

        HttpResponse<Buffer> patched = send("PATCH", "/api/people/move.me", admin,
                new JsonObject().put("unit", otherCell.id()).put("name", "Wang Wu").put("phone", "13800000000"));

        assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
        assertThat(patched.bodyAsJsonObject().getString("unit")).isEqualTo(otherCell.id());
        assertThat(patched.bodyAsJsonObject().getString("name")).isEqualTo("Wang Wu");
        assertThat(fixture.get("/api/alerts", old).statusCode()).isEqualTo(401);
        JsonObject again = login("move.me", ServerFixture.PASSWORD);
        assertThat(again.getString("unit")).isEqualTo(otherCell.id());
        assertThat(fixture.get("/api/alerts", again.getString("token")).statusCode()).isEqualTo(200);
    }

    @Test
    void aRoleAndUnitThatDoNotFitAreRefusedAndNothingChanges() throws Exception {
        String token = add("keep.me", "cell_worker", cell.id());

        HttpResponse<Buffer> refused = send("PATCH", "/api/people/keep.me", admin, new JsonObject().put("role", "sector_leader"));
        HttpResponse<Buffer> unknown = send("PATCH", "/api/people/nobody.here", admin, new JsonObject().put("name", "x"));
        HttpResponse<Buffer> notAdmin = send("PATCH", "/api/people/keep.me", token, new JsonObject().put("name", "me"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(notAdmin.statusCode()).isEqualTo(403);
        assertThat(fixture.get("/api/alerts", token).statusCode()).isEqualTo(200);
    }

    @Test
    void aDisabledPersonCannotLogInTheirTokenFailsAndTheirWebsocketIsClosed() throws Exception {
        String token = add("leave.me", "cell_worker", cell.id());
        try (WsClient socket = WsClient.authenticated(fixture, token)) {

            HttpResponse<Buffer> disabled = send("POST", "/api/people/leave.me/disable", admin, new JsonObject());

            assertThat(disabled.statusCode()).isEqualTo(200);
            assertThat(socket.closeCode(WITHIN)).isEqualTo((short) 4401);
        }
        assertThat(fixture.get("/api/alerts", token).statusCode()).isEqualTo(401);
        assertThat(loginStatus("leave.me", ServerFixture.PASSWORD)).isEqualTo(401);
    }

    @Test
    void aPersonChangesTheirOwnPasswordAndGetsAFreshTokenWhileTheOldOneIsRevoked() throws Exception {
        String old = add("own.pass", "cell_worker", cell.id());

        HttpResponse<Buffer> wrong = send("POST", "/api/me/password", old,
                new JsonObject().put("current", "not-it-at-all").put("password", "a-new-password"));
        HttpResponse<Buffer> changed = send("POST", "/api/me/password", old,
                new JsonObject().put("current", ServerFixture.PASSWORD).put("password", "a-new-password"));

        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
        assertThat(fixture.get("/api/alerts", old).statusCode()).isEqualTo(401);
        assertThat(fixture.get("/api/alerts", changed.bodyAsJsonObject().getString("token")).statusCode()).isEqualTo(200);
        assertThat(loginStatus("own.pass", ServerFixture.PASSWORD)).isEqualTo(401);
        assertThat(loginStatus("own.pass", "a-new-password")).isEqualTo(200);
    }

    @Test
    void aChangeMadeInTheDatabaseAsAnotherNodeWouldRevokesWithinSeconds() throws Exception {
        String moved = add("db.moved", "cell_worker", cell.id());
        String deleted = add("db.deleted", "cell_worker", cell.id());
        assertThat(fixture.get("/api/alerts", moved).statusCode()).isEqualTo(200);

        sql("UPDATE people SET role = 'rescue', unit = '" + district + "' WHERE username = 'db.moved'");
        sql("DELETE FROM people WHERE username = 'db.deleted'");

        Eventually.until(WITHIN, "the moved person's token is refused", () -> status(moved) == 401);
        Eventually.until(WITHIN, "the deleted person's token is refused", () -> status(deleted) == 401);
    }

    @Test
    void aTokenSignedWithTheRightKeyButWithoutExpiryIsRefused() throws Exception {
        JWTAuth jwt = JWTAuth.create(fixture.server.vertx(), new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
        JsonObject claims = new JsonObject().put("sub", "admin").put("role", "admin").put("unit", district).put("tv", 0);
        String noExpiry = jwt.generateToken(claims, new JWTOptions());
        String centuryLong = jwt.generateToken(claims, new JWTOptions().setExpiresInMinutes(60 * 24 * 365 * 100));

        assertThat(fixture.get("/api/alerts", noExpiry).statusCode()).isEqualTo(401);
        assertThat(fixture.get("/api/alerts", centuryLong).statusCode()).isEqualTo(401);
        assertThat(fixture.get("/api/alerts", admin).statusCode()).isEqualTo(200);
    }

    /** Adds a person as the admin and returns their token. */
    private static String add(String username, String role, String unit) throws Exception {
        HttpResponse<Buffer> added = fixture.post("/api/people", admin, ServerFixture.personJson(username, role, unit));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
        return login(username, ServerFixture.PASSWORD).getString("token");
    }

    private static JsonObject login(String username, String password) throws Exception {
        HttpResponse<Buffer> response = loginResponse(username, password);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    private static int loginStatus(String username, String password) throws Exception {
        return loginResponse(username, password).statusCode();
    }

    private static HttpResponse<Buffer> loginResponse(String username, String password) throws Exception {
        WebClient client = WebClient.create(fixture.server.vertx(),
                new WebClientOptions().setLocalAddress("127.0.0." + address.incrementAndGet()));
        try {
            return ServerFixture.await(client.post(fixture.server.httpPort(), "127.0.0.1", "/api/login")
                    .sendJsonObject(new JsonObject().put("username", username).put("password", password)));
        } finally {
            client.close();
        }
    }

    private static HttpResponse<Buffer> send(String method, String path, String token, JsonObject body) throws Exception {
        WebClient client = WebClient.create(fixture.server.vertx());
        try {
            return ServerFixture.await(client.request(io.vertx.core.http.HttpMethod.valueOf(method),
                    fixture.server.httpPort(), "127.0.0.1", path).bearerTokenAuthentication(token).sendJsonObject(body));
        } finally {
            client.close();
        }
    }

    private static int status(String token) {
        try {
            return fixture.get("/api/alerts", token).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(fixture.db.jdbcUrl(), fixture.db.user(),
                fixture.db.password());
                Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
