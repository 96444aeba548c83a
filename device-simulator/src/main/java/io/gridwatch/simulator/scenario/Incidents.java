package io.gridwatch.simulator.scenario;

import java.time.Duration;

/**
 * When the incidents of a run break out, after its start; null for an incident that does not happen. Immutable.
 *
 * @param fireAt the fire's outbreak
 * @param floodAt the flash flood's onset
 * @param stormAt the storm's onset
 * @param gasLeakAt a gas leak in a restaurant street: the detectors of one cell see it
 * @param heatAt a heat alarm: one heat detector's room heats up
 */
public record Incidents(Duration fireAt, Duration floodAt, Duration stormAt, Duration gasLeakAt, Duration heatAt) {

    public static final Incidents NONE = new Incidents(null, null, null, null, null);

    public Incidents withFireAt(Duration at) {
        return new Incidents(at, floodAt, stormAt, gasLeakAt, heatAt);
    }

    public Incidents withFloodAt(Duration at) {
        return new Incidents(fireAt, at, stormAt, gasLeakAt, heatAt);
    }

    public Incidents withStormAt(Duration at) {
        return new Incidents(fireAt, floodAt, at, gasLeakAt, heatAt);
    }

    public Incidents withGasLeakAt(Duration at) {
        return new Incidents(fireAt, floodAt, stormAt, at, heatAt);
    }

    public Incidents withHeatAt(Duration at) {
        return new Incidents(fireAt, floodAt, stormAt, gasLeakAt, at);
    }

    /** These incidents, with each of {@code other}'s that is set taking the place of this one's. */
    public Incidents overriddenBy(Incidents other) {
        return new Incidents(pick(other.fireAt, fireAt), pick(other.floodAt, floodAt), pick(other.stormAt, stormAt),
                pick(other.gasLeakAt, gasLeakAt), pick(other.heatAt, heatAt));
    }

    private static Duration pick(Duration preferred, Duration otherwise) {
        return preferred != null ? preferred : otherwise;
    }
}
