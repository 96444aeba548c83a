package io.gridwatch.simulator.scenario;

import io.gridwatch.simulator.fleet.DeviceKind;
import io.gridwatch.simulator.fleet.Fleet;
import io.gridwatch.simulator.fleet.FleetDevice;
import io.gridwatch.simulator.signal.WaterLevelSeries;
import java.util.List;

/** Builds the simulated sensors of a planned fleet under a scenario plan. Stateless. */
public final class Sensors {

    private Sensors() {
    }

    /** One sensor per device of {@code fleet}, in the fleet's order. */
    public static List<SimulatedSensor> of(Fleet fleet, ScenarioPlan plan, SensorSettings settings) {
        WaterLevelSeries series = fleet.count(DeviceKind.WATER_LEVEL) > 0 ? WaterLevelSeries.lindau() : null;
        return fleet.devices().stream().map(d -> sensor(d, fleet.seed(), plan, settings, series)).toList();
    }

    private static SimulatedSensor sensor(FleetDevice d, long seed, ScenarioPlan plan, SensorSettings settings,
            WaterLevelSeries series) {
        return switch (d.kind()) {
            case SMOKE -> new SmokeDetector(d, seed, plan.smokeArrival(d.id()).orElse(Double.NaN), settings);
            case WATER_LEVEL -> new WaterGauge(d, seed, series, plan.surge(d.id()), settings);
            case GAS -> OnsetDetector.gas(d, seed, plan.gasLeakArrival(d.id()).orElse(Double.NaN), settings);
            case HEAT -> OnsetDetector.heat(d, seed, plan.heatOnset(d.id()).orElse(Double.NaN), settings);
        };
    }
}
