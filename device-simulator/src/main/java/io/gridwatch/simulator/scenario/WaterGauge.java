package io.gridwatch.simulator.scenario;

import io.gridwatch.simulator.fleet.FleetDevice;
import io.gridwatch.simulator.signal.GaugeSignal;
import io.gridwatch.simulator.signal.Surge;
import io.gridwatch.simulator.signal.WaterLevelSeries;
import java.time.Duration;
import java.util.Locale;

/**
 * A simulated water-level gauge: the replayed real series ({@link GaugeSignal}) scaled to its thresholds, plus
 * the surge of a flood or storm when one reaches it; reporting every {@code waterInterval}. Immutable.
 *
 * <p>Payload: {@code {"ts", "seq", "level": metres above the gauge datum, "battery": %}}.
 */
public final class WaterGauge extends SensorLife {

    private final GaugeSignal signal;

    /** @param surge the flood or storm surge it sees; null for none */
    public WaterGauge(FleetDevice device, long seed, WaterLevelSeries series, Surge surge, SensorSettings settings) {
        super(device, seed, settings);
        this.signal = new GaugeSignal(series, seed, device.index(), device.warn(), device.danger(),
                settings.replaySpeed(), surge);
    }

    public double level(double seconds) {
        return signal.level(seconds);
    }

    @Override
    public String payload(double seconds, long tsMillis, long seq) {
        return String.format(Locale.ROOT, "{\"ts\":%d,\"seq\":%d,\"level\":%.3f,\"battery\":%d}", tsMillis, seq,
                level(seconds), battery.percent(seconds));
    }

    @Override
    public Duration intervalAfter(double seconds) {
        return settings.waterInterval();
    }
}
