package io.gridwatch.store;

import java.time.Duration;
import java.util.Map;

/**
 * How late a reading may arrive, and what storage does so that a late reading is never left out: the one
 * place that the MQTT decoder's accepted window, the TimescaleDB policies (migration placeholders) and the docs
 * take it from.
 *
 * <p>A device that was offline uploads its backlog when it is back, so readings up to {@link #ACCEPTED} old are
 * stored. On TimescaleDB the continuous aggregates' refresh policies must therefore look back over that whole
 * window (plus a day for the bucket, the schedule and the job's own delay), or late readings never reach the
 * rollups; and chunks are compressed only after it (plus a day more), since inserting into a compressed chunk is
 * about ten times slower. The native path re-aggregates every late hour it is told of, of any age. Constants.
 */
public final class LateWindow {

    /** The oldest reading accepted, relative to the server clock. */
    public static final Duration ACCEPTED = Duration.ofDays(30);

    private static final Duration MARGIN = Duration.ofDays(1);

    private LateWindow() {
    }

    /** How far back the TimescaleDB refresh policies look: the accepted window and a day. */
    public static Duration aggregateRefresh() {
        return ACCEPTED.plus(MARGIN);
    }

    /** When TimescaleDB compresses a chunk: a day after the refresh window, so no late write meets one. */
    public static Duration compressAfter() {
        return aggregateRefresh().plus(MARGIN);
    }

    /** The Flyway placeholders of these durations, in whole days. */
    static Map<String, String> placeholders() {
        return Map.of(
                "late_window_days", Long.toString(ACCEPTED.toDays()),
                "aggregate_refresh_days", Long.toString(aggregateRefresh().toDays()),
                "compress_after_days", Long.toString(compressAfter().toDays()));
    }
}
