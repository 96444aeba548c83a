package io.gridwatch.simulator.scenario;

import io.gridwatch.simulator.fleet.FleetDevice;
import io.gridwatch.simulator.signal.HeatSignal;
import java.time.Duration;
import java.util.Locale;

/**
 * A simulated heat detector: {@link HeatSignal}, its own alarm flag at {@value #OWN_ALARM_C} °C (an EN 54-5 class
 * A1 fixed point), reporting every {@code smokeInterval}, every {@code alarmInterval} once its room heats up.
 * Immutable.
 *
 * <p>Payload: {@code {"ts", "seq", "temp_c": °C, "alarm": bool, "battery": %}}.
 */
public final class HeatDetector extends SensorLife {

    static final double OWN_ALARM_C = 57;

    private final HeatSignal signal;
    private final double fireAt;

    /** @param fireAt seconds after the start when its room starts heating; NaN for never */
    public HeatDetector(FleetDevice device, long seed, double fireAt, SensorSettings settings) {
        super(device, seed, settings);
        this.signal = new HeatSignal(seed, device.index(), fireAt);
        this.fireAt = fireAt;
    }

    @Override
    public String payload(double seconds, long tsMillis, long seq) {
        double temp = Math.round(signal.temperature(seconds) * 10) / 10.0;
        return String.format(Locale.ROOT, "{\"ts\":%d,\"seq\":%d,\"temp_c\":%.1f,\"alarm\":%b,\"battery\":%d}",
                tsMillis, seq, temp, temp >= OWN_ALARM_C, battery.percent(seconds));
    }

    @Override
    public Duration intervalAfter(double seconds) {
        return !Double.isNaN(fireAt) && seconds >= fireAt ? settings.alarmInterval() : settings.smokeInterval();
    }
}
