package io.gridwatch.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One device's state for {@link OfflineDetector}. Immutable.
 *
 * @param lastHeard when the server last received a reading from it (server clock), null before the first one
 * @param newest the newest reading timestamp seen (device clock), null before the first one
 * @param intervals the most recent gaps between consecutive in-order readings by the device's own timestamps,
 *     oldest first, at most {@link OfflineDetector#LEARNED_INTERVALS}
 * @param offline whether it has been declared offline and not heard from since
 */
public record OfflineState(Instant lastHeard, Instant newest, List<Duration> intervals, boolean offline) {

    /** Never heard from. */
    public static final OfflineState INITIAL = new OfflineState(null, null, List.of(), false);

    public OfflineState {
        intervals = List.copyOf(intervals);
    }

    /**
     * Rebuilds a state after a restart without saved rule state, from what the readings table keeps: when the device
     * was last heard from and the timestamps of its latest readings (any order; the last
     * {@link OfflineDetector#LEARNED_INTERVALS} + 1 are enough). With no timestamps the default interval applies
     * until the device shows its own.
     *
     * @param offline whether an offline alert is open for the device, so that its next reading clears it
     */
    public static OfflineState restore(Instant lastHeard, List<Instant> recentTimestamps, boolean offline) {
        Objects.requireNonNull(lastHeard, "lastHeard");
        List<Instant> sorted = recentTimestamps.stream().distinct().sorted().toList();
        List<Duration> gaps = new ArrayList<>();
        for (int i = Math.max(1, sorted.size() - OfflineDetector.LEARNED_INTERVALS); i < sorted.size(); i++) {
            gaps.add(Duration.between(sorted.get(i - 1), sorted.get(i)));
        }
        Instant newest = sorted.isEmpty() ? null : sorted.get(sorted.size() - 1);
        return new OfflineState(lastHeard, newest, gaps, offline);
    }
}
