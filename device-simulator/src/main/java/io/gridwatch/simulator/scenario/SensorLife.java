package io.gridwatch.simulator.scenario;

import io.gridwatch.simulator.fleet.FleetDevice;
import io.gridwatch.simulator.signal.Battery;
import io.gridwatch.simulator.signal.Silence;

/**
 * What every simulated sensor has whatever it measures: its device, a draining battery and, for a few, the
 * moment it falls silent; both seeded per device. Subclasses add the measurement. Immutable.
 */
abstract class SensorLife implements SimulatedSensor {

    final FleetDevice device;
    final Battery battery;
    final SensorSettings settings;
    private final Silence silence;

    SensorLife(FleetDevice device, long seed, SensorSettings settings) {
        this.device = device;
        this.battery = Battery.of(seed, device.index(), settings.lowBatteryOneIn());
        this.silence = Silence.of(seed, device.index(), settings.silentOneIn());
        this.settings = settings;
    }

    @Override
    public FleetDevice device() {
        return device;
    }

    @Override
    public boolean silentAt(double seconds) {
        return silence.at(seconds);
    }
}
