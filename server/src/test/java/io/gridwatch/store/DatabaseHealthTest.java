package io.gridwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A busy database is not a dead one: {@code /health} must not turn red while the general pool is queued with work
 * for a few seconds, or a load balancer cuts the node loose exactly when the district is busiest. (A stopped
 * database turns it red within seconds: {@code OutageAndRestartIT}.)
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DatabaseHealthTest {

    /** Longer than a probe interval and its timeout: one probe at least goes unanswered while the pool is busy. */
    private static final double BUSY_SECONDS = 4.5;

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
    void aPoolBusyForSecondsKeepsTheDatabaseHealthy() throws Exception {
        // given every connection of the general pool taken by slow work (and a queue behind it)
        List<Future<?>> slow = new ArrayList<>();
        for (int i = 0; i < StorageOptions.defaults().poolSize() + 2; i++) {
            slow.add(store.database.pool().query("SELECT pg_sleep(" + BUSY_SECONDS + ")").execute());
        }

        // then health stays up the whole time, although probes wait behind the slow work
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos((long) (BUSY_SECONDS * 1000) + 1500);
        boolean alwaysHealthy = true;
        while (System.nanoTime() < until) {
            alwaysHealthy &= store.database.healthy();
            Thread.sleep(50);
        }
        StoreFixture.await(Future.all(slow));
        assertThat(alwaysHealthy).as("healthy while the pool was busy").isTrue();
        assertThat(store.database.healthy()).isTrue();
    }
}
