package io.gridwatch.store;

import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Reading;
import io.gridwatch.model.ReadingField;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Readings waiting for their batch, and a batch as the column arrays of {@link ReadingSql#INSERT_BATCH}. */
final class ReadingBatch {

    /** The earliest and latest instants a PostgreSQL timestamptz holds (4713 BC and 294276 AD, rounded in). */
    static final Instant MIN_TIME = Instant.parse("-4712-01-01T00:00:00Z");
    static final Instant MAX_TIME = Instant.parse("+294275-12-31T00:00:00Z");

    private ReadingBatch() {
    }

    /** One accepted reading: its promise is completed on the caller's context (null: any thread). */
    record Pending(Reading reading, long acceptedNanos, Promise<Void> promise, Context caller, Runnable stored) {
    }

    /** Why a reading cannot be stored at all (whatever the database's state), or null when it can. */
    static String unstorable(Reading r) {
        if (r.deviceId() == null || r.kind() == null || r.ts() == null) {
            return "a reading needs a device id, a kind and a timestamp";
        }
        if (r.ts().isBefore(MIN_TIME) || r.ts().isAfter(MAX_TIME)) {
            return "timestamp " + r.ts() + " is outside what the database can store";
        }
        if (r.battery() != null && (r.battery() < Short.MIN_VALUE || r.battery() > Short.MAX_VALUE)) {
            return "battery " + r.battery() + " is out of range";
        }
        return null;
    }

    /**
     * The parameters of {@link ReadingSql#INSERT_BATCH}: every reading's columns, then each device's latest reading
     * (greatest ts, then seq) in device id order.
     */
    static Tuple tuple(List<Pending> batch, Instant now) {
        List<Reading> readings = new ArrayList<>(batch.size());
        Map<String, Reading> latest = new TreeMap<>();
        for (Pending p : batch) {
            Reading r = p.reading();
            readings.add(r);
            latest.merge(r.deviceId(), r, ReadingBatch::later);
        }
        Tuple tuple = Tuple.tuple();
        columns(tuple, readings, now, true);
        columns(tuple, new ArrayList<>(latest.values()), now, false);
        return tuple;
    }

    private static Reading later(Reading a, Reading b) {
        int byTime = a.ts().compareTo(b.ts());
        return byTime > 0 || (byTime == 0 && a.seq() >= b.seq()) ? a : b;
    }

    /**
     * {@code instant.atOffset(UTC)} without its cost: that builds the offset's {@code ZoneRules} anew on every call,
     * twice per reading, which was a fifth of the writer thread's samples (issue 18's JFR at 20,000 readings/s).
     */
    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(),
                ZoneOffset.UTC), ZoneOffset.UTC);
    }

    /** The readings' columns as arrays: time, device, (cell, kind,) seq, the value columns, battery, received_at. */
    private static void columns(Tuple tuple, List<Reading> readings, Instant now, boolean cellAndKind) {
        int n = readings.size();
        List<ReadingField> columns = KindRegistry.columns();
        OffsetDateTime[] time = new OffsetDateTime[n];
        String[] device = new String[n];
        String[] cell = new String[n];
        String[] kind = new String[n];
        Long[] seq = new Long[n];
        Object[][] values = new Object[columns.size()][];
        for (int c = 0; c < values.length; c++) {
            values[c] = columns.get(c).isNumber() ? new Double[n] : new Boolean[n];
        }
        Short[] battery = new Short[n];
        OffsetDateTime[] received = new OffsetDateTime[n];
        OffsetDateTime nowUtc = utc(now);
        for (int i = 0; i < n; i++) {
            Reading r = readings.get(i);
            time[i] = utc(r.ts());
            device[i] = r.deviceId();
            cell[i] = r.cellId();
            kind[i] = r.kind().id();
            seq[i] = r.seq();
            for (int c = 0; c < values.length; c++) {
                values[c][i] = r.values().column(columns.get(c).column());
            }
            battery[i] = r.battery() == null ? null : r.battery().shortValue();
            received[i] = r.receivedAt() == null ? nowUtc : utc(r.receivedAt());
        }
        tuple.addValue(time).addValue(device);
        if (cellAndKind) {
            tuple.addValue(cell).addValue(kind);
        }
        tuple.addValue(seq);
        for (Object[] column : values) {
            tuple.addValue(column);
        }
        tuple.addValue(battery).addValue(received);
    }
}
