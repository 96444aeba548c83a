package io.gridwatch.simulator.scenario;

import io.gridwatch.simulator.fleet.FleetDevice;
import io.gridwatch.simulator.signal.Battery;
import io.gridwatch.simulator.signal.GaugeSignal;
import io.gridwatch.simulator.signal.Silence;
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
public final class WaterGauge implements SimulatedSensor {

    private final FleetDevice device;
    private final GaugeSignal signal;
    private final Battery battery;
    private final Silence silence;
    private final SensorSettings settings;

    /** @param surge the flood or storm surge it sees; null for none */
    public WaterGauge(FleetDevice device, long seed, WaterLevelSeries series, Surge surge, SensorSettings settings) {
        this.device = device;
        this.signal = new GaugeSignal(series, seed, device.index(), device.warn(), device.danger(),
                settings.replaySpeed(), surge);
        this.battery = Battery.of(seed, device.index(), settings.lowBatteryOneIn());
        this.silence = Silence.of(seed, device.index(), settings.silentOneIn());
        this.settings = settings;
    }

    @Override
    public FleetDevice device() {
        return device;
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

    @Override
    public boolean silentAt(double seconds) {
        return silence.at(seconds);
    }
}
