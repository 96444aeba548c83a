package io.gridwatch.grafana;

import io.gridwatch.metrics.Metrics;
import io.gridwatch.store.Database;
import io.gridwatch.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh database on the test JVM's shared PostgreSQL ({@link TestPostgres}), started as the server starts it, filled with a
 * few hours of a small district ({@link DistrictData}), for one test class. Blocking helpers: call them from the
 * test thread, never from an event loop.
 */
final class DashboardFixture implements AutoCloseable {

    private final TestPostgres.FreshDatabase postgres;
    private final Database database;

    private DashboardFixture(TestPostgres.FreshDatabase postgres, Database database) {
        this.postgres = postgres;
        this.database = database;
    }

    static DashboardFixture start(Vertx vertx) {
        TestPostgres.FreshDatabase postgres = TestPostgres.freshDatabase();
        Database database = await(Database.start(vertx, postgres.config(), new Metrics()));
        DashboardFixture fixture = new DashboardFixture(postgres, database);
        new DistrictData(database).fill();
        return fixture;
    }

    /** The rows of one SQL text, sent as Grafana sends it (simple query protocol, no parameters). */
    List<Row> rows(String sql) {
        return rows("query", sql);
    }

    /** The rows of one SQL text; a failure names {@code what} ran and shows the SQL. */
    List<Row> rows(Object what, String sql) {
        List<Row> rows = new ArrayList<>();
        try {
            await(database.pool().query(sql).execute()).forEach(rows::add);
        } catch (RuntimeException e) {
            throw new AssertionError(what + " failed: " + e.getMessage() + "\n--- SQL as Grafana sends it:\n" + sql,
                    e);
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            await(database.close());
        } finally {
            postgres.close();
        }
    }

    static <T> T await(Future<T> future) {
        return io.gridwatch.testing.Await.await(future);
    }
}
