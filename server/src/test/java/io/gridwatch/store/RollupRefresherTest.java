package io.gridwatch.store;

import static io.gridwatch.store.StoreFixture.await;
import static io.gridwatch.store.StoreFixture.level;
import static io.gridwatch.store.StoreFixture.smoke;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class RollupRefresherTest {

    static StoreFixture store;
    static ReadingWriter writer;
    static RollupRefresher rollups;

    @BeforeAll
    static void startDatabase(Vertx vertx) {
        store = StoreFixture.start(vertx);
        writer = store.database.readings();
        rollups = store.database.rollups();
    }

    @AfterAll
    static void stopDatabase() {
        store.close();
    }

    @Test
    void recentReadingsRollUpPerDeviceAndPerCellWithTheirCountAndMean() {
        // given, two minutes ago, three levels from one gauge, one from another in the same cell, two smoke readings
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES);
        await(Future.all(
                writer.write(level("roll-a", "roll-cell", minute.plusSeconds(1), 1, 1.0)),
                writer.write(level("roll-a", "roll-cell", minute.plusSeconds(2), 2, 2.0)),
                writer.write(level("roll-a", "roll-cell", minute.plusSeconds(3), 3, 3.0)),
                writer.write(level("roll-b", "roll-cell", minute.plusSeconds(10), 1, 5.0)),
                writer.write(smoke("roll-s", "roll-cell", minute.plusSeconds(20), 1, 2.0, false)),
                writer.write(smoke("roll-s", "roll-cell", minute.plusSeconds(21), 2, 4.0, true))));
        // when the rollups are refreshed, twice (a pass is idempotent)
        await(rollups.refresh());
        await(rollups.refresh());
        // then the minute of gauge A holds n = 3 and the mean 2
        Row a = one("SELECT n, avg_level, min_level, max_level, min_battery, alarm FROM readings_1m "
                + "WHERE device_id = 'roll-a' AND bucket = $1", minute);
        assertThat(a.getLong("n")).isEqualTo(3);
        assertThat(a.getDouble("avg_level")).isEqualTo(2.0);
        assertThat(a.getDouble("min_level")).isEqualTo(1.0);
        assertThat(a.getDouble("max_level")).isEqualTo(3.0);
        assertThat(a.getShort("min_battery")).isEqualTo((short) 90);
        assertThat(a.getValue("alarm")).isNull();
        // and the cell's water-level minute counts both gauges: n = 4, mean (1 + 2 + 3 + 5) / 4
        Row cell = one("SELECT n, devices, avg_level, max_level FROM cell_readings_1m "
                + "WHERE cell_id = 'roll-cell' AND kind = 'water_level' AND bucket = $1", minute);
        assertThat(cell.getLong("n")).isEqualTo(4);
        assertThat(cell.getLong("devices")).isEqualTo(2);
        assertThat(cell.getDouble("avg_level")).isEqualTo(2.75);
        assertThat(cell.getDouble("max_level")).isEqualTo(5.0);
        // and its smoke minute has the worst obscuration and the alarm
        Row smoke = one("SELECT n, devices, max_obscuration, alarm, avg_level FROM cell_readings_1m "
                + "WHERE cell_id = 'roll-cell' AND kind = 'smoke' AND bucket = $1", minute);
        assertThat(smoke.getLong("n")).isEqualTo(2);
        assertThat(smoke.getDouble("max_obscuration")).isEqualTo(4.0);
        assertThat(smoke.getBoolean("alarm")).isTrue();
        assertThat(smoke.getValue("avg_level")).isNull();
        // and the hours agree with the minutes
        Instant hour = minute.truncatedTo(ChronoUnit.HOURS);
        Row aHour = one("SELECT n, avg_level FROM readings_1h WHERE device_id = 'roll-a' AND bucket = $1", hour);
        assertThat(aHour.getLong("n")).isEqualTo(3);
        assertThat(aHour.getDouble("avg_level")).isEqualTo(2.0);
        Row cellHour = one("SELECT n, devices, avg_level FROM cell_readings_1h "
                + "WHERE cell_id = 'roll-cell' AND kind = 'water_level' AND bucket = $1", hour);
        assertThat(cellHour.getLong("n")).isEqualTo(4);
        assertThat(cellHour.getLong("devices")).isEqualTo(2);
        assertThat(cellHour.getDouble("avg_level")).isEqualTo(2.75);
    }

    @Test
    void aReadingArrivingAfterItsMinuteWasRolledUpIsCountedAtTheNextPass() {
        // given a minute already rolled up with one reading
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
        await(writer.write(level("again", "again-cell", minute.plusSeconds(5), 1, 1.0)));
        await(rollups.refresh());
        // when a second reading of that minute arrives and the next pass runs
        await(writer.write(level("again", "again-cell", minute.plusSeconds(6), 2, 3.0)));
        await(rollups.refresh());
        // then the minute is recomputed, not added to
        Row row = one("SELECT n, avg_level FROM readings_1m WHERE device_id = 'again' AND bucket = $1", minute);
        assertThat(row.getLong("n")).isEqualTo(2);
        assertThat(row.getDouble("avg_level")).isEqualTo(2.0);
    }

    @Test
    void aReadingDeliveredHoursLateIsRolledUpIntoItsHour() {
        // given a reading measured three hours ago, delivered now (a device catching up after an outage)
        Instant measured = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        await(writer.write(level("late", "late-cell", measured, 1, 4.0)));
        // when the next pass runs
        await(rollups.refresh());
        // then its minute and hour are rolled up, per device and per cell
        Instant minute = measured.truncatedTo(ChronoUnit.MINUTES);
        Instant hour = measured.truncatedTo(ChronoUnit.HOURS);
        assertThat(one("SELECT n FROM readings_1m WHERE device_id = 'late' AND bucket = $1", minute).getLong(0))
                .isEqualTo(1);
        assertThat(one("SELECT avg_level FROM readings_1h WHERE device_id = 'late' AND bucket = $1", hour).getDouble(0))
                .isEqualTo(4.0);
        assertThat(one("SELECT devices FROM cell_readings_1h WHERE cell_id = 'late-cell' AND bucket = $1", hour)
                .getLong(0)).isEqualTo(1);
    }

    @Test
    void aPassRecomputesOnlyTheMinutesWrittenSinceThePreviousOne() {
        // given two readings of one gauge, neither late, in minutes two apart (the later one a device's clock a
        // little ahead), rolled up
        Instant early = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
        Instant later = early.plus(2, ChronoUnit.MINUTES);
        await(Future.all(writer.write(level("only", "only-cell", early.plusSeconds(1), 1, 1.0)),
                writer.write(level("only", "only-cell", later.plusSeconds(1), 2, 5.0))));
        await(rollups.refresh());
        assertThat(one("SELECT n FROM readings_1m WHERE device_id = 'only' AND bucket = $1", early).getLong(0))
                .isEqualTo(1);
        // when the early minute's rollup is spoilt, a reading of the later minute is written, and a pass runs
        store.rows("UPDATE readings_1m SET n = 99 WHERE device_id = 'only' AND bucket = $1",
                early.atOffset(ZoneOffset.UTC));
        await(writer.write(level("only", "only-cell", later.plusSeconds(2), 3, 7.0)));
        await(rollups.refresh());
        // then the later minute is recomputed and the early one, not written since, is left alone
        assertThat(one("SELECT n FROM readings_1m WHERE device_id = 'only' AND bucket = $1", later).getLong(0))
                .isEqualTo(2);
        assertThat(one("SELECT n FROM readings_1m WHERE device_id = 'only' AND bucket = $1", early).getLong(0))
                .isEqualTo(99);
    }

    @Test
    void minutesWrittenWhileAnotherNodeHadTheTurnAreRolledUpAtTheNextPass() {
        // given another node's pass under way (it holds the rollups' lock) when a reading is written
        SqlConnection otherNode = await(store.database.pool().getConnection());
        await(otherNode.query("SELECT pg_advisory_lock(hashtext('gridwatch.rollups'))").execute());
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
        await(writer.write(level("turn", "turn-cell", minute.plusSeconds(3), 1, 2.0)));
        // when this node's pass is skipped, the other node finishes, and this node's next pass runs
        await(rollups.refresh());
        assertThat(store.rows("SELECT n FROM readings_1m WHERE device_id = 'turn'")).isEmpty();
        await(otherNode.query("SELECT pg_advisory_unlock(hashtext('gridwatch.rollups'))").execute());
        await(otherNode.close());
        await(rollups.refresh());
        // then the minute written meanwhile is rolled up: it was kept, not dropped with the skipped pass
        assertThat(one("SELECT n FROM readings_1m WHERE device_id = 'turn' AND bucket = $1", minute).getLong(0))
                .isEqualTo(1);
    }

    @Test
    void minutesWrittenBecomeRangesOfConsecutiveMinutes() {
        Instant m = Instant.parse("2026-12-03T10:00:00Z");
        assertThat(RollupRefresher.runs(List.of(m, m.plusSeconds(60), m.plusSeconds(180))))
                .containsExactly(new RollupRefresher.Range(m, m.plusSeconds(120)),
                        new RollupRefresher.Range(m.plusSeconds(180), m.plusSeconds(240)));
        assertThat(RollupRefresher.runs(List.of())).isEmpty();
    }

    private static Row one(String sql, Instant bucket) {
        return store.rows(sql, bucket.atOffset(ZoneOffset.UTC)).get(0);
    }
}
