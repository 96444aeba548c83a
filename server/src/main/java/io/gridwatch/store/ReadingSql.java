package io.gridwatch.store;

import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.ReadingField;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** The SQL of readings, partitions and rollups, in one place. */
final class ReadingSql {

    private ReadingSql() {
    }

    /** The kind-specific value columns of readings and device_state, from the registry, comma-separated. */
    static final String VALUE_COLUMNS = String.join(", ", KindRegistry.columns().stream().map(ReadingField::column)
            .toList());

    /**
     * One write batch as one statement, so that readings and device state commit together:
     * the readings (a redelivered one is skipped by the unique key), then each device's latest
     * reading of the batch (chosen by the writer, {@link ReadingBatch#tuple}) into device_state, only
     * when it is newer than what is there. The state rows come in device order so that concurrent
     * batches lock device_state rows in the same order. Devices unknown to the registry get readings
     * but no state. Its row count is the number of new rows (no RETURNING: returned rows would be kept in a
     * tuple store only to be counted).
     * Parameters: the readings' columns as arrays — $1 time, $2 device, $3 cell, $4 kind, $5 seq, one
     * array per value column ({@link #VALUE_COLUMNS}), battery, received_at — then the latest
     * reading per device in the same layout without cell and kind.
     *
     * <p>The readings' arrays are unnested in the select list (one ProjectSet, the arrays in lockstep: they have one
     * length) rather than in FROM, where a function scan would first copy every row into a tuple store.
     *
     * <p>Why two sets of arrays: with one, the batch was a CTE read twice (materialised, then sorted
     * for {@code DISTINCT ON}), about a tenth of PostgreSQL's time per reading in the profile of
     * issue 18; picking a device's latest reading is cheaper in Java than in the statement.
     */
    static final String INSERT_BATCH = insertBatch();

    /** One device's readings since $2, newest first, at most $3 (in device_state's column names). */
    static final String RECENT = """
            SELECT device_id, time AS last_ts, seq AS last_seq, %s, battery, received_at
            FROM readings WHERE device_id = $1 AND time >= $2
            ORDER BY time DESC, seq DESC LIMIT $3
            """.formatted(VALUE_COLUMNS);

    private static String insertBatch() {
        List<ReadingField> columns = KindRegistry.columns();
        int n = 6;
        StringJoiner arrays = new StringJoiner(", ");
        for (ReadingField column : columns) {
            arrays.add("unnest($" + n++ + arrayType(column) + ")");
        }
        String batteryAndReceived = "unnest($" + n++ + "::int2[]), unnest($" + n++ + "::timestamptz[])";
        StringJoiner state = new StringJoiner(", ");
        state.add("$" + n++ + "::timestamptz[]").add("$" + n++ + "::text[]").add("$" + n++ + "::int8[]");
        for (ReadingField column : columns) {
            state.add("$" + n++ + arrayType(column));
        }
        state.add("$" + n++ + "::int2[]").add("$" + n + "::timestamptz[]");
        String updates = String.join(", ", columns.stream().map(c -> c.column() + " = EXCLUDED." + c.column())
                .toList());
        return """
                WITH state AS (
                    INSERT INTO device_state (device_id, last_ts, last_seq, %3$s, battery, received_at)
                    SELECT l.device_id, l.last_ts, l.last_seq, %6$s, l.battery, l.received_at
                    FROM unnest(%4$s) AS l (last_ts, device_id, last_seq, %3$s, battery, received_at)
                    WHERE EXISTS (SELECT 1 FROM devices d WHERE d.id = l.device_id)
                    ON CONFLICT (device_id) DO UPDATE SET
                        last_ts = EXCLUDED.last_ts, last_seq = EXCLUDED.last_seq, %5$s,
                        battery = EXCLUDED.battery, received_at = EXCLUDED.received_at
                    WHERE device_state.last_ts < EXCLUDED.last_ts
                )
                INSERT INTO readings (time, device_id, cell_id, kind, seq, %3$s, battery, received_at)
                SELECT unnest($1::timestamptz[]), unnest($2::text[]), unnest($3::text[]), unnest($4::text[]),
                       unnest($5::int8[]), %1$s, %2$s
                ON CONFLICT (device_id, time, seq) DO NOTHING
                """.formatted(arrays, batteryAndReceived, VALUE_COLUMNS, state, updates,
                String.join(", ", columns.stream().map(c -> "l." + c.column()).toList()));
    }

    private static String arrayType(ReadingField column) {
        return column.isNumber() ? "::float8[]" : "::bool[]";
    }

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

