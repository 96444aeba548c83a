package io.gridwatch.simulator.scenario;

import io.gridwatch.simulator.fleet.FleetDevice;
import io.gridwatch.simulator.signal.GasSignal;
import java.time.Duration;
import java.util.Locale;

/**
 * A simulated combustible-gas detector (a restaurant kitchen's): {@link GasSignal}, its own alarm flag at
 * {@value #OWN_ALARM_LEL} %LEL (a typical first alarm point of a GB 15322 detector), reporting every
 * {@code smokeInterval}, every {@code alarmInterval} once a leak reaches it. Immutable.
 *
 * <p>Payload: {@code {"ts", "seq", "lel": %LEL, "alarm": bool, "battery": %}}.
 */
public final class GasDetector extends SensorLife {

    static final double OWN_ALARM_LEL = 25;

    private final GasSignal signal;
    private final double leakAt;

    /** @param leakAt seconds after the start when a leak reaches it; NaN for never */
    public GasDetector(FleetDevice device, long seed, double leakAt, SensorSettings settings) {
        super(device, seed, settings);
        this.signal = new GasSignal(seed, device.index(), leakAt);
        this.leakAt = leakAt;
    }

    @Override
    public String payload(double seconds, long tsMillis, long seq) {
        double lel = Math.round(signal.lel(seconds) * 10) / 10.0;
        return String.format(Locale.ROOT, "{\"ts\":%d,\"seq\":%d,\"lel\":%.1f,\"alarm\":%b,\"battery\":%d}",
                tsMillis, seq, lel, lel >= OWN_ALARM_LEL, battery.percent(seconds));
    }

    @Override
    public Duration intervalAfter(double seconds) {
        return !Double.isNaN(leakAt) && seconds >= leakAt ? settings.alarmInterval() : settings.smokeInterval();
    }
}
