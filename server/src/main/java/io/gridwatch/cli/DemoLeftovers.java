package io.gridwatch.cli;

import io.gridwatch.store.DbConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Properties;

/**
 * What a previous demo run's scenario left unresolved (alerts of the simulated fleet's devices), closed before
 * the server starts: otherwise they escalate at once and the new run's fire joins the old alert instead of
 * opening its own. Each closed alert gets a {@code resolved} event by {@value #ACTOR} whose detail carries a
 * {@code note_code} the pages translate, not an English note. Runs before the server, so that the rules' state is
 * seeded from a database without them. Blocking (JDBC): the demo's main thread only.
 */
final class DemoLeftovers {

    static final String ACTOR = "demo";
    static final String NOTE_CODE = "demo_restarted";

    /** 1 and 2: at; 3: a LIKE pattern of device ids. */
    private static final String CLOSE = """
            WITH changed AS (
                UPDATE alerts SET status = 'resolved', resolved_at = ?, resolved_by = '%1$s', escalate_at = NULL,
                    updated_at = greatest(updated_at, ?)
                WHERE status <> 'resolved' AND source_device LIKE ?
                RETURNING id, level, severity, resolved_at
            ), event AS (
                INSERT INTO alert_events (alert_id, at, type, actor, level, severity, detail)
                SELECT id, resolved_at, 'resolved', '%1$s', level, severity,
                    jsonb_build_object('note_code', '%2$s') FROM changed
            )
            SELECT count(*) FROM changed""".formatted(ACTOR, NOTE_CODE);

    private DemoLeftovers() {
    }

    /** Closes the unresolved alerts of devices whose id starts with {@code devicePrefix}; returns how many. */
    static int close(DbConfig db, String devicePrefix, Instant at) {
        Properties properties = new Properties();
        properties.setProperty("user", db.user());
        if (db.password() != null) {
            properties.setProperty("password", db.password());
        }
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), properties)) {
            if (!hasAlerts(connection)) {
                return 0; // a database the server never migrated: a first run
            }
            try (PreparedStatement close = connection.prepareStatement(CLOSE)) {
                close.setTimestamp(1, Timestamp.from(at));
                close.setTimestamp(2, Timestamp.from(at));
                close.setString(3, devicePrefix.replace("%", "\\%").replace("_", "\\_") + "%");
                try (ResultSet rows = close.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the previous demo run's alerts: " + e.getMessage(), e);
        }
    }

    private static boolean hasAlerts(Connection connection) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass('alerts') IS NOT NULL");
                ResultSet rows = exists.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