    /** Per device and minute, from raw readings. */
    static final String REFRESH_READINGS_1M = deviceRollup("readings_1m", MINUTE.formatted("time"), "readings",
            "count(*)", RollupSource.RAW, "time >= $1 AND time < $2");

    /**
     * Per device and hour, from the minute rollup: counts add up, extremes compose; the mean is
     * weighted by n (every reading of a kind has its value, so n counts the values averaged).
     */
    static final String REFRESH_READINGS_1H = deviceRollup("readings_1h", HOUR.formatted("bucket"), "readings_1m",
            "sum(n)::bigint", RollupSource.ROLLUP, "bucket >= $1 AND bucket < $2");

    /** Per cell, kind and minute, from the minute rollup: one row there per device, so devices = count(*). */
    static final String REFRESH_CELL_READINGS_1M = cellRollup("cell_readings_1m", "readings_1m");

    /** Per cell, kind and hour, from the hour rollup per device. */
    static final String REFRESH_CELL_READINGS_1H = cellRollup("cell_readings_1h", "readings_1h");

    /** Where a rollup reads from: raw readings (values in their own columns) or a finer rollup (agg_column). */
    private enum RollupSource { RAW, ROLLUP }

    /** The rollup columns of every registered number, per device ({@code avg_level, min_level, …}). */
    private static List<String[]> deviceAggregates(RollupSource source) {
        List<String[]> columns = new ArrayList<>();
        for (ReadingField field : KindRegistry.columns()) {
            for (ReadingField.Rollup rollup : field.rollups()) {
                String name = rollup.column(field.column());
                String expression = switch (source) {
                    case RAW -> rollup.name().toLowerCase(Locale.ROOT) + "(" + field.column() + ")";
                    case ROLLUP -> rollup == ReadingField.Rollup.AVG ? weightedMean(name)
                            : rollup.name().toLowerCase(Locale.ROOT) + "(" + name + ")";
                };
                columns.add(new String[] {name, expression});
            }
        }
        return columns;
    }

    /** The mean of per-bucket means, weighted by their counts. */
    private static String weightedMean(String avgColumn) {
        return "sum(" + avgColumn + " * n) / nullif(sum(n) FILTER (WHERE " + avgColumn + " IS NOT NULL), 0)";
    }

    private static String deviceRollup(String table, String bucket, String from, String count, RollupSource source,
            String window) {
        List<String[]> aggregates = deviceAggregates(source);
        String battery = source == RollupSource.RAW ? "min(battery)" : "min(min_battery)";
        return """
                INSERT INTO %1$s (bucket, device_id, cell_id, kind, n, %2$s, alarm, min_battery)
                SELECT %3$s AS bucket, device_id, cell_id, kind, %4$s, %5$s, bool_or(alarm), %6$s
                FROM %7$s WHERE %8$s
                GROUP BY 1, device_id, cell_id, kind
                ON CONFLICT (device_id, bucket, cell_id, kind) DO UPDATE SET n = EXCLUDED.n, %9$s,
                    alarm = EXCLUDED.alarm, min_battery = EXCLUDED.min_battery
                """.formatted(table, names(aggregates), bucket, count, expressions(aggregates), battery, from, window,
                updates(aggregates));
    }

    /** Cell rollups keep the means and the maxima of the device rollups, not the minima. */
    private static String cellRollup(String table, String from) {
        List<String[]> aggregates = new ArrayList<>();
        for (String[] device : deviceAggregates(RollupSource.ROLLUP)) {
            if (!device[0].startsWith("min_")) {
                aggregates.add(device);
            }
        }
        return """
                INSERT INTO %1$s (bucket, cell_id, kind, n, devices, %2$s, alarm)
                SELECT bucket, cell_id, kind, sum(n)::bigint, count(*), %3$s, bool_or(alarm)
                FROM %4$s WHERE bucket >= $1 AND bucket < $2 AND cell_id IS NOT NULL
                GROUP BY bucket, cell_id, kind
                ON CONFLICT (cell_id, kind, bucket) DO UPDATE SET n = EXCLUDED.n, devices = EXCLUDED.devices, %5$s,
                    alarm = EXCLUDED.alarm
                """.formatted(table, names(aggregates), expressions(aggregates), from, updates(aggregates));
    }

    private static String names(List<String[]> aggregates) {
        return String.join(", ", aggregates.stream().map(a -> a[0]).toList());
    }

    private static String expressions(List<String[]> aggregates) {
        return String.join(", ", aggregates.stream().map(a -> a[1]).toList());
    }

    private static String updates(List<String[]> aggregates) {
        return String.join(", ", aggregates.stream().map(a -> a[0] + " = EXCLUDED." + a[0]).toList());
    }
}
