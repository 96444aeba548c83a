package io.gridwatch.rules;

import io.gridwatch.rules.WaterLevelState.LevelPoint;
import java.util.List;
import java.util.Objects;

/**
 * One heat detector's state for {@link HeatRule}: its {@link Latch} and the recent temperatures a rate of rise could
 * still be measured from (oldest first, each higher than the one before, none older than two rise windows).
 * Immutable.
 */
public record HeatState(Latch latch, List<LevelPoint> recent) {

    public static final HeatState INITIAL = new HeatState(Latch.IDLE, List.of());

    public HeatState {
        Objects.requireNonNull(latch, "latch");
        recent = List.copyOf(recent);
    }
}
