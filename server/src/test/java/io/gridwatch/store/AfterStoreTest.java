package io.gridwatch.store;

import static io.gridwatch.store.StoreFixture.await;
import static io.gridwatch.store.StoreFixture.level;
import static io.gridwatch.store.StoreFixture.smoke;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.model.Reading;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reading path's promise to the rules: a reading is judged once committed, and before its write completes. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class AfterStoreTest {

    static StoreFixture store;

    @BeforeAll
    static void startDatabase(Vertx vertx) {
        store = StoreFixture.start(vertx);
    }

    @AfterAll
    static void stopDatabase() {
        store.close();
    }

    /** What the judge saw: for each device, the rows of its reading in the database when it was judged. */
    private final Map<String, Future<Long>> rowsWhenJudged = new ConcurrentHashMap<>();
    private final Map<String, Boolean> lanes = new ConcurrentHashMap<>();

    private void judge(Reading reading, boolean urgent) {
        lanes.put(reading.deviceId(), urgent);
        rowsWhenJudged.put(reading.deviceId(), store.database.pool()
                .preparedQuery("SELECT count(*) FROM readings WHERE device_id = $1")
                .execute(Tuple.of(reading.deviceId())).map(rows -> rows.iterator().next().getLong(0)));
    }

    @Test
    void anAlarmAndAnOrdinaryReadingAreJudgedOnlyOnceCommittedAndBeforeTheirWritesComplete() {
        // given the reading path over the real writer, alarms picked as urgent
        AfterStore path = new AfterStore(store.database.readings(), r -> r.deviceId().startsWith("judged-alarm"),
                this::judge);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // when an alarm and an ordinary reading are written
        Future<Boolean> alarm = path.write(smoke("judged-alarm", "cell-1", t, 1, 9.0, true))
                .map(v -> rowsWhenJudged.containsKey("judged-alarm"));
        Future<Boolean> ordinary = path.write(level("judged-plain", "cell-1", t, 1, 1.0))
                .map(v -> rowsWhenJudged.containsKey("judged-plain"));
        // then each was judged before its write completed, in its own lane, and its row was there when judged
        assertThat(List.of(await(alarm), await(ordinary))).containsExactly(true, true);
        assertThat(lanes).containsEntry("judged-alarm", true).containsEntry("judged-plain", false);
        assertThat(await(rowsWhenJudged.get("judged-alarm"))).isEqualTo(1);
        assertThat(await(rowsWhenJudged.get("judged-plain"))).isEqualTo(1);
    }

    @Test
    void aReadingTheStorageRefusesIsNeverJudged() {
        // given the reading path
        AfterStore path = new AfterStore(store.database.readings(), r -> true, this::judge);
        // when a reading the database cannot hold is written
        Future<Void> refused = path.write(level("judged-never", "cell-1", Instant.parse("+300000-01-01T00:00:00Z"),
                1, 1.0));
        // then it fails, and nobody judged it
        assertThat(refused.failed()).isTrue();
        assertThat(rowsWhenJudged).doesNotContainKey("judged-never");
    }
}
