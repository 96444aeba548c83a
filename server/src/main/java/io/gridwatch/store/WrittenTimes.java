package io.gridwatch.store;

import java.time.Duration;
import java.time.Instant;

/**
 * Told by the {@link ReadingWriter}, after commit, when the readings it stored were measured, so that the native
 * rollups re-aggregate only the minutes and hours that changed ({@link RollupRefresher}).
 */
public interface WrittenTimes {

    /** How old a reading must be to count as late: its whole hour is then recomputed. */
    Duration lateAfter();

    /** A reading measured at {@code time}, older than {@link #lateAfter()}, was committed. Any thread. */
    void late(Instant time);

    /** Readings measured between {@code earliest} and {@code latest}, none of them late, were committed. Any thread. */
    void recent(Instant earliest, Instant latest);
}
