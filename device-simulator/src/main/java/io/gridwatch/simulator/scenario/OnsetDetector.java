package io.gridwatch.simulator.scenario;

import io.gridwatch.simulator.fleet.FleetDevice;
import io.gridwatch.simulator.signal.GasSignal;
import io.gridwatch.simulator.signal.HeatSignal;
import java.time.Duration;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * A simulated detector of one quantity that an incident drives up from its onset: it reports the signal's value to
 * the tenth, raises its own alarm flag at a fixed point, and reports every {@code smokeInterval}, every
 * {@code alarmInterval} once the incident has reached it. Immutable.
 *
 * <p>Payload: {@code {"ts", "seq", FIELD: value, "alarm": bool, "battery": %}}.
 */
public final class OnsetDetector extends SensorLife {

    /** A gas detector's own first alarm point in %LEL (typical of a GB 15322 detector). */
    static final double GAS_OWN_ALARM_LEL = 25;
    /** A heat detector's own alarm point in °C (an EN 54-5 class A1 fixed point). */
    static final double HEAT_OWN_ALARM_C = 57;

    private final String field;
    private final DoubleUnaryOperator signal;
    private final double ownAlarm;
    private final double onset;

    private OnsetDetector(FleetDevice device, long seed, SensorSettings settings, String field,
            DoubleUnaryOperator signal, double ownAlarm, double onset) {
        super(device, seed, settings);
        this.field = field;
        this.signal = signal;
        this.ownAlarm = ownAlarm;
        this.onset = onset;
    }

    /** A combustible-gas detector (a restaurant kitchen's), {@code lel} from {@link GasSignal}. */
    public static OnsetDetector gas(FleetDevice device, long seed, double leakAt, SensorSettings settings) {
        GasSignal gas = new GasSignal(seed, device.index(), leakAt);
        return new OnsetDetector(device, seed, settings, "lel", gas::lel, GAS_OWN_ALARM_LEL, leakAt);
    }

    /** A heat detector, {@code temp_c} from {@link HeatSignal}. */
    public static OnsetDetector heat(FleetDevice device, long seed, double fireAt, SensorSettings settings) {
        HeatSignal heat = new HeatSignal(seed, device.index(), fireAt);
        return new OnsetDetector(device, seed, settings, "temp_c", heat::temperature, HEAT_OWN_ALARM_C, fireAt);
    }

    @Override
    public String payload(double seconds, long tsMillis, long seq) {
        double value = Math.round(signal.applyAsDouble(seconds) * 10) / 10.0;
        return String.format(Locale.ROOT, "{\"ts\":%d,\"seq\":%d,\"%s\":%.1f,\"alarm\":%b,\"battery\":%d}",
                tsMillis, seq, field, value, value >= ownAlarm, battery.percent(seconds));
    }

    @Override
    public Duration intervalAfter(double seconds) {
        return !Double.isNaN(onset) && seconds >= onset ? settings.alarmInterval() : settings.smokeInterval();
    }
}
