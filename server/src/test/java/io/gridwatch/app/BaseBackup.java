package io.gridwatch.app;

import io.gridwatch.store.DbConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A physical backup and point-in-time restore by hand, as {@code pg_basebackup} and a recovery would do it
 * (PostgreSQL's low-level backup API, "Making a Base Backup Using the Low Level API"): what docs/operations.md tells
 * operators to do with the real tools, done here with JDBC and file copies because the embedded bundle ships only
 * {@code postgres}, {@code initdb} and {@code pg_ctl}. Blocking; test code.
 */
final class BaseBackup {

    /** Files a base backup leaves out: they describe the running server, not the data. */
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts");

    private BaseBackup() {
    }

    /** Copies the running server's data directory between {@code pg_backup_start} and {@code pg_backup_stop}. */
    static void take(DbConfig config, Path dataDirectory, Path target) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_backup_start('gridwatch-test', true)");
            copyTree(dataDirectory, target);
            try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_backup_stop(true)")) {
                rs.next();
                Files.writeString(target.resolve("backup_label"), rs.getString(1), StandardCharsets.UTF_8);
            }
        }
    }

    /** Closes the current WAL segment and waits until the archiver has it, so the archive holds every commit. */
    static void archiveCurrentWal(DbConfig config) throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement s = c.createStatement()) {
            String segment;
            try (ResultSet rs = s.executeQuery("SELECT pg_walfile_name(pg_switch_wal())")) {
                rs.next();
                segment = rs.getString(1);
            }
            for (int i = 0; i < 300; i++) {
                try (ResultSet rs = s.executeQuery("SELECT coalesce(last_archived_wal, '') >= '" + segment
                        + "', failed_count FROM pg_stat_archiver")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("wal segment " + segment + " was not archived within 30 s");
        }
    }

    /** A fresh data directory from the base backup, set to replay the archive to its end and then open. */
    static void restore(Path base, Path archive, Path target) throws IOException {
        copyTree(base, target);
        Files.writeString(target.resolve("recovery.signal"), "");
        Files.writeString(target.resolve("postgresql.auto.conf"), "\nrestore_command = 'cp " + archive + "/%f %p'\n"
                + "archive_mode = 'off'\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * Waits until a restored server has replayed the archive and opened for writes: it takes (read-only) connections
     * as soon as it is consistent, while it still replays, and a server started then fails on its first write.
     */
    static void awaitOpenForWrites(DbConfig config) throws SQLException, InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the restored database was still in recovery after 60 s");
    }

    /** Copies a data directory, leaving out the WAL (the archive has it) and files that vanish meanwhile. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(path -> {
                Path relative = from.relativize(path);
                if (SKIPPED.contains(relative.toString()) || (relative.startsWith("pg_wal") && relative.getNameCount() > 1)) {
                    return;
                }
                try {
                    // with their permissions: PostgreSQL refuses a data directory that others may read
                    if (!Files.isDirectory(to.resolve(relative))) {
                        Files.copy(path, to.resolve(relative), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (NoSuchFileException vanished) {
                    // a temporary file the server removed while we copied: not needed for recovery
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
