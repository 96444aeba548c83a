package io.gridwatch.store;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.SensorKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Fills {@code sensor_kinds} and {@code alert_kinds}, which devices and alerts reference, from the kind registry, so
 * that a kind added to the registry needs no migration to be stored. Rows are never deleted: a database keeps
 * accepting what it already holds. Blocking (JDBC), run with the migrations.
 */
final class KindTables {

    private KindTables() {
    }

    static Void sync(Connection c) throws SQLException {
        try (PreparedStatement sensors = c.prepareStatement(
                        "INSERT INTO sensor_kinds (id) VALUES (?) ON CONFLICT DO NOTHING");
                PreparedStatement alerts = c.prepareStatement(
                        "INSERT INTO alert_kinds (id) VALUES (?) ON CONFLICT DO NOTHING")) {
            for (SensorKind kind : KindRegistry.ALL) {
                sensors.setString(1, kind.id());
                sensors.addBatch();
            }
            for (AlertKind kind : AlertKind.values()) {
                alerts.setString(1, kind.id());
                alerts.addBatch();
            }
            sensors.executeBatch();
            alerts.executeBatch();
        }
        return null;
    }
}
