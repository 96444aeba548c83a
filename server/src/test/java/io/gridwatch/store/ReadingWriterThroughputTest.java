package io.gridwatch.store;

import static io.gridwatch.store.StoreFixture.await;
import static io.gridwatch.store.StoreFixture.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.model.Reading;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Not a benchmark: a burst big enough to see group commit work, with its rate in the test log. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class ReadingWriterThroughputTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingWriterThroughputTest.class);
    private static final int DEVICES = 1000;
    private static final int READINGS = 200_000;
    private static final int WRITERS = 2;

    static StoreFixture store;

    @BeforeAll
    static void startDatabase(Vertx vertx) {
        store = StoreFixture.start(vertx, StorageOptions.defaults().withMaxQueued(READINGS));
    }

    @AfterAll
    static void stopDatabase() {
        store.close();
    }

    @Test
    void aBurstOfTwoHundredThousandReadingsIsStoredWhole(Vertx vertx) {
        // given 200,000 readings of 1,000 registered gauges, and two event loops to write them
        String[] ids = new String[DEVICES];
        for (int d = 0; d < DEVICES; d++) {
            ids[d] = "burst-" + d;
        }
        store.register(ids);
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<List<Reading>> shares = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            shares.add(new ArrayList<>(READINGS / WRITERS));
        }
        for (int i = 0; i < READINGS; i++) {
            int d = i % DEVICES;
            shares.get(i % WRITERS).add(level(ids[d], "cell-" + d % 50, start.plusMillis(i / DEVICES * 250L), i, i % 300 * 0.01));
        }
        ReadingWriter writer = store.database.readings();

        // when they are written all at once and every future has completed
        long began = System.nanoTime();
        List<Future<Void>> writes = new ArrayList<>();
        for (List<Reading> share : shares) {
            Promise<Future<Void>> all = Promise.promise();
            vertx.getOrCreateContext().runOnContext(v -> {
                List<Future<Void>> mine = new ArrayList<>(share.size());
                share.forEach(r -> mine.add(writer.write(r)));
                all.complete(Future.all(mine).mapEmpty());
            });
            writes.add(await(all.future()));
        }
        await(Future.all(writes));
        double seconds = (System.nanoTime() - began) / 1e9;

        // then every reading is in the table
        assertThat(store.count("SELECT count(*) FROM readings WHERE device_id LIKE 'burst-%'")).isEqualTo(READINGS);
        long batches = store.histogram("gridwatch_write_batch_size").count();
        LOG.info(String.format(Locale.ROOT, "write burst: %,d readings committed in %.2f s = %,.0f rows/s "
                + "[batches: %,d, mean batch: %.0f, writers: %d event loops, connections: %d]", READINGS, seconds,
                READINGS / seconds, batches, (double) store.counter("gridwatch_readings_written_total") / batches,
                WRITERS, StorageOptions.defaults().writerConnections()));
    }
}
