package io.gridwatch.simulator.scenario;

import java.time.Duration;
import java.util.Locale;

/**
 * The scenarios of {@code gridwatch-sim run}. Every one runs the normal life of the fleet (noise, cooking spikes,
 * the replayed lake levels, draining batteries, a few devices falling silent); {@code fire}, {@code flood} and
 * {@code storm} add their incident one minute after the start unless told otherwise.
 */
public enum Scenario {
    /** Quiet: no incident (incidents can still be added with their own options). */
    NORMAL,
    /** A fire in one cell: its detectors rise to alarm, the neighbouring cells' follow three minutes later. */
    FIRE,
    /** A flash flood: a cluster of gauges in the low-lying south rises across warn and danger within minutes. */
    FLOOD,
    /** A storm: every gauge rises across warn and danger over half an hour, one after another. */
    STORM;

    /** When a scenario's own incident starts, unless an option says otherwise. */
    public static final Duration DEFAULT_ONSET = Duration.ofSeconds(60);

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The incidents of this scenario with their default onsets. */
    public Incidents incidents() {
        return switch (this) {
            case NORMAL -> Incidents.NONE;
            case FIRE -> Incidents.NONE.withFireAt(DEFAULT_ONSET);
            case FLOOD -> Incidents.NONE.withFloodAt(DEFAULT_ONSET);
            case STORM -> Incidents.NONE.withStormAt(DEFAULT_ONSET);
        };
    }

    /** Parses {@code normal}, {@code fire}, {@code flood} or {@code storm}, in any case. */
    public static Scenario parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + text + "' (normal, fire, flood, storm)");
        }
    }
}
