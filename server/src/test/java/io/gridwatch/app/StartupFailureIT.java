package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.store.DbConfig;
import io.gridwatch.testing.TestPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Start-up stops with one line that says what to fix, and leaves nothing running. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StartupFailureIT {

    @TempDir
    static Path dir;
    static TestPostgres.FreshDatabase postgres;

    @BeforeAll
    static void startDatabase() {
        postgres = TestPostgres.freshDatabase();
    }

    @AfterAll
    static void stopDatabase() {
        postgres.close();
    }

    @Test
    void aTakenHttpPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            GridwatchConfig config = config(Map.of("GRIDWATCH_HTTP_PORT", Integer.toString(taken.getLocalPort())))
                    .withDb(postgres.config());

            assertThat(failureOf(config)).isInstanceOf(StartupException.class)
                    .hasMessage("cannot listen for HTTP on port " + taken.getLocalPort() + ": the port is taken (another gridwatch?)");
        }
    }

    @Test
    void anUnreachableDatabaseIsNamed() throws Exception {
        GridwatchConfig config = config(Map.of()).withDb(DbConfig.parse("postgresql://gw:secret@127.0.0.1:1/gridwatch"));

        Throwable failure = failureOf(config);

        assertThat(failure).isInstanceOf(StartupException.class)
                .hasMessageStartingWith("cannot reach the database postgresql://gw:***@127.0.0.1:1/gridwatch: ");
        assertThat(failure.getMessage()).doesNotContain("secret");
    }

    @Test
    void anUnusableGridFileIsNamed() throws Exception {
        Path grid = dir.resolve("broken.geojson");
        Files.writeString(grid, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"id\":\"x\",\"level\":\"district\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[113.9,22.7],[113.91,22.71],[113.91,22.7],[113.9,22.71],[113.9,22.7]]]}}]}");
        GridwatchConfig config = config(Map.of("GRIDWATCH_GRID", grid.toString())).withDb(postgres.config());

        assertThat(failureOf(config)).isInstanceOf(StartupException.class)
                .hasMessageContaining(grid + " is unusable").hasMessageContaining("gridwatch grid validate");
    }

    private static GridwatchConfig config(Map<String, String> overrides) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("GRIDWATCH_HTTP_PORT", "0", "GRIDWATCH_MQTT_PORT", "0",
                "GRIDWATCH_HOST", "127.0.0.1"));
        env.putAll(overrides);
        return GridwatchConfig.fromEnv(env);
    }

    private static Throwable failureOf(GridwatchConfig config) throws Exception {
        try {
            GridwatchServer server = GridwatchServer.start(config).get(120, TimeUnit.SECONDS);
            server.stop().get(30, TimeUnit.SECONDS);
            throw new AssertionError("start-up should have failed");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
