package io.gridwatch.rules;

import io.gridwatch.device.Device;
import io.gridwatch.device.DeviceKind;
import io.gridwatch.device.Thresholds;
import io.gridwatch.ingest.Reading;
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
        return new Device(SMOKE_ID, DeviceKind.SMOKE, "kitchen", 113.9, 22.75, "cell-1",
                new Thresholds(ownLine, null), T0);
    }

    static Device gauge(Double warn, Double danger) {
        return new Device(GAUGE_ID, DeviceKind.WATER_LEVEL, "culvert", 113.9, 22.75, "cell-1",
                new Thresholds(warn, danger), T0);
    }

    static Reading smoke(Instant ts, double obscuration, boolean alarm) {
        return new Reading(SMOKE_ID, "cell-1", DeviceKind.SMOKE, ts, 0, obscuration, alarm, null, null, ts);
    }

    static Reading smoke(Instant ts, double obscuration, boolean alarm, Integer battery) {
        return new Reading(SMOKE_ID, "cell-1", DeviceKind.SMOKE, ts, 0, obscuration, alarm, null, battery, ts);
    }

    static Reading level(Instant ts, double level) {
        return new Reading(GAUGE_ID, "cell-1", DeviceKind.WATER_LEVEL, ts, 0, null, null, level, null, ts);
    }

    /** A reading measured at {@code ts} and received at {@code receivedAt}. */
    static Reading level(Instant ts, double level, Instant receivedAt) {
        return new Reading(GAUGE_ID, "cell-1", DeviceKind.WATER_LEVEL, ts, 0, null, null, level, null, receivedAt);
    }

    static Reading battery(Instant ts, int percent) {
        return new Reading(GAUGE_ID, "cell-1", DeviceKind.WATER_LEVEL, ts, 0, null, null, 1.0, percent, ts);
    }
}
