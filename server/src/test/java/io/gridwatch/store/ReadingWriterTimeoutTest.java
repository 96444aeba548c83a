package io.gridwatch.store;

import static io.gridwatch.store.StoreFixture.await;
import static io.gridwatch.store.StoreFixture.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.model.Reading;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A database that hangs (here: a table lock held elsewhere) fails batches in time instead of holding them forever. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReadingWriterTimeoutTest {

    static StoreFixture store;

    @BeforeAll
    static void startDatabase(Vertx vertx) {
        store = StoreFixture.start(vertx, StorageOptions.defaults().withBatchTimeout(Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stopDatabase() {
        store.close();
    }

    @Test
    void aBatchStuckBehindALockFailsInTimeAndItsRedeliveryIsStoredOnce() throws Exception {
        Reading reading = level("gauge-hung", "cell-1", Instant.now(), 1, 2.5);
        try (Connection blocker = DriverManager.getConnection(store.config().jdbcUrl(),
                store.config().user(), store.config().password())) {
            // given another session holding the readings table
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("LOCK TABLE readings IN ACCESS EXCLUSIVE MODE");
            }

            // when a reading is written
            Future<Void> write = store.database.readings().write(reading);

            // then its future fails after the batch timeout, so the device gets no PUBACK
            Throwable failure = null;
            try {
                await(write);
            } catch (RuntimeException e) {
                failure = e;
            }
            assertThat(failure).isNotNull();
            blocker.rollback();
        }

        // when the device redelivers once the database moves again
        await(store.database.readings().write(reading));

        // then the reading is there exactly once, whatever became of the first attempt
        assertThat(store.rows("SELECT count(*) FROM readings WHERE device_id = 'gauge-hung'").get(0).getLong(0)).isEqualTo(1);
    }
}
