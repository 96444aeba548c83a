package io.gridwatch.store;

import io.gridwatch.metrics.Histogram;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Measures;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Thresholds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL (embedded, in a temporary directory) with the storage layer started on it, for
 * one test class. Blocking helpers: call them from the test thread, never from an event loop.
 */
final class StoreFixture implements AutoCloseable {

    private final Path dataDirectory;
    EmbeddedDatabase postgres;
    final Database database;
    final Metrics metrics;

    private StoreFixture(Path dataDirectory, EmbeddedDatabase postgres, Database database, Metrics metrics) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.database = database;
        this.metrics = metrics;
    }

    static StoreFixture start(Vertx vertx, Path dataDirectory) {
        return start(vertx, dataDirectory, StorageOptions.defaults());
    }

    static StoreFixture start(Vertx vertx, Path dataDirectory, StorageOptions options) {
        EmbeddedDatabase postgres = EmbeddedDatabase.start(dataDirectory);
        Metrics metrics = new Metrics();
        Database database = await(Database.start(vertx, postgres.config(), metrics, options));
        return new StoreFixture(dataDirectory, postgres, database, metrics);
    }

    /** Stops PostgreSQL (a database outage); the storage layer keeps running. */
    void stopPostgres() {
        postgres.close();
    }

    /** Starts PostgreSQL again on the same data directory and port. */
    void startPostgresAgain() {
        postgres = EmbeddedDatabase.start(dataDirectory, postgres.port());
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
