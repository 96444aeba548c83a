package io.gridwatch.rules;

import io.gridwatch.model.Device;
import io.gridwatch.model.Reading;
import io.gridwatch.model.ReadingField;
import io.gridwatch.model.Thresholds;

/**
 * Whether a reading may raise an alert, judged from the reading and its device alone (no rule state), so that it
 * can be told at once, before the reading is stored: the detector's own alarm flag is set, or one of the kind's
 * values is at or over the device's lowest alert line (its own thresholds, else its kind's defaults). Such a reading
 * takes the urgent lane to storage and to the rules; every other reading is ordinary, and the rules judge both alike.
 *
 * <p>Not caught here: an alert raised by a rate of rise alone (a heat detector warming 8 °C a minute below its
 * line, a gauge without lines rising fast), which {@link RiseUrgency} catches from the device's previous value; and
 * the offline and battery alerts, which are minor or need the device's history, judged in the ordinary lane.
 *
 * <p>Pure and stateless: thread-safe.
 */
public final class Urgency {

    private Urgency() {
    }

    public static boolean of(Device device, Reading reading) {
        Thresholds lines = device.kind().defaults().over(device.thresholds());
        Double lowest = lowest(lines.warn(), lines.danger());
        for (ReadingField field : device.kind().fields()) {
            if (field.isNumber()) {
                Double value = reading.number(field.name());
                if (lowest != null && value != null && value >= lowest) {
                    return true;
                }
            } else if (Boolean.TRUE.equals(reading.values().flag(field.name()))) {
                return true;
            }
        }
        return false;
    }

    private static Double lowest(Double a, Double b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.min(a, b);
    }
}
