package io.gridwatch.simulator.scenario;

import io.gridwatch.simulator.fleet.FleetDevice;
import io.gridwatch.simulator.signal.FireCurve;
import io.gridwatch.simulator.signal.SmokeSignal;
import java.time.Duration;
import java.util.Locale;

/**
 * A simulated smoke detector: {@link SmokeSignal} plus, once a fire's smoke reaches it, the {@link FireCurve};
 * its own alarm flag at {@code alarmLevel}; reporting every {@code smokeInterval}, or every {@code alarmInterval}
 * once smoke from a fire has reached it. Immutable.
 *
 * <p>Payload: {@code {"ts", "seq", "obscuration": %/m, "alarm": bool, "battery": %}}.
 */
public final class SmokeDetector extends SensorLife {

    /** Smoke doubles every 12 s: 0.5 → 4 %/m, the alarm, 36 s after it reaches the detector (a flaming fire). */
    static final FireCurve FIRE = new FireCurve(12);

    private final SmokeSignal signal;
    private final double smokeArrival;

    /** @param smokeArrival seconds after the start when a fire's smoke reaches it; NaN for never */
    public SmokeDetector(FleetDevice device, long seed, double smokeArrival, SensorSettings settings) {
        super(device, seed, settings);
        this.signal = new SmokeSignal(seed, device.index());
        this.smokeArrival = smokeArrival;
    }

    /** Obscuration in %/m at {@code seconds}, to the hundredth. */
    public double obscuration(double seconds) {
        double fire = Double.isNaN(smokeArrival) ? 0 : FIRE.obscuration(seconds - smokeArrival);
        return Math.round((signal.obscuration(seconds) + fire) * 100) / 100.0;
    }

    @Override
    public String payload(double seconds, long tsMillis, long seq) {
        double obscuration = obscuration(seconds);
        return String.format(Locale.ROOT, "{\"ts\":%d,\"seq\":%d,\"obscuration\":%.2f,\"alarm\":%b,\"battery\":%d}",
                tsMillis, seq, obscuration, obscuration >= settings.alarmLevel(), battery.percent(seconds));
    }

    @Override
    public Duration intervalAfter(double seconds) {
        return !Double.isNaN(smokeArrival) && seconds >= smokeArrival ? settings.alarmInterval()
                : settings.smokeInterval();
    }
}
