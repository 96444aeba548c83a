package io.gridwatch.alert;

import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.gridwatch.store.Database;
import io.gridwatch.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;

/**
 * A fresh database on the test JVM's shared PostgreSQL ({@link TestPostgres}), started like the server
 * does, for one test class, plus a second pool standing for a second server node. Blocking
 * helpers: call them from the test thread, never from an event loop.
 */
final class AlertFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private final TestPostgres.FreshDatabase postgres;
    private final Database database;
    private final Pool otherNode;

    private AlertFixture(TestPostgres.FreshDatabase postgres, Database database, Pool otherNode) {
        this.postgres = postgres;
        this.database = database;
        this.otherNode = otherNode;
    }

    static AlertFixture start(Vertx vertx) {
        TestPostgres.FreshDatabase postgres = TestPostgres.freshDatabase();
        Database database = await(Database.start(vertx, postgres.config(), new Metrics()));
        Pool otherNode = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                .connectingTo(postgres.config().connectOptions()).using(vertx).build();
        return new AlertFixture(postgres, database, otherNode);
    }

    /** The store as the first server node uses it. */
    AlertStore store() {
        return new AlertStore(database.pool());
    }

    /** The store of a second server node: its own pool and connections to the same database. */
    AlertStore otherNode() {
        return new AlertStore(otherNode);
    }

    void deleteAllAlerts() {
        await(database.pool().query("TRUNCATE alerts, alert_events, reports, report_photos CASCADE").execute());
    }

    long count(String sql, Object... params) {
        return await(database.pool().preparedQuery(sql).execute(Tuple.from(params))).iterator().next().getLong(0);
    }

    @Override
    public void close() {
        try {
            await(otherNode.close().eventually(database::close));
        } finally {
            postgres.close();
        }
    }

    static <T> T await(Future<T> future) {
        return io.gridwatch.testing.Await.await(future);
    }

    /** The path of cell {@code nn} in sector {@code ss} of community 440311001001. */
    static GridPath cell(int sector, int cell) {
        String community = "440311001001";
        String sectorId = community + "-%02d".formatted(sector);
        return new GridPath("440311", "440311001", community, sectorId, sectorId + "-%02d".formatted(cell));
    }

    /** A raise from a device, addressed to the cell, with a deadline 10 minutes on. */
    static NewAlert raise(String device, AlertKind kind, Severity severity, Instant at) {
        return new NewAlert(kind, severity, AlertSource.device(device), cell(1, 1), Level.CELL, 1.5,
                Reason.of("test", kind.id() + " " + severity.id()), at, at.plusSeconds(600));
    }
}
