package io.gridwatch.rules;

import io.gridwatch.model.Device;
import io.gridwatch.model.KindDefaults;
import io.gridwatch.model.Reading;
import io.gridwatch.model.ReadingField;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The urgent lane for alerts a rate of rise raises on its own (a heat detector warming fast below its line, a gauge
 * rising fast), which the stateless {@link Urgency} cannot see: remembers each device's newest value of its kind's
 * measure (kinds with a default rise only: water level, heat) and calls a reading urgent when it rose from there at
 * half the kind's rate of rise or faster, over a span of up to twice the rise window (the rules judge no longer
 * span). It only picks a lane: a reading wrongly called urgent is merely stored and judged sooner, one missed (a rise
 * made of slower steps) is judged in the ordinary lane, and the rules decide both alike.
 *
 * <p>Thread-safe; one small entry per device of those kinds.
 */
public final class RiseUrgency {

    private static final double SHARE_OF_RATE = 0.5;

    private record Last(long millis, double value) {
    }

    private final Map<String, Last> newest = new ConcurrentHashMap<>();

    /** Whether {@code reading} rose fast from the device's newest value before it; remembers it when newer. */
    public boolean rising(Device device, Reading reading) {
        KindDefaults defaults = device.kind().defaults();
        ReadingField measure = measure(device);
        if (defaults.rise() == null || measure == null) {
            return false;
        }
        Double value = reading.number(measure.name());
        if (value == null) {
            return false;
        }
        long millis = reading.ts().toEpochMilli();
        Last[] before = new Last[1];
        newest.compute(device.id(), (id, last) -> {
            before[0] = last;
            return last == null || last.millis() < millis ? new Last(millis, value) : last;
        });
        Last last = before[0];
        long window = defaults.riseWindow().toMillis();
        long span = last == null ? 0 : millis - last.millis();
        if (span <= 0 || span > 2 * window) {
            return false;
        }
        return value - last.value() >= SHARE_OF_RATE * defaults.rise() * span / window;
    }

    /** The kind's first number: the one its rise is about (level, temperature). */
    private static ReadingField measure(Device device) {
        for (ReadingField field : device.kind().fields()) {
            if (field.isNumber()) {
                return field;
            }
        }
        return null;
    }
}
