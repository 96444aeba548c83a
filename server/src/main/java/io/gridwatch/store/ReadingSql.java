package io.gridwatch.store;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The SQL of readings, partitions and rollups, in one place. */
final class ReadingSql {

    private ReadingSql() {
    }

    /**
     * One write batch as one statement, so that readings and device state commit together:
     * the readings (a redelivered one is skipped by the unique key), then each device's latest
     * reading of the batch into device_state, only when it is newer than what is there. Rows are
     * taken in device order so that concurrent batches lock device_state rows in the same order.
     * Devices unknown to the registry get readings but no state. Returns the number of new rows.
     */
    static final String INSERT_BATCH = """
            WITH batch AS (
                SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::int8[],
                                     $6::float8[], $7::bool[], $8::float8[], $9::int2[], $10::timestamptz[])
                    AS b (time, device_id, cell_id, kind, seq, obscuration, alarm, level, battery, received_at)
            ), stored AS (
                INSERT INTO readings (time, device_id, cell_id, kind, seq, obscuration, alarm, level, battery,
                                      received_at)
                SELECT * FROM batch
                ON CONFLICT (device_id, time, seq) DO NOTHING
                RETURNING 1
            ), state AS (
                INSERT INTO device_state (device_id, last_ts, last_seq, obscuration, alarm, level, battery,
                                          received_at)
                SELECT l.device_id, l.time, l.seq, l.obscuration, l.alarm, l.level, l.battery, l.received_at
                FROM (SELECT DISTINCT ON (device_id) * FROM batch ORDER BY device_id, time DESC) l
                WHERE EXISTS (SELECT 1 FROM devices d WHERE d.id = l.device_id)
                ORDER BY l.device_id
                ON CONFLICT (device_id) DO UPDATE SET
                    last_ts = EXCLUDED.last_ts, last_seq = EXCLUDED.last_seq,
                    obscuration = EXCLUDED.obscuration, alarm = EXCLUDED.alarm, level = EXCLUDED.level,
                    battery = EXCLUDED.battery, received_at = EXCLUDED.received_at
                WHERE device_state.last_ts < EXCLUDED.last_ts
            )
            SELECT count(*) AS stored FROM stored
            """;

    /** One device's readings since $2, newest first, at most $3 (in device_state's column names). */
    static final String RECENT = """
            SELECT device_id, time AS last_ts, seq AS last_seq, obscuration, alarm, level, battery, received_at
            FROM readings WHERE device_id = $1 AND time >= $2
            ORDER BY time DESC, seq DESC LIMIT $3
            """;

    static final String PROBE = "SELECT 1";

    // ---- native partitions ------------------------------------------------------------------

    static final String PARTITION_PREFIX = "readings_p";
    static final DateTimeFormatter PARTITION_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** The daily partitions of readings (not the default one). */
    static final String LIST_PARTITIONS = """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'readings'::regclass AND c.relname LIKE 'readings\\_p%'
            """;

    static String partitionName(LocalDate day) {
        return PARTITION_PREFIX + PARTITION_DAY.format(day);
    }

    /** DDL takes no parameters: the name and bounds are generated from a date, never from input. */
    static String createPartition(LocalDate day) {
        return "CREATE TABLE IF NOT EXISTS " + partitionName(day) + " PARTITION OF readings FOR VALUES FROM ('"
                + utcMidnight(day) + "') TO ('" + utcMidnight(day.plusDays(1)) + "')";
    }

    /**
     * Creating a partition fails while the default partition holds rows of its day (a reading
     * that came before the partition did): then the table is made apart, those rows moved into
     * it and it is attached, in one transaction.
     */
    static String[] createPartitionMovingRows(LocalDate day) {
        String name = partitionName(day);
        String from = utcMidnight(day);
        String to = utcMidnight(day.plusDays(1));
        return new String[] {
            "CREATE TABLE " + name + " (LIKE readings INCLUDING DEFAULTS INCLUDING CONSTRAINTS)",
            "WITH moved AS (DELETE FROM readings_default WHERE time >= '" + from + "' AND time < '" + to
                    + "' RETURNING *) INSERT INTO " + name + " SELECT * FROM moved",
            "ALTER TABLE readings ATTACH PARTITION " + name + " FOR VALUES FROM ('" + from + "') TO ('" + to + "')",
        };
    }

    static String dropPartition(String name) {
        return "DROP TABLE IF EXISTS " + name;
    }

