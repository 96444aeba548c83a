package io.gridwatch.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One water-level gauge's state for {@link WaterLevelRule}: its {@link Latch} and the recent levels that a rise
 * could still be measured from. Immutable.
 *
 * @param recent oldest first, each strictly higher than the one before it (a later, lower or equal level makes an
 *     earlier one useless as a starting point for a rise, so it is dropped), none older than twice the rise window
 *     and at most {@link WaterLevelRule#MAX_RECENT} of them
 */
public record WaterLevelState(Latch latch, List<LevelPoint> recent) {

    public static final WaterLevelState INITIAL = new WaterLevelState(Latch.IDLE, List.of());

    public WaterLevelState {
        Objects.requireNonNull(latch, "latch");
        recent = List.copyOf(recent);
    }

    /** A level (metres above the gauge datum) at a time. */
    public record LevelPoint(Instant ts, double level) {

        public LevelPoint {
            Objects.requireNonNull(ts, "ts");
        }
    }
}
