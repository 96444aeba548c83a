package io.gridwatch.store;

import java.time.Duration;

/**
 * Tuning of the storage layer; {@link #defaults()} suits the demo and a small production server.
 * Immutable; checked on construction.
 *
 * @param batchSize a write batch is sent when it holds this many readings (default 2,000)
 * @param batchDelay ... or this long after its first reading arrived, whichever comes first (20 ms: bigger batches
 *     cost PostgreSQL less per reading, and readings that may raise an alert do not wait for it: they take the
 *     writer's urgent lane)
 * @param writerConnections batches in flight at once, one connection each (4)
 * @param maxQueued readings accepted and not yet committed; beyond it writes are refused (100,000)
 * @param poolSize connections of the general pool: devices, rollups, partitions, the web API (4)
 * @param retentionDays readings older than this are dropped (400; more than 7, since TimescaleDB
 *     aggregates look back that far)
 * @param partitionDaysBack native path: daily partitions kept created this many days back (7)
 * @param partitionDaysAhead native path: ... and this many days ahead (7)
 * @param partitionInterval native path: how often partitions are checked (1 hour)
 * @param rollupInterval native path: how often the rollups are refreshed (30 s)
 * @param rollupLookback native path: a reading delivered more than half of it after it was measured (5 minutes)
 *     is late, and its whole hour is re-aggregated; every other reading only its minute
 * @param batchTimeout a write batch not committed by then is failed (30 s): a hung database must
 *     not hold readings unacknowledged forever; they are redelivered, and stored once whatever
 *     became of the first attempt
 */
public record StorageOptions(int batchSize, Duration batchDelay, int writerConnections, int maxQueued, int poolSize,
        int retentionDays, int partitionDaysBack, int partitionDaysAhead, Duration partitionInterval,
        Duration rollupInterval, Duration rollupLookback, Duration batchTimeout) {

    public StorageOptions {
        positive("batchSize", batchSize);
        positive("writerConnections", writerConnections);
        positive("maxQueued", maxQueued);
        positive("poolSize", poolSize);
        if (retentionDays <= 7) {
            throw new IllegalArgumentException("retentionDays must be more than 7, got " + retentionDays);
        }
        if (partitionDaysBack < 0 || partitionDaysAhead < 1) {
            throw new IllegalArgumentException("partitions: days back must be >= 0 and days ahead >= 1");
        }
        if (batchDelay.isNegative() || partitionInterval.toMillis() < 1 || rollupInterval.toMillis() < 1) {
            throw new IllegalArgumentException("batchDelay must be >= 0 and the intervals positive");
        }
        if (batchTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("batchTimeout must be positive");
        }
        if (rollupLookback.compareTo(rollupInterval.multipliedBy(4)) < 0) {
            throw new IllegalArgumentException("rollupLookback must be at least four rollup intervals");
        }
    }

    public static StorageOptions defaults() {
        return new StorageOptions(2000, Duration.ofMillis(20), 4, 100_000, 4, 400, 7, 7,
                Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    public StorageOptions withBatch(int size, Duration delay) {
        return new StorageOptions(size, delay, writerConnections, maxQueued, poolSize, retentionDays,
                partitionDaysBack, partitionDaysAhead, partitionInterval, rollupInterval, rollupLookback, batchTimeout);
    }

    public StorageOptions withMaxQueued(int max) {
        return new StorageOptions(batchSize, batchDelay, writerConnections, max, poolSize, retentionDays,
                partitionDaysBack, partitionDaysAhead, partitionInterval, rollupInterval, rollupLookback, batchTimeout);
    }

    public StorageOptions withRetentionDays(int days) {
        return new StorageOptions(batchSize, batchDelay, writerConnections, maxQueued, poolSize, days,
                partitionDaysBack, partitionDaysAhead, partitionInterval, rollupInterval, rollupLookback, batchTimeout);
    }

    public StorageOptions withPartitionDays(int back, int ahead) {
        return new StorageOptions(batchSize, batchDelay, writerConnections, maxQueued, poolSize, retentionDays,
                back, ahead, partitionInterval, rollupInterval, rollupLookback, batchTimeout);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    public StorageOptions withBatchTimeout(Duration timeout) {
        return new StorageOptions(batchSize, batchDelay, writerConnections, maxQueued, poolSize, retentionDays,
                partitionDaysBack, partitionDaysAhead, partitionInterval, rollupInterval, rollupLookback, timeout);
    }
}
