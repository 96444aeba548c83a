package io.gridwatch.alert;

import io.gridwatch.geo.model.Level;
import java.util.Map;

/**
 * The governance figures of one unit over a period (see {@link AlertStats}). Immutable.
 *
 * @param opened alerts opened in the period in the unit's scope
 * @param acknowledged of those, the ones acknowledged (whether or not resolved since)
 * @param resolved of those, the ones resolved
 * @param settledAtCell of those, resolved while still addressed to the cell
 * @param settledInSector of those, resolved while addressed to the cell or the sector
 * @param ackMedianSeconds the median time from opening to acknowledgement, null when none was acknowledged
 * @param ackP90Seconds its 90th percentile (interpolated), null when none was acknowledged
 * @param escalations escalations in the period by the level they went to; every level above the cell is present
 */
public record AlertFigures(long opened, long acknowledged, long resolved, long settledAtCell, long settledInSector,
        Double ackMedianSeconds, Double ackP90Seconds, Map<Level, Long> escalations) {

    public AlertFigures {
        escalations = Map.copyOf(escalations);
    }

    /** {@code count / opened}, or null when nothing was opened. */
    public Double share(long count) {
        return opened == 0 ? null : (double) count / opened;
    }
}
