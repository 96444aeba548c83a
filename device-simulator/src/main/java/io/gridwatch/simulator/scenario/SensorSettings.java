package io.gridwatch.simulator.scenario;

import java.time.Duration;

/**
 * How simulated sensors behave, the same for the whole fleet. Immutable.
 *
 * @param smokeInterval how often a quiet smoke detector reports
 * @param waterInterval how often a gauge reports
 * @param alarmInterval how often a detector reports once smoke from a fire reaches it
 * @param alarmLevel the obscuration (%/m) at which a detector raises its own alarm flag
 * @param replaySpeed how many seconds of the real water-level series pass per simulated second
 * @param silentOneIn one device in this many falls silent during the run (0: none)
 * @param lowBatteryOneIn one device in this many starts with a nearly flat battery (0: none)
 */
public record SensorSettings(Duration smokeInterval, Duration waterInterval, Duration alarmInterval,
        double alarmLevel, double replaySpeed, int silentOneIn, int lowBatteryOneIn) {

    /** Reports every 60 s (10 s in alarm), alarm at 4 %/m, the lake replayed at 60× (an hour a minute). */
    public static final SensorSettings DEFAULTS = new SensorSettings(Duration.ofSeconds(60), Duration.ofSeconds(60),
            Duration.ofSeconds(10), 4.0, 60, 200, 100);

    public SensorSettings {
        for (Duration d : new Duration[] {smokeInterval, waterInterval, alarmInterval}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("intervals must be positive: " + d);
            }
        }
        if (!(alarmLevel > 0) || !(replaySpeed >= 0) || silentOneIn < 0 || lowBatteryOneIn < 0) {
            throw new IllegalArgumentException("bad sensor settings");
        }
    }

    public SensorSettings withIntervals(Duration smoke, Duration water, Duration alarm) {
        return new SensorSettings(smoke, water, alarm, alarmLevel, replaySpeed, silentOneIn, lowBatteryOneIn);
    }

    public SensorSettings withReplaySpeed(double speed) {
        return new SensorSettings(smokeInterval, waterInterval, alarmInterval, alarmLevel, speed, silentOneIn,
                lowBatteryOneIn);
    }

    public SensorSettings withFailures(int silentOneIn, int lowBatteryOneIn) {
        return new SensorSettings(smokeInterval, waterInterval, alarmInterval, alarmLevel, replaySpeed, silentOneIn,
                lowBatteryOneIn);
    }
}
