package io.gridwatch.store;

import io.gridwatch.metrics.Histogram;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Measures;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Thresholds;
import io.gridwatch.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The storage layer started on a database of its own, for one test class: a fresh database on the test JVM's
 * shared PostgreSQL ({@link TestPostgres}) by default, or, for a test that stops PostgreSQL to simulate an outage,
 * a PostgreSQL server of its own ({@link #startOnOwnServer}). Blocking helpers: call them from the test thread,
 * never from an event loop.
 */
final class StoreFixture implements AutoCloseable {

    /** Where the database lives: a fresh database on the shared server, or a server of this fixture's own. */
    private interface Home extends AutoCloseable {
        DbConfig config();

        @Override
        void close();
    }

    private final Home home;
    final Database database;
    final Metrics metrics;

    private StoreFixture(Home home, Database database, Metrics metrics) {
        this.home = home;
        this.database = database;
        this.metrics = metrics;
    }

    static StoreFixture start(Vertx vertx) {
        return start(vertx, StorageOptions.defaults());
    }

    static StoreFixture start(Vertx vertx, StorageOptions options) {
        TestPostgres.FreshDatabase fresh = TestPostgres.freshDatabase();
        return start(vertx, options, new Home() {
            @Override
            public DbConfig config() {
                return fresh.config();
            }

            @Override
            public void close() {
                fresh.close();
            }
        });
    }

    /**
     * On a PostgreSQL server of its own in {@code dataDirectory}, which {@link #stopPostgres()} and
     * {@link #startPostgresAgain()} stop and start: the shared server must never stop under other test classes.
     */
    static StoreFixture startOnOwnServer(Vertx vertx, Path dataDirectory) {
        return start(vertx, StorageOptions.defaults(), new OwnServer(dataDirectory));
    }

    private static StoreFixture start(Vertx vertx, StorageOptions options, Home home) {
        Metrics metrics = new Metrics();
        try {
            Database database = await(Database.start(vertx, home.config(), metrics, options));
            return new StoreFixture(home, database, metrics);
        } catch (RuntimeException e) {
            home.close();
            throw e;
        }
    }

    /** How to connect to this fixture's database. */
    DbConfig config() {
        return home.config();
    }

    /** Stops PostgreSQL (a database outage); the storage layer keeps running. Only on a server of its own. */
    void stopPostgres() {
        ownServer().postgres.close();
    }

    /** Starts PostgreSQL again on the same data directory and port. Only on a server of its own. */
    void startPostgresAgain() {
        OwnServer own = ownServer();
        own.postgres = EmbeddedDatabase.start(own.dataDirectory, own.postgres.port());
    }

    private OwnServer ownServer() {
        if (home instanceof OwnServer own) {
            return own;
        }
        throw new IllegalStateException("the shared test PostgreSQL is never stopped: use startOnOwnServer");
    }

    @Override
    public void close() {
        try {
            await(database.close());
        } finally {
            home.close();
        }
    }

    private static final class OwnServer implements Home {
        final Path dataDirectory;
        EmbeddedDatabase postgres;

        OwnServer(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            this.postgres = EmbeddedDatabase.start(dataDirectory);
        }

        @Override
        public DbConfig config() {
            return postgres.config();
        }

        @Override
        public void close() {
            postgres.close();
        }
    }

    static <T> T await(Future<T> future) {
        return io.gridwatch.testing.Await.await(future);
    }

    /** Rows of a query through the general pool. */
    List<Row> rows(String sql, Object... params) {
        List<Row> rows = new ArrayList<>();
        await(database.pool().preparedQuery(sql).execute(Tuple.from(params))).forEach(rows::add);
        return rows;
    }

    long count(String sql, Object... params) {
        return rows(sql, params).get(0).getLong(0);
    }

    Histogram histogram(String name) {
        return metrics.histogram(name, "", 1);
    }

    long counter(String name) {
        return metrics.counter(name, "").sum();
    }

    void register(String... ids) {
        List<DeviceStore.NewDevice> devices = new ArrayList<>();
        for (String id : ids) {
            devices.add(new DeviceStore.NewDevice(waterGauge(id, "cell-1"), "hash-" + id));
        }
        await(database.devices().insertAll(devices));
    }

    static Device waterGauge(String id, String cell) {
        return new Device(id, KindRegistry.WATER_LEVEL, "gauge " + id, 113.93, 22.78, cell, new Thresholds(1.0, 2.0),
                Instant.parse("2026-11-01T00:00:00Z"));
    }

    static Reading level(String device, String cell, Instant ts, long seq, double level) {
        return new Reading(device, cell, KindRegistry.WATER_LEVEL, ts, seq,
                Measures.of(KindRegistry.WATER_LEVEL, "level", level), 90, Instant.now());
    }

    static Reading smoke(String device, String cell, Instant ts, long seq, double obscuration, boolean alarm) {
        return new Reading(device, cell, KindRegistry.SMOKE, ts, seq,
                Measures.of(KindRegistry.SMOKE, "obscuration", obscuration, "alarm", alarm), null, Instant.now());
    }
}
