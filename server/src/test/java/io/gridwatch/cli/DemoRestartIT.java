package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertEvent;
import io.gridwatch.alert.AlertSource;
import io.gridwatch.alert.AlertStatus;
import io.gridwatch.alert.RaiseResult;
import io.gridwatch.app.GridwatchServer;
import io.gridwatch.app.StartupException;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.dispatch.Caller;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.gridwatch.people.Role;
import io.gridwatch.testing.TestPostgres;
import io.vertx.core.Future;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second {@code gridwatch demo} tells the same story as the first: what the first run's scenario left open is
 * closed before the server starts, so the new fire opens its own alert; and a demo started while another holds the
 * data folder stops with one line and exit 1.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DemoRestartIT {

    @TempDir
    Path dir;

    @Test
    void aSecondRunClosesWhatTheFirstRunsScenarioLeftAndItsFireOpensANewAlert() throws Exception {
        try (TestPostgres.FreshDatabase database = TestPostgres.freshDatabase()) {
            // given a first run whose fire and a flood gauge left alerts open, beside an alert of a real device
            GridwatchServer first = start(database);
            List<GridUnit> cells = first.locator().grid().units(Level.CELL);
            Alert fire = raise(first, "sim-smoke-0042", cells.get(3));
            Alert flood = raise(first, "sim-gauge-0007", cells.get(9));
            Alert real = raise(first, "smoke-real-1", cells.get(3));
            assertThat(first.alerts().acknowledge(flood.id(), new Caller("admin", Role.ADMIN,
                    first.locator().grid().district().id()))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)).isNotNull();
            first.stop().get(60, TimeUnit.SECONDS);

            // when the second run starts
            int closed = DemoLeftovers.close(database.config(), DemoFleet.DEVICE_PREFIX, Instant.now());
            GridwatchServer second = start(database);
            try {
                // then the scenario's two alerts are resolved by the demo, with a note the pages translate
                assertThat(closed).isEqualTo(2);
                assertThat(find(second, fire.id()).status()).isEqualTo(AlertStatus.RESOLVED);
                assertThat(find(second, flood.id()).status()).isEqualTo(AlertStatus.RESOLVED);
                List<AlertEvent> trail = await(second.alerts().store().events(fire.id()));
                AlertEvent last = trail.get(trail.size() - 1);
                assertThat(last.actor()).isEqualTo(DemoLeftovers.ACTOR);
                assertThat(last.detail().getString("note_code")).isEqualTo(DemoLeftovers.NOTE_CODE);
                // and the real device's alert is left as it was
                assertThat(find(second, real.id()).status()).isEqualTo(AlertStatus.OPEN);

                // and the same detector's new fire opens a new alert instead of joining the old one
                RaiseResult again = raiseResult(second, "sim-smoke-0042", cells.get(3));
                assertThat(again.opened()).isTrue();
                assertThat(again.alert().id()).isNotEqualTo(fire.id());
                assertThat(DemoLeftovers.close(database.config(), DemoFleet.DEVICE_PREFIX, Instant.now()))
                        .as("a run closes only what is left unresolved").isEqualTo(1);
            } finally {
                second.stop().get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aDatabaseTheServerNeverMigratedHasNothingToClose() {
        try (TestPostgres.FreshDatabase database = TestPostgres.unmigratedDatabase()) {
            assertThat(DemoLeftovers.close(database.config(), DemoFleet.DEVICE_PREFIX, Instant.now())).isZero();
        }
    }

    @Test
    void aSecondDemoOnTheSameDataFolderSaysSoInOneLineAndExitsWithOne() {
        // given a demo holding the data folder the command line would use
        Path dataDir = DemoCommand.dataDirectory(System.getenv());
        DataFolderLock held = DataFolderLock.take(dataDir);
        try {
            assertThatThrownBy(() -> DataFolderLock.take(dataDir)).isInstanceOf(StartupException.class)
                    .hasMessageContaining("another gridwatch uses the data folder");

            // when a second demo starts there
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = GridwatchCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute("demo", "--no-simulator");

            // then one line says so, nothing else is printed, and the exit code is 1
            assertThat(exit).isEqualTo(ExitCodes.FAILED);
            assertThat(err.toString().strip().lines().toList()).singleElement().asString()
                    .startsWith("error: another gridwatch uses the data folder " + dataDir.toAbsolutePath());
            assertThat(out.toString()).isEmpty();
        } finally {
            held.release();
        }
    }

    @Test
    void theLockIsHeldEvenWhenNobodyKeepsItsObject() {
        // given a lock taken the way the demo takes it: the returned object is dropped at once
        DataFolderLock.take(dir);

        // when the garbage collector runs (a collected channel would let the lock go)
        System.gc();
        System.gc();

        // then the folder is still taken
        assertThatThrownBy(() -> DataFolderLock.take(dir)).isInstanceOf(StartupException.class)
                .hasMessageContaining("another gridwatch uses the data folder");
    }

    private static GridwatchServer start(TestPostgres.FreshDatabase database) throws Exception {
        GridwatchConfig config = GridwatchConfig.fromEnv(Map.of("GRIDWATCH_HTTP_PORT", "0",
                "GRIDWATCH_MQTT_PORT", "0", "GRIDWATCH_HOST", "127.0.0.1")).withDb(database.config());
        return GridwatchServer.start(config).get(120, TimeUnit.SECONDS);
    }

    private static Alert raise(GridwatchServer server, String device, GridUnit cell) throws Exception {
        return raiseResult(server, device, cell).alert();
    }

    private static RaiseResult raiseResult(GridwatchServer server, String device, GridUnit cell) throws Exception {
        GridPath path = server.locator().grid().path(cell.id()).orElseThrow();
        return await(server.alerts().raise(AlertKind.SMOKE, Severity.CRITICAL, AlertSource.device(device), path, 12.5,
                Reason.of("test", "smoke alarm"), false));
    }

    private static Alert find(GridwatchServer server, long id) throws Exception {
        return await(server.alerts().store().find(id)).orElseThrow();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
