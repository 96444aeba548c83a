package io.gridwatch.simulator.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Properties;

/**
 * Counts the readings a run left in gridwatch's database: rows of the run's devices (id prefix) with a time at or
 * after the run's start. Every message of a run has {@code ts >= start}, and earlier runs of the same devices
 * ended before it, so the count is this run's alone. Blocking JDBC, once, after the run.
 */
public final class RowCounter {

    private static final String COUNT_SQL =
            "SELECT count(*) FROM readings WHERE device_id LIKE ? ESCAPE '\\' AND time >= ?";

    private RowCounter() {
    }

    /** Rows of devices whose id starts with {@code prefix} and whose time is at or after {@code from}. */
    public static long count(DatabaseUrl database, String prefix, Instant from) {
        Properties properties = new Properties();
        if (database.user() != null) {
            properties.setProperty("user", database.user());
        }
        if (database.password() != null) {
            properties.setProperty("password", database.password());
        }
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties);
                PreparedStatement count = connection.prepareStatement(COUNT_SQL)) {
            count.setString(1, likePrefix(prefix));
            count.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new LoadException("cannot count rows in " + database + ": " + e.getMessage(), e);
        }
    }

    /** A LIKE pattern matching strings that start with {@code prefix} literally. */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
