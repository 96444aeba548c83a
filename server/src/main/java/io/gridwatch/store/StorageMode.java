package io.gridwatch.store;

/**
 * How readings are stored, decided once by {@link Migrations} and fixed for the life of a database:
 * both give the same tables, views and columns, so every query above this package works on either.
 */
public enum StorageMode {

    /** A TimescaleDB hypertable with compression, retention and continuous aggregates. */
    TIMESCALE("timescale"),

    /** Plain PostgreSQL: daily range partitions and rollup tables kept fresh by the server. */
    NATIVE("native");

    private final String id;

    StorageMode(String id) {
        this.id = id;
    }

    /** {@code "timescale"} or {@code "native"}, as {@code /health} shows it. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
