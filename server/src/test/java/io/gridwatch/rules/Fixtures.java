package io.gridwatch.rules;

import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Measures;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Thresholds;
import java.time.Duration;
import java.time.Instant;

/** Devices, readings and times for the rule tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2025-07-01T08:00:00Z");
    static final String SMOKE_ID = "smoke-1";
    static final String GAUGE_ID = "gauge-1";

    private Fixtures() {
    }

    static Instant minute(double minutes) {
        return T0.plus(Duration.ofMillis(Math.round(minutes * 60_000)));
    }

    static Instant second(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static Device smokeDetector(Double ownLine) {
        return new Device(SMOKE_ID, KindRegistry.SMOKE, "kitchen", 113.9, 22.75, "cell-1",
                new Thresholds(ownLine, null), T0);
    }

    static Device gauge(Double warn, Double danger) {
        return new Device(GAUGE_ID, KindRegistry.WATER_LEVEL, "culvert", 113.9, 22.75, "cell-1",
                new Thresholds(warn, danger), T0);
    }

    static Reading smoke(Instant ts, double obscuration, boolean alarm) {
        return new Reading(SMOKE_ID, "cell-1", KindRegistry.SMOKE, ts, 0,
                Measures.of(KindRegistry.SMOKE, "obscuration", obscuration, "alarm", alarm), null, ts);
    }

    static Reading smoke(Instant ts, double obscuration, boolean alarm, Integer battery) {
        return new Reading(SMOKE_ID, "cell-1", KindRegistry.SMOKE, ts, 0,
                Measures.of(KindRegistry.SMOKE, "obscuration", obscuration, "alarm", alarm), battery, ts);
    }

    static Reading level(Instant ts, double level) {
        return new Reading(GAUGE_ID, "cell-1", KindRegistry.WATER_LEVEL, ts, 0,
                Measures.of(KindRegistry.WATER_LEVEL, "level", level), null, ts);
    }

    /** A reading measured at {@code ts} and received at {@code receivedAt}. */
    static Reading level(Instant ts, double level, Instant receivedAt) {
        return new Reading(GAUGE_ID, "cell-1", KindRegistry.WATER_LEVEL, ts, 0,
                Measures.of(KindRegistry.WATER_LEVEL, "level", level), null, receivedAt);
    }

    static Reading battery(Instant ts, int percent) {
        return new Reading(GAUGE_ID, "cell-1", KindRegistry.WATER_LEVEL, ts, 0,
                Measures.of(KindRegistry.WATER_LEVEL, "level", 1.0), percent, ts);
    }

    static final String GAS_ID = "gas-1";
    static final String HEAT_ID = "heat-1";

    static Device gasDetector(Double warn, Double danger) {
        return new Device(GAS_ID, KindRegistry.GAS, "restaurant kitchen", 113.9, 22.75, "cell-1",
                new Thresholds(warn, danger), T0);
    }

    static Device heatDetector(Double warn, Double danger) {
        return new Device(HEAT_ID, KindRegistry.HEAT, "boiler room", 113.9, 22.75, "cell-1",
                new Thresholds(warn, danger), T0);
    }

    static Reading gas(Instant ts, double lel, boolean alarm) {
        return new Reading(GAS_ID, "cell-1", KindRegistry.GAS, ts, 0,
                Measures.of(KindRegistry.GAS, "lel", lel, "alarm", alarm), null, ts);
    }

    static Reading heat(Instant ts, double tempC, boolean alarm) {
        return new Reading(HEAT_ID, "cell-1", KindRegistry.HEAT, ts, 0,
                Measures.of(KindRegistry.HEAT, "temp_c", tempC, "alarm", alarm), null, ts);
    }
}
