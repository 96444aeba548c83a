package io.gridwatch.app;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertSource;
import io.gridwatch.alert.AlertStore;
import io.gridwatch.config.EscalateAfter;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.dispatch.AlertPublisher;
import io.gridwatch.dispatch.Routing;
import io.gridwatch.dispatch.StaffDirectory;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.gridwatch.people.PeopleStore;
import io.gridwatch.testing.Await;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;

/**
 * Raises alerts the way the rules do, without MQTT: an {@link AlertLifecycle} built like the server's, on the
 * fixture's database and on the running server's event bus, so that its events reach the server's websockets.
 * Blocking helpers: call them from the test thread.
 */
final class AlertDriver implements AutoCloseable {

    /** Two cells of one sector, and a cell of another sector. */
    record Cells(GridUnit mine, GridUnit neighbour, GridUnit elsewhere) {

        static Cells pick(Grid grid) {
            GridUnit sector = grid.units(Level.SECTOR).stream().filter(s -> grid.children(s.id()).size() >= 2)
                    .findFirst().orElseThrow();
            GridUnit elsewhere = grid.units(Level.CELL).stream().filter(c -> !c.parentId().equals(sector.id()))
                    .findFirst().orElseThrow();
            return new Cells(grid.children(sector.id()).get(0), grid.children(sector.id()).get(1), elsewhere);
        }
    }

    private final ServerFixture fixture;
    private final Pool pool;
    private final StaffDirectory staff;
    final AlertLifecycle lifecycle;

    AlertDriver(ServerFixture fixture) {
        this.fixture = fixture;
        this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                .connectingTo(fixture.db.connectOptions()).using(fixture.server.vertx()).build();
        this.staff = new StaffDirectory(new PeopleStore(pool));
        this.lifecycle = new AlertLifecycle(new AlertStore(pool), new Routing(staff::staffed), EscalateAfter.DEFAULTS,
                new AlertPublisher(fixture.server.vertx().eventBus(), staff), Clock.systemUTC());
    }

    /** Raises (or repeats) an alert from {@code device} in {@code cellId}, with the roster as it is now. */
    Alert raise(String device, AlertKind kind, Severity severity, String cellId) throws Exception {
        ServerFixture.await(staff.reload());
        GridPath path = fixture.server.locator().grid().path(cellId).orElseThrow();
        return ServerFixture.await(lifecycle.raise(kind, severity, AlertSource.device(device), path, 1.0,
                Reason.of("test", kind.id() + " test"), false)).alert();
    }

    Alert raise(String device, String cellId) throws Exception {
        return raise(device, AlertKind.SMOKE, Severity.CRITICAL, cellId);
    }

    AlertStore store() {
        return lifecycle.store();
    }

    @Override
    public void close() {
        Await.await(pool.close());
    }
}
