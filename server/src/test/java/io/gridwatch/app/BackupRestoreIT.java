package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.store.DbConfig;
import io.gridwatch.store.EmbeddedDatabase;
import io.gridwatch.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;

/**
 * The backup of docs/operations.md for real sites, end to end: a live database with archiving on, a base backup taken
 * while the server runs, more data written after it, then a restore into a fresh directory (base backup + archived
 * WAL, recovery to the end of the archive), the server started on it, and every person, alert and reading found.
 * Only the embedded PostgreSQL's own binaries are needed ({@code postgres}; the low-level backup API stands in for
 * {@code pg_basebackup}, which the embedded bundle lacks). The logical dump ({@code pg_dump}) is in
 * {@code LogicalDumpIT}.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class BackupRestoreIT {

    @TempDir
    Path dir;

    @Test
    void aBaseBackupWithArchivedWalRestoresEveryPersonAlertAndReading() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("wal-archive"));
        try (ServerFixture live = ServerFixture.startOnOwnPostgres(dir.resolve("live"))) {
            // given a live server whose database archives its WAL (archive_mode needs a restart)
            sql(live.postgres.config(), "ALTER SYSTEM SET archive_mode = 'on'",
                    "ALTER SYSTEM SET archive_command = 'test ! -f " + archive + "/%f && cp %p " + archive + "/%f'");
            restartDatabase(live);
            Deployment before = Deployment.create(live, "bk-1");

            // when a base backup is taken while it runs, and more is written after it
            Path base = dir.resolve("base");
            BaseBackup.take(live.postgres.config(), live.postgres.dataDirectory(), base);
            Deployment after = Deployment.create(live, "bk-2");
            BaseBackup.archiveCurrentWal(live.postgres.config());
            long readings = live.count("SELECT count(*) FROM readings");
            long alerts = live.count("SELECT count(*) FROM alerts");
            long people = live.count("SELECT count(*) FROM people");
            live.stopServer();
            live.server = null;
            live.postgres.close();
            live.postgres = null;

            // and it is restored into a fresh directory from the base backup and the archive
            Path restored = dir.resolve("restored");
            BaseBackup.restore(base, archive, restored);
            EmbeddedDatabase replayed = EmbeddedDatabase.start(restored);
            try (ServerFixture again = ServerFixture.onDatabase(afterRecovery(replayed))) {
                // then the server starts on it and finds everything, also what was written after the base backup
                assertThat(again.count("SELECT count(*) FROM readings")).isEqualTo(readings).isEqualTo(6);
                assertThat(again.count("SELECT count(*) FROM alerts")).isEqualTo(alerts).isGreaterThanOrEqualTo(2);
                assertThat(again.count("SELECT count(*) FROM people")).isEqualTo(people);
                before.isFoundIn(again);
                after.isFoundIn(again);
            }
        }
    }

    /** What one round of use leaves behind: a person, a device with three readings, one an alarm, and its alert. */
    record Deployment(String person, String device, String cell) {

        static Deployment create(ServerFixture fixture, String name) throws Exception {
            List<GridUnit> cells = BundledGrid.guangming().units(Level.CELL);
            GridUnit cell = cells.get(Math.floorMod(name.hashCode(), cells.size()));
            fixture.person(name + "-worker", "cell_worker", cell.id());
            Point at = cell.geometry().getInteriorPoint();
            HttpResponse<Buffer> registered = fixture.post("/api/devices", fixture.adminToken(), new JsonObject()
                    .put("id", name + "-smoke").put("kind", "smoke").put("lon", at.getX()).put("lat", at.getY()));
            assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
            Mqtt5BlockingClient client = fixture.mqtt5(name + "-smoke",
                    registered.bodyAsJsonObject().getString("token"));
            try {
                Instant now = Instant.now();
                for (int seq = 1; seq <= 3; seq++) {
                    String payload = "{\"ts\":" + now.plusMillis(seq).toEpochMilli() + ",\"seq\":" + seq
                            + ",\"obscuration\":" + (seq == 3 ? 9.5 : 0.2) + ",\"alarm\":" + (seq == 3) + ",\"battery\":90}";
                    client.publishWith().topic("devices/" + name + "-smoke/readings").qos(MqttQos.AT_LEAST_ONCE)
                            .payload(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();
                }
            } finally {
                client.disconnect();
            }
            Deployment deployment = new Deployment(name + "-worker", name + "-smoke", cell.id());
            Eventually.until(Duration.ofSeconds(30), "the alarm's alert of " + deployment.device, () -> {
                try {
                    return deployment.alerts(fixture).size() == 1;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return deployment;
        }

        /** The worker logs in with their password and sees the alarm's alert; the device's readings are there. */
        void isFoundIn(ServerFixture fixture) throws Exception {
            String token = fixture.login(person, ServerFixture.PASSWORD);
            JsonArray seen = fixture.get("/api/alerts", token).bodyAsJsonObject().getJsonArray("alerts");
            assertThat(seen.stream().map(a -> ((JsonObject) a).getJsonObject("source").getString("device")))
                    .contains(device);
            assertThat(alerts(fixture)).singleElement().satisfies(a -> assertThat(a.getString("kind")).isEqualTo("smoke"));
            assertThat(fixture.count("SELECT count(*) FROM readings WHERE device_id = '" + device + "'")).isEqualTo(3);
        }

        List<JsonObject> alerts(ServerFixture fixture) throws Exception {
            JsonArray all = fixture.get("/api/alerts?unit=" + cell, fixture.adminToken()).bodyAsJsonObject()
                    .getJsonArray("alerts");
            return all.stream().map(JsonObject.class::cast)
                    .filter(a -> device.equals(a.getJsonObject("source").getString("device"))).toList();
        }
    }

    /** The restored database once it is open for writes; stopped if it never opens. */
    private static EmbeddedDatabase afterRecovery(EmbeddedDatabase restored) throws Exception {
        try {
            BaseBackup.awaitOpenForWrites(restored.config());
            return restored;
        } catch (Exception | Error e) {
            restored.close();
            throw e;
        }
    }

    /** Stops and starts the fixture's own PostgreSQL on the same directory and port (its address stays valid). */
    private static void restartDatabase(ServerFixture fixture) throws Exception {
        fixture.stopServer();
        Path data = fixture.postgres.dataDirectory();
        int port = fixture.postgres.port();
        fixture.postgres.close();
        fixture.postgres = EmbeddedDatabase.start(data, port);
        fixture.startServer();
    }

    static void sql(DbConfig config, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    static String text(DbConfig config, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
