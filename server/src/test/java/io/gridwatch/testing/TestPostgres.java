package io.gridwatch.testing;

import io.gridwatch.store.DbConfig;
import io.gridwatch.store.EmbeddedDatabase;
import io.gridwatch.store.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The one embedded PostgreSQL of a test JVM (Surefire's and Failsafe's each have their own), started
 * on first use and stopped when the JVM exits. Every caller of {@link #freshDatabase()} gets a database
 * of its own, a copy of one migrated once ({@code CREATE DATABASE … TEMPLATE}): it holds exactly what a
 * newly migrated database holds, nothing another test class wrote. Booting PostgreSQL (initdb and start)
 * and migrating take seconds; a copy takes a fraction of one.
 *
 * <p>Tests do not call this directly as a rule: the fixtures ({@code StoreFixture}, {@code AlertFixture},
 * {@link LifecycleFixture}, {@code DashboardFixture}, {@code ServerFixture}) do. A test that stops
 * PostgreSQL to simulate an outage needs a server of its own ({@link EmbeddedDatabase#start}), never this
 * shared one. Blocking: call from the test thread. Thread-safe.
 */
public final class TestPostgres {

    private static final String TEMPLATE = "gridwatch_template";
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedDatabase server;

    private TestPostgres() {
    }

    /** A new, migrated, empty database on the shared server; {@link FreshDatabase#close()} drops it. */
    public static FreshDatabase freshDatabase() {
        return create(TEMPLATE);
    }

    /** A new database the server never migrated (no tables at all); {@link FreshDatabase#close()} drops it. */
    public static FreshDatabase unmigratedDatabase() {
        return create("template0");
    }

    private static FreshDatabase create(String template) {
        DbConfig admin = server().config();
        String name = "gridwatch_test_" + NEXT.incrementAndGet();
        execute(admin, "CREATE DATABASE " + name + " TEMPLATE " + template);
        return new FreshDatabase(name, DbConfig.of(admin.host(), admin.port(), name, admin.user(), admin.password()));
    }

    /** Starts the server and migrates the template once per JVM. */
    private static synchronized EmbeddedDatabase server() {
        if (server == null) {
            Path directory = temporaryDirectory();
            EmbeddedDatabase started = EmbeddedDatabase.start(directory);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started, directory), "test-postgres-exit"));
            DbConfig admin = started.config();
            execute(admin, "CREATE DATABASE " + TEMPLATE);
            Migrations.run(DbConfig.of(admin.host(), admin.port(), TEMPLATE, admin.user(), admin.password()));
            server = started;
        }
        return server;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("gridwatch-test-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(EmbeddedDatabase started, Path directory) {
        started.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the JVM's exit for
        }
    }

    private static void execute(DbConfig config, String sql) {
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A database of one test class (or one server fixture): its name and how to connect. */
    public record FreshDatabase(String name, DbConfig config) implements AutoCloseable {

        /** Drops the database, ending connections a test left open. */
        @Override
        public void close() {
            DbConfig admin = server().config();
            execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
