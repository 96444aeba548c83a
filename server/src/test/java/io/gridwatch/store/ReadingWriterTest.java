package io.gridwatch.store;

import static io.gridwatch.store.StoreFixture.await;
import static io.gridwatch.store.StoreFixture.level;
import static io.gridwatch.store.StoreFixture.smoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.metrics.Metrics;
import io.gridwatch.model.Reading;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class ReadingWriterTest {

    static StoreFixture store;
    static ReadingWriter writer;

    @BeforeAll
    static void startDatabase(Vertx vertx) {
        store = StoreFixture.start(vertx);
        writer = store.database.readings();
    }

    @AfterAll
    static void stopDatabase() {
        store.close();
    }

    @Test
    void aReadingIsInTheTableWhenItsFutureCompletes() {
        // given a registered gauge and one of its readings
        store.register("stored-1");
        Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // when it is written
        await(writer.write(level("stored-1", "cell-1", ts, 7, 1.25)));
        // then, as soon as the future succeeded, the row is there with every value
        Row row = store.rows("SELECT time, cell_id, kind, seq, level, battery, obscuration, alarm FROM readings "
                + "WHERE device_id = 'stored-1'").get(0);
        assertThat(row.getOffsetDateTime("time").toInstant()).isEqualTo(ts);
        assertThat(row.getString("cell_id")).isEqualTo("cell-1");
        assertThat(row.getString("kind")).isEqualTo("water_level");
        assertThat(row.getLong("seq")).isEqualTo(7);
        assertThat(row.getDouble("level")).isEqualTo(1.25);
        assertThat(row.getShort("battery")).isEqualTo((short) 90);
        assertThat(row.getValue("obscuration")).isNull();
        assertThat(row.getValue("alarm")).isNull();
    }

    @Test
    void aRedeliveredReadingIsStoredOnceAndEveryWriteOfItSucceeds() {
        // given a reading already stored
        Reading reading = level("redelivered", "cell-1", Instant.now().truncatedTo(ChronoUnit.MILLIS), 1, 0.5);
        await(writer.write(reading));
        // when the device sends it again, and twice more at the same moment (same batch)
        await(writer.write(reading));
        await(Future.all(writer.write(reading), writer.write(reading)));
        // then it is stored once
        assertThat(store.count("SELECT count(*) FROM readings WHERE device_id = 'redelivered'")).isEqualTo(1);
    }

    @Test
    void tenThousandReadingsFromAHundredDevicesWrittenConcurrentlyAllLandInBatches(Vertx vertx) {
        // given a hundred devices and four event loops writing for them at once
        long batchesBefore = store.histogram("gridwatch_write_batch_size").count();
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<Future<Void>> writes = new ArrayList<>();
        for (int loop = 0; loop < 4; loop++) {
            int first = loop * 25;
            Promise<List<Future<Void>>> written = Promise.promise();
            vertx.getOrCreateContext().runOnContext(v -> {
                List<Future<Void>> mine = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    for (int d = first; d < first + 25; d++) {
                        mine.add(writer.write(level("many-" + d, "cell-" + d % 7, start.plusSeconds(i), i, i * 0.01)));
                    }
                }
                written.complete(mine);
            });
            writes.addAll(await(written.future()));
        }
        // when every write has completed
        await(Future.all(writes));
        // then all 10,000 rows are there, and batches held more than one reading on average
        assertThat(store.count("SELECT count(*) FROM readings WHERE device_id LIKE 'many-%'")).isEqualTo(10_000);
        long batches = store.histogram("gridwatch_write_batch_size").count() - batchesBefore;
        assertThat(batches).isPositive().isLessThan(10_000 / 2);
    }

    @Test
    void aFutureCompletesOnTheContextThatWrote(Vertx vertx) {
        // given a write made on some event loop
        Context caller = vertx.getOrCreateContext();
        Promise<Context> completedOn = Promise.promise();
        // when its future completes
        caller.runOnContext(v -> writer.write(level("context", "cell-1", Instant.now(), 1, 0.1))
                .onSuccess(ok -> completedOn.complete(Vertx.currentContext())));
        // then the callback ran on the caller's context (where an MQTT endpoint may PUBACK)
        assertThat(await(completedOn.future())).isSameAs(caller);
    }

    @Test
    void deviceStateHoldsTheLatestReadingAndNeverMovesBackwards() {
        // given a registered gauge
        store.register("state-1");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // when its readings arrive out of order, across several batches
        await(writer.write(level("state-1", "cell-1", t.plusSeconds(2), 2, 2.0)));
        await(writer.write(level("state-1", "cell-1", t.plusSeconds(3), 3, 3.0)));
        await(writer.write(level("state-1", "cell-1", t.plusSeconds(1), 1, 1.0)));
        await(Future.all(writer.write(level("state-1", "cell-1", t, 0, 0.5)),
                writer.write(level("state-1", "cell-1", t.plusMillis(2500), 9, 2.5))));
        // then the state is the newest by the device's clock, not the last to arrive
        DeviceState state = await(store.database.devices().state("state-1")).orElseThrow();
        assertThat(state.lastTs()).isEqualTo(t.plusSeconds(3));
        assertThat(state.lastSeq()).isEqualTo(3);
        assertThat(state.number("level")).isEqualTo(3.0);
        assertThat(state.battery()).isEqualTo(90);
        assertThat(state.receivedAt()).isNotNull();
    }

    @Test
    void readingsFromTwoYearsAgoAndFromFarAheadAreStoredInTheDefaultPartition() {
        // given readings whose days have no partition
        Instant old = Instant.now().minus(730, ChronoUnit.DAYS);
        Instant ahead = Instant.now().plus(3650, ChronoUnit.DAYS);
        // when they are written
        await(Future.all(writer.write(level("clock-off", "cell-1", old, 1, 1.0)),
                writer.write(level("clock-off", "cell-1", ahead, 2, 2.0))));
        // then both are stored, in the default partition
        assertThat(store.rows("SELECT tableoid::regclass::text FROM readings WHERE device_id = 'clock-off'"))
                .extracting(r -> r.getString(0)).containsExactly("readings_default", "readings_default");
    }

    @Test
    void aReadingTheDatabaseCannotHoldIsRefusedAtOnce() {
        // given a reading dated beyond what timestamptz holds
        Reading reading = level("far-future", "cell-1", Instant.parse("+300000-01-01T00:00:00Z"), 1, 1.0);
        // when it is written, then it fails without touching the database or the queue
        assertThatThrownBy(() -> await(writer.write(reading))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside what the database can store");
    }

    @Test
    void theWriterRefusesReadingsBeyondItsBoundAsOverloaded(Vertx vertx) {
        // given a writer that holds at most ten readings and whose batches wait a minute to fill
        StorageOptions options = StorageOptions.defaults().withMaxQueued(10).withBatch(1000, Duration.ofMinutes(1));
        ReadingWriter small = new ReadingWriter(store.config(), options, new Metrics(), null);
        String deployment = await(vertx.deployVerticle(small));
        Instant t = Instant.now();
        List<Future<Void>> accepted = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            accepted.add(small.write(level("bounded", "cell-1", t.plusMillis(i), i, 1.0)));
        }
        // when an eleventh arrives
        Future<Void> refused = small.write(level("bounded", "cell-1", t.plusMillis(10), 10, 1.0));
        // then it fails at once as overloaded, and the ten held ones are stored on flush
        assertThat(refused.failed()).isTrue();
        assertThat(refused.cause()).isInstanceOf(StorageOverloadedException.class).hasMessageContaining("overloaded");
        assertThat(small.queued()).isEqualTo(10);
        await(small.flush());
        await(Future.all(accepted));
        assertThat(store.count("SELECT count(*) FROM readings WHERE device_id = 'bounded'")).isEqualTo(10);
        await(vertx.undeploy(deployment));
    }

    @Test
    void anUrgentReadingIsCommittedAtOnceWhileOrdinaryOnesWaitForTheirBatch(Vertx vertx) {
        // given a writer whose ordinary batches wait a minute to fill, holding an ordinary reading
        StorageOptions options = StorageOptions.defaults().withBatch(1000, Duration.ofMinutes(1));
        ReadingWriter slow = new ReadingWriter(store.config(), options, new Metrics(), null);
        String deployment = await(vertx.deployVerticle(slow));
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Future<Void> ordinary = slow.write(smoke("lane-ordinary", "cell-1", t, 1, 0.2, false));
        // when an alarm is written as urgent
        await(slow.write(smoke("lane-alarm", "cell-1", t, 1, 9.0, true), true));
        // then it is stored, while the ordinary reading still waits for its batch (and is stored on flush)
        assertThat(store.count("SELECT count(*) FROM readings WHERE device_id = 'lane-alarm'")).isEqualTo(1);
        assertThat(ordinary.isComplete()).isFalse();
        assertThat(store.count("SELECT count(*) FROM readings WHERE device_id = 'lane-ordinary'")).isZero();
        await(slow.flush());
        await(ordinary);
        assertThat(store.count("SELECT count(*) FROM readings WHERE device_id = 'lane-ordinary'")).isEqualTo(1);
        await(vertx.undeploy(deployment));
    }

    @Test
    void deviceStateTakesTheLatestReadingOfEachDeviceInABatchWhateverTheirOrder(Vertx vertx) {
        // given two registered gauges whose readings arrive out of order in one batch
        store.register("state-a");
        store.register("state-b");
        StorageOptions options = StorageOptions.defaults().withBatch(1000, Duration.ofMinutes(1));
        ReadingWriter batching = new ReadingWriter(store.config(), options, new Metrics(), null);
        String deployment = await(vertx.deployVerticle(batching));
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Future<Void>> writes = List.of(
                batching.write(level("state-a", "cell-1", t.plusSeconds(2), 3, 3.0)),
                batching.write(level("state-b", "cell-1", t, 1, 10.0)),
                batching.write(level("state-a", "cell-1", t, 1, 1.0)),
                batching.write(level("state-a", "cell-1", t.plusSeconds(1), 2, 2.0)));
        // when the batch is sent
        await(batching.flush());
        await(Future.all(writes));
        // then each device's state is its newest reading of the batch
        assertThat(store.rows("SELECT level FROM device_state WHERE device_id = 'state-a'").get(0).getDouble("level"))
                .isEqualTo(3.0);
        assertThat(store.rows("SELECT level FROM device_state WHERE device_id = 'state-b'").get(0).getDouble("level"))
                .isEqualTo(10.0);
        await(vertx.undeploy(deployment));
    }
}
