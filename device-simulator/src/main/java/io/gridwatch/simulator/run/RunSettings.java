package io.gridwatch.simulator.run;

import io.gridwatch.simulator.load.HostPort;
import io.gridwatch.simulator.scenario.Incidents;
import io.gridwatch.simulator.scenario.SensorSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a fleet run needs. Immutable.
 *
 * @param broker the MQTT endpoint
 * @param http gridwatch's HTTP base URL, to register devices missing from the state file; null: register none
 * @param adminUser the admin log-in used to register
 * @param adminPassword its password (never logged)
 * @param stateFile where tokens and sequence numbers are kept between runs
 * @param seed the fleet's seed: the same seed, counts and prefix give the same fleet
 * @param smoke how many smoke detectors
 * @param gauges how many water-level gauges
 * @param gas how many combustible-gas detectors
 * @param heat how many heat detectors
 * @param prefix the device ids' prefix
 * @param incidents when the fire, flood and storm break out (null ones do not)
 * @param fireCell the cell the fire breaks out in; null for a seeded choice
 * @param sensors how the sensors behave
 * @param tick how often the scheduler looks for due readings
 * @param saveEvery how often the state file is written during the run
 * @param listener told of every acknowledged reading
 */
public record RunSettings(HostPort broker, URI http, String adminUser, String adminPassword, Path stateFile, long seed,
        int smoke, int gauges, int gas, int heat, String prefix, Incidents incidents, String fireCell, SensorSettings sensors,
        Duration tick, Duration saveEvery, AckListener listener) {

    public RunSettings {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(incidents, "incidents");
        Objects.requireNonNull(sensors, "sensors");
        if (smoke < 0 || gauges < 0 || gas < 0 || heat < 0 || smoke + gauges + gas + heat == 0) {
            throw new IllegalArgumentException("a fleet needs at least one device");
        }
        listener = listener == null ? AckListener.NONE : listener;
    }

    /** Defaults for everything but the endpoints, log-in and state file: 2,000 detectors and 150 gauges, seed 1. */
    public static RunSettings defaults(HostPort broker, URI http, String adminUser, String adminPassword,
            Path stateFile) {
        return new RunSettings(broker, http, adminUser, adminPassword, stateFile, 1, 2_000, 150, 0, 0, "sim-",
                Incidents.NONE, null, SensorSettings.DEFAULTS, Duration.ofSeconds(1), Duration.ofSeconds(10),
                AckListener.NONE);
    }

    public RunSettings withFleet(long seed, int smoke, int gauges, String prefix) {
        return new RunSettings(broker, http, adminUser, adminPassword, stateFile, seed, smoke, gauges, gas, heat, prefix,
                incidents, fireCell, sensors, tick, saveEvery, listener);
    }

    /** The same fleet with {@code gas} gas detectors and {@code heat} heat detectors besides. */
    public RunSettings withGasAndHeat(int gas, int heat) {
        return new RunSettings(broker, http, adminUser, adminPassword, stateFile, seed, smoke, gauges, gas, heat, prefix,
                incidents, fireCell, sensors, tick, saveEvery, listener);
    }

    public RunSettings withIncidents(Incidents incidents, String fireCell) {
        return new RunSettings(broker, http, adminUser, adminPassword, stateFile, seed, smoke, gauges, gas, heat, prefix,
                incidents, fireCell, sensors, tick, saveEvery, listener);
    }

    public RunSettings withSensors(SensorSettings sensors) {
        return new RunSettings(broker, http, adminUser, adminPassword, stateFile, seed, smoke, gauges, gas, heat, prefix,
                incidents, fireCell, sensors, tick, saveEvery, listener);
    }

    public RunSettings withTiming(Duration tick, Duration saveEvery) {
        return new RunSettings(broker, http, adminUser, adminPassword, stateFile, seed, smoke, gauges, gas, heat, prefix,
                incidents, fireCell, sensors, tick, saveEvery, listener);
    }

    public RunSettings withListener(AckListener listener) {
        return new RunSettings(broker, http, adminUser, adminPassword, stateFile, seed, smoke, gauges, gas, heat, prefix,
                incidents, fireCell, sensors, tick, saveEvery, listener);
    }

    @Override
    public String toString() {
        return "RunSettings[broker=" + broker + ", http=" + http + ", adminUser=" + adminUser + ", stateFile="
                + stateFile + ", seed=" + seed + ", smoke=" + smoke + ", gauges=" + gauges + ", gas=" + gas + ", heat=" + heat + ", incidents=" + incidents
                + "]";
    }
}