    /** Rows past retention that went to the default partition. */
    static final String DELETE_EXPIRED_DEFAULT = "DELETE FROM readings_default WHERE time < $1";

    private static String utcMidnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime().toString();
    }

    // ---- native rollups: each statement recomputes the buckets in [$1, $2) -------------------

    private static final String MINUTE = "date_bin(INTERVAL '1 minute', %s, TIMESTAMPTZ '2000-01-01 00:00:00+00')";
    private static final String HOUR = "date_bin(INTERVAL '1 hour', %s, TIMESTAMPTZ '2000-01-01 00:00:00+00')";

    private static final String DEVICE_UPDATE = """
            ON CONFLICT (device_id, bucket, cell_id, kind) DO UPDATE SET n = EXCLUDED.n,
                avg_level = EXCLUDED.avg_level, min_level = EXCLUDED.min_level, max_level = EXCLUDED.max_level,
                max_obscuration = EXCLUDED.max_obscuration, alarm = EXCLUDED.alarm,
                min_battery = EXCLUDED.min_battery
            """;

    private static final String CELL_UPDATE = """
            ON CONFLICT (cell_id, kind, bucket) DO UPDATE SET n = EXCLUDED.n, devices = EXCLUDED.devices,
                avg_level = EXCLUDED.avg_level, max_level = EXCLUDED.max_level,
                max_obscuration = EXCLUDED.max_obscuration, alarm = EXCLUDED.alarm
            """;

    /** Per device and minute, from raw readings. */
    static final String REFRESH_READINGS_1M = """
            INSERT INTO readings_1m (bucket, device_id, cell_id, kind, n, avg_level, min_level, max_level,
                                     max_obscuration, alarm, min_battery)
            SELECT %s AS bucket, device_id, cell_id, kind, count(*), avg(level), min(level), max(level),
                   max(obscuration), bool_or(alarm), min(battery)
            FROM readings WHERE time >= $1 AND time < $2
            GROUP BY 1, device_id, cell_id, kind
            """.formatted(MINUTE.formatted("time")) + DEVICE_UPDATE;

    /**
     * Per device and hour, from the minute rollup: counts add up, extremes compose; the mean is
     * weighted by n (every reading of a kind has its value, so n counts the values averaged).
     */
    static final String REFRESH_READINGS_1H = """
            INSERT INTO readings_1h (bucket, device_id, cell_id, kind, n, avg_level, min_level, max_level,
                                     max_obscuration, alarm, min_battery)
            SELECT %s AS bucket, device_id, cell_id, kind, sum(n)::bigint,
                   sum(avg_level * n) / nullif(sum(n) FILTER (WHERE avg_level IS NOT NULL), 0),
                   min(min_level), max(max_level), max(max_obscuration), bool_or(alarm), min(min_battery)
            FROM readings_1m WHERE bucket >= $1 AND bucket < $2
            GROUP BY 1, device_id, cell_id, kind
            """.formatted(HOUR.formatted("bucket")) + DEVICE_UPDATE;

    /** Per cell, kind and minute, from the minute rollup: one row there per device, so devices = count(*). */
    static final String REFRESH_CELL_READINGS_1M = """
            INSERT INTO cell_readings_1m (bucket, cell_id, kind, n, devices, avg_level, max_level,
                                          max_obscuration, alarm)
            SELECT bucket, cell_id, kind, sum(n)::bigint, count(*),
                   sum(avg_level * n) / nullif(sum(n) FILTER (WHERE avg_level IS NOT NULL), 0),
                   max(max_level), max(max_obscuration), bool_or(alarm)
            FROM readings_1m WHERE bucket >= $1 AND bucket < $2 AND cell_id IS NOT NULL
            GROUP BY bucket, cell_id, kind
            """ + CELL_UPDATE;

    /** Per cell, kind and hour, from the hour rollup per device. */
    static final String REFRESH_CELL_READINGS_1H = """
            INSERT INTO cell_readings_1h (bucket, cell_id, kind, n, devices, avg_level, max_level,
                                          max_obscuration, alarm)
            SELECT bucket, cell_id, kind, sum(n)::bigint, count(*),
                   sum(avg_level * n) / nullif(sum(n) FILTER (WHERE avg_level IS NOT NULL), 0),
                   max(max_level), max(max_obscuration), bool_or(alarm)
            FROM readings_1h WHERE bucket >= $1 AND bucket < $2 AND cell_id IS NOT NULL
            GROUP BY bucket, cell_id, kind
            """ + CELL_UPDATE;
}
