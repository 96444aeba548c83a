package io.gridwatch.store;

import static io.gridwatch.store.StoreFixture.await;
import static io.gridwatch.store.StoreFixture.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
class PartitionMaintainerTest {

    static StoreFixture store;

    @BeforeAll
    static void startDatabase(Vertx vertx) {
        store = StoreFixture.start(vertx);
    }

    @AfterAll
    static void stopDatabase() {
        store.close();
    }

    @Test
    void readingsThatWentToTheDefaultPartitionMoveIntoTheirDayWhenItsPartitionIsMade(Vertx vertx) {
        // given a reading dated 20 days ahead, stored in the default partition (partitions reach 7 days ahead)
        Instant ahead = Instant.now().plus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        await(store.database.readings().write(level("ahead", "cell-1", ahead, 1, 1.0)));
        assertThat(partitionOf("ahead")).containsExactly("readings_default");
        // when, 15 days later, the maintainer makes the partitions up to 22 days from now
        PartitionMaintainer later = maintainerAt(Instant.now().plus(15, ChronoUnit.DAYS), StorageOptions.defaults());
        String deployment = await(vertx.deployVerticle(later));
        // then the reading sits in its day's partition, once
        LocalDate day = LocalDate.ofInstant(ahead, ZoneOffset.UTC);
        assertThat(partitionOf("ahead")).containsExactly(ReadingSql.partitionName(day));
        await(vertx.undeploy(deployment));
    }

    @Test
    void partitionsAndDefaultRowsPastRetentionAreDropped(Vertx vertx) {
        // given a reading of yesterday (in its partition) and one of two years ago (in the default partition)
        Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
        await(store.database.readings().write(level("expiring", "cell-1", yesterday, 1, 1.0)));
        await(store.database.readings().write(level("expiring", "cell-1", Instant.now().minus(730, ChronoUnit.DAYS), 2, 1.0)));
        // when the maintainer runs 40 days from now with a retention of 30 days
        PartitionMaintainer later = maintainerAt(Instant.now().plus(40, ChronoUnit.DAYS),
                StorageOptions.defaults().withRetentionDays(30));
        String deployment = await(vertx.deployVerticle(later));
        // then yesterday's partition is gone with its reading, the old default row too, and the default partition stays
        LocalDate yesterdayDay = LocalDate.ofInstant(yesterday, ZoneOffset.UTC);
        List<String> partitions = store.rows(ReadingSql.LIST_PARTITIONS).stream().map(r -> r.getString(0)).toList();
        assertThat(partitions).doesNotContain(ReadingSql.partitionName(yesterdayDay));
        assertThat(store.count("SELECT count(*) FROM readings WHERE device_id = 'expiring'")).isZero();
        assertThat(store.count("SELECT count(*) FROM pg_class WHERE relname = 'readings_default'")).isEqualTo(1);
        await(vertx.undeploy(deployment));
    }

    private static PartitionMaintainer maintainerAt(Instant now, StorageOptions options) {
        return new PartitionMaintainer(store.database.pool(), options.withPartitionDays(7, 7),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static List<String> partitionOf(String device) {
        return store.rows("SELECT tableoid::regclass::text FROM readings WHERE device_id = $1", device).stream()
                .map(r -> r.getString(0)).toList();
    }
}
