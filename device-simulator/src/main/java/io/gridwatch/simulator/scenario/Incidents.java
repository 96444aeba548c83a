package io.gridwatch.simulator.scenario;

import java.time.Duration;

/**
 * When the incidents of a run break out, after its start; null for an incident that does not happen. Immutable.
 *
 * @param fireAt the fire's outbreak
 * @param floodAt the flash flood's onset
 * @param stormAt the storm's onset
 */
public record Incidents(Duration fireAt, Duration floodAt, Duration stormAt) {

    public static final Incidents NONE = new Incidents(null, null, null);

    public Incidents withFireAt(Duration at) {
        return new Incidents(at, floodAt, stormAt);
    }

    public Incidents withFloodAt(Duration at) {
        return new Incidents(fireAt, at, stormAt);
    }

    public Incidents withStormAt(Duration at) {
        return new Incidents(fireAt, floodAt, at);
    }

    /** These incidents, with each of {@code other}'s that is set taking the place of this one's. */
    public Incidents overriddenBy(Incidents other) {
        return new Incidents(other.fireAt != null ? other.fireAt : fireAt, other.floodAt != null ? other.floodAt : floodAt,
                other.stormAt != null ? other.stormAt : stormAt);
    }
}
