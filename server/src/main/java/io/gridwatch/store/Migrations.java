package io.gridwatch.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with Flyway over the PostgreSQL JDBC driver and says how readings
 * are stored.
 *
 * <p>Migrations live in {@code db/migration} (shared by both paths: devices, grid, people, …) and
 * version 2, the readings, in one of two places: {@code db/timescale} when the database has a usable
 * TimescaleDB (2.13 or later, installed or preloaded), else {@code db/native}. The choice is made
 * once: on a database that already has {@code readings}, the kind of that table decides, so a
 * database never switches paths (Flyway's checksums would refuse it anyway). Placeholders
 * {@code ${retention_days}} and the late window's ({@link LateWindow}) are available to migrations.
 *
 * <p>Blocking (JDBC): call it on a worker thread, never on an event loop. Stateless.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    /** 2.13: hypertables by_range, DISTINCT in aggregates and DML on compressed chunks all work. */
    private static final int[] MIN_TIMESCALE = {2, 13};

    private Migrations() {
    }

    /** Migrates with the default retention; see {@link #run(DbConfig, StorageOptions)}. */
    public static StorageMode run(DbConfig config) {
        return run(config, StorageOptions.defaults());
    }

    /**
     * Applies every pending migration. Blocking.
     *
     * @return how readings are stored, read back from the migrated schema
     * @throws org.flywaydb.core.api.FlywayException when a migration fails
     * @throws IllegalStateException when the database cannot be reached or is in an unknown state
     */
    public static StorageMode run(DbConfig config, StorageOptions options) {
        StorageMode mode = choose(config);
        MigrateResult result = Flyway.configure()
                .dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:db/migration", "classpath:db/" + mode.id())
                .placeholders(placeholders(options))
                .load()
                .migrate();
        withConnection(config, KindTables::sync);
        StorageMode migrated = withConnection(config, c -> existingMode(c)
                .orElseThrow(() -> new IllegalStateException("the migrations did not create the readings table")));
        LOG.info("schema migrated [applied: {}, version: {}, storage: {}]", result.migrationsExecuted,
                result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion, migrated);
        return migrated;
    }

    /** {@code retention_days} and the late window's ({@link LateWindow#placeholders()}). */
    static Map<String, String> placeholders(StorageOptions options) {
        Map<String, String> values = new HashMap<>(LateWindow.placeholders());
        values.put("retention_days", Integer.toString(options.retentionDays()));
        return Map.copyOf(values);
    }

    private static StorageMode choose(DbConfig config) {
        return withConnection(config, c -> {
            Optional<StorageMode> existing = existingMode(c);
            if (existing.isPresent()) {
                return existing.get();
            }
            return timescaleUsable(c) ? StorageMode.TIMESCALE : StorageMode.NATIVE;
        });
    }

    /** The mode of an existing readings table: partitioned → native, a hypertable → timescale. */
    static Optional<StorageMode> existingMode(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.relkind::text, "
                        + "EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') "
                        + "FROM pg_class c WHERE c.oid = to_regclass('readings')")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            if ("p".equals(rs.getString(1))) {
                return Optional.of(StorageMode.NATIVE);
            }
            if (rs.getBoolean(2)) {
                return Optional.of(StorageMode.TIMESCALE);
            }
            throw new IllegalStateException("table readings exists but is neither partitioned nor a hypertable");
        }
    }

    private static boolean timescaleUsable(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(e.extversion, a.default_version), e.extname IS NOT NULL, "
                        + "current_setting('shared_preload_libraries') LIKE '%timescaledb%' "
                        + "FROM pg_available_extensions a LEFT JOIN pg_extension e ON e.extname = a.name "
                        + "WHERE a.name = 'timescaledb'")) {
            if (!rs.next()) {
                LOG.info("timescaledb is not available: readings go to native partitions");
                return false;
            }
            String version = rs.getString(1);
            boolean usable = atLeast(version, MIN_TIMESCALE) && (rs.getBoolean(2) || rs.getBoolean(3));
            if (!usable) {
                LOG.warn("timescaledb {} is available but not usable (needs >= 2.13, installed or preloaded): "
                        + "readings go to native partitions", version);
            }
            return usable;
        }
    }

    static boolean atLeast(String version, int[] minimum) {
        String[] parts = version.split("[.-]");
        for (int i = 0; i < minimum.length; i++) {
            int part;
            try {
                part = i < parts.length ? Integer.parseInt(parts[i]) : 0;
            } catch (NumberFormatException e) {
                return false;
            }
            if (part != minimum[i]) {
                return part > minimum[i];
            }
        }
        return true;
    }

    private interface JdbcWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private static <T> T withConnection(DbConfig config, JdbcWork<T> work) {
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), properties)) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database " + config + ": " + e.getMessage(), e);
        }
    }
}
