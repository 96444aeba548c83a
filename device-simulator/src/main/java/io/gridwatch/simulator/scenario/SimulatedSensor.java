package io.gridwatch.simulator.scenario;

import io.gridwatch.simulator.fleet.FleetDevice;
import java.time.Duration;

/**
 * A device's behaviour as a pure function of the time since the run's start: what it would report, how long
 * until it reports again, whether it has fallen silent. Implementations are immutable and thread-safe.
 */
public interface SimulatedSensor {

    FleetDevice device();

    /** The JSON payload (ARCHITECTURE 3.3) of a reading taken at {@code seconds}, stamped {@code tsMillis}, {@code seq}. */
    String payload(double seconds, long tsMillis, long seq);

    /** How long after a reading taken at {@code seconds} the next one is due. */
    Duration intervalAfter(double seconds);

    /** Whether the device has stopped reporting at {@code seconds}. */
    boolean silentAt(double seconds);
}
