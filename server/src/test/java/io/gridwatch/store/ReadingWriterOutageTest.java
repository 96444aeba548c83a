package io.gridwatch.store;

import static io.gridwatch.store.StoreFixture.await;
import static io.gridwatch.store.StoreFixture.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class ReadingWriterOutageTest {

    @TempDir
    static Path dataDirectory;
    static StoreFixture store;

    @BeforeAll
    static void startDatabase(Vertx vertx) {
        // its own PostgreSQL server: the test stops and restarts it, which the shared one must never do
        store = StoreFixture.startOnOwnServer(vertx, dataDirectory);
    }

    @AfterAll
    static void stopDatabase() {
        store.close();
    }

    @Test
    void aDatabaseOutageFailsWritesUntilItIsBackAndLosesNothingAcknowledged(Vertx vertx) throws Exception {
        // given a device streaming 5,000 readings a second into a running database
        ReadingWriter writer = store.database.readings();
        Stream stream = new Stream(vertx, writer);
        waitFor(() -> stream.acknowledged.size() > 2000);
        assertThat(writer.healthy()).isTrue();

        // when the database stops mid-stream
        store.stopPostgres();
        // then writes fail (they are not acknowledged) and the writer reports itself unhealthy
        long failuresBefore = stream.failed.get();
        waitFor(() -> !writer.healthy() && stream.failed.get() > failuresBefore + 500);

        // when it starts again on the same data directory and port
        store.startPostgresAgain();
        // then the writer is healthy again by itself and new writes succeed
        waitFor(writer::healthy);
        int acknowledgedBeforeRestart = stream.acknowledged.size();
        waitFor(() -> stream.acknowledged.size() > acknowledgedBeforeRestart + 2000);
        stream.stop();
        waitFor(() -> stream.outstanding.get() == 0);

        // and every acknowledged reading is stored, once
        Set<Long> stored = new HashSet<>();
        store.rows("SELECT seq FROM readings WHERE device_id = 'streamer'").forEach(r -> stored.add(r.getLong(0)));
        assertThat(stored).containsAll(stream.acknowledged);
        assertThat(store.count("SELECT count(*) FROM readings WHERE device_id = 'streamer'")).isEqualTo(stored.size());
        assertThat(store.counter("gridwatch_write_failures_total")).isPositive();
    }

    /** Writes 50 readings every 10 ms from an event loop, recording which were acknowledged. */
    private static final class Stream {
        final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        final AtomicLong failed = new AtomicLong();
        final AtomicInteger outstanding = new AtomicInteger();
        private final Vertx vertx;
        private final long timer;
        private long seq;

        Stream(Vertx vertx, ReadingWriter writer) {
            this.vertx = vertx;
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            this.timer = vertx.setPeriodic(10, id -> {
                for (int i = 0; i < 50; i++) {
                    long n = seq++;
                    outstanding.incrementAndGet();
                    writer.write(level("streamer", "cell-1", start.plusMillis(n), n, 1.0)).onComplete(r -> {
                        if (r.succeeded()) {
                            acknowledged.add(n);
                        } else {
                            failed.incrementAndGet();
                        }
                        outstanding.decrementAndGet();
                    });
                }
            });
        }

        void stop() {
            vertx.cancelTimer(timer);
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
