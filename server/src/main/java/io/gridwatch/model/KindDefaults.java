package io.gridwatch.model;

import java.time.Duration;

/**
 * A kind's default alert lines, which a device's own {@link Thresholds} override field by field, and its default
 * rate of rise. Any of them may be null: the kind has no such line by default. Immutable.
 *
 * @param warn the line at or over which a reading is {@link Severity#MAJOR} (for smoke: the obscuration at which the
 *     detector counts as alarming, {@link Severity#CRITICAL})
 * @param danger the line at or over which a reading is {@link Severity#CRITICAL}
 * @param rise how much the kind's measure must rise within {@code riseWindow} to raise on its own
 * @param riseWindow the span the rise is measured over
 */
public record KindDefaults(Double warn, Double danger, Double rise, Duration riseWindow) {

    public static final KindDefaults NONE = new KindDefaults(null, null, null, null);

    public KindDefaults {
        if ((rise == null) != (riseWindow == null)) {
            throw new IllegalArgumentException("a rise needs both an amount and a window");
        }
    }

    /** The device's lines where it has them, these defaults elsewhere. */
    public Thresholds over(Thresholds own) {
        Thresholds device = own == null ? Thresholds.NONE : own;
        return new Thresholds(device.warn() != null ? device.warn() : warn,
                device.danger() != null ? device.danger() : danger);
    }
}
