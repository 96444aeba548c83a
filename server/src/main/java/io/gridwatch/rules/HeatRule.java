package io.gridwatch.rules;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindDefaults;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.gridwatch.model.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Heat (ARCHITECTURE 3.7): {@link Severity#CRITICAL} on the detector's own alarm flag, at or over {@code danger}
 * (default 57 °C, the fixed point of an EN 54-5 class A1 detector) or on a rise of at least 8 °C within a minute (or
 * the same rate over up to two minutes, for a detector that reports less often); at or over {@code warn} (no default)
 * {@link Severity#MAJOR}. The device's {@code Thresholds} override the lines.
 *
 * <p>Hysteresis: it clears once the flag is off, no rise is fast, and the temperature has stayed under the lowest
 * line minus {@value #CLEAR_MARGIN_C} °C for {@link #CLEAR_HOLD}, so a room hovering at the line does not flap. Late
 * readings are judged against the lines but ignored for the rise, and never clear ({@link Latch}).
 *
 * <p>Stateless: thread-safe. The per-device state is a {@link HeatState}.
 */
public final class HeatRule extends KindDetector<HeatState> {

    /** A detector near a hot kitchen range wavers by a degree or two; five below the line is clearly cooler. */
    public static final double CLEAR_MARGIN_C = 5.0;
    public static final Duration CLEAR_HOLD = Duration.ofSeconds(60);
    /** The most recent temperatures kept per detector. */
    public static final int MAX_RECENT = 64;

    private final RiseWindow rises;

    public HeatRule() {
        super("heat", AlertKind.HEAT, KindRegistry.HEAT, HeatState.INITIAL,
                open -> new HeatState(Latch.raisedAt(open), List.of()));
        KindDefaults defaults = KindRegistry.HEAT.defaults();
        this.rises = new RiseWindow(defaults.rise(), defaults.riseWindow(), MAX_RECENT);
    }

    @Override
    public Outcome<HeatState> apply(HeatState state, Device device, Reading reading) {
        Double temp = reading.number("temp_c");
        if (temp == null) {
            return Outcome.quiet(state);
        }
        Instant ts = reading.ts();
        Thresholds lines = KindRegistry.HEAT.defaults().over(device.thresholds());
        boolean flag = Boolean.TRUE.equals(reading.alarm());
        boolean late = state.latch().isLate(ts);
        RiseWindow.Rise rise = late ? null : rises.fastest(state.recent(), ts, temp);
        Severity byLine = Lines.severity(lines, temp);
        Severity condition = flag || rise != null ? Severity.CRITICAL : byLine;
        double lowest = Lines.lowest(lines);
        boolean clearable = !flag && rise == null && temp < lowest - CLEAR_MARGIN_C;
        Latch.Step step = state.latch().advance(ts, condition, clearable, CLEAR_HOLD);
        Decision decision = step.decision(reading.deviceId(), AlertKind.HEAT, temp, ts,
                () -> raiseReason(flag, byLine, rise, temp, lines),
                after -> Reason.code("heat.clear").with("temp_c", temp).with("line", lowest)
                        .with("margin", CLEAR_MARGIN_C).with("after_s", after.toSeconds())
                        .text(String.format(Locale.ROOT, "alarm flag off, no fast rise and %.1f °C under %.1f °C for %d s",
                                temp, lowest - CLEAR_MARGIN_C, after.toSeconds())));
        return new Outcome<>(new HeatState(step.next(),
                late ? state.recent() : rises.remember(state.recent(), ts, temp)), decision);
    }

    private Reason raiseReason(boolean flag, Severity byLine, RiseWindow.Rise rise, double temp, Thresholds lines) {
        if (flag) {
            return Reason.code("heat.alarm").with("temp_c", temp)
                    .text(String.format(Locale.ROOT, "detector alarm flag set (%.1f °C)", temp));
        }
        if (byLine == Severity.CRITICAL) {
            return Reason.code("heat.over_danger").with("temp_c", temp).with("line", lines.danger())
                    .text(String.format(Locale.ROOT, "%.1f °C at or over the danger line %.1f °C", temp,
                            lines.danger()));
        }
        if (rise != null) {
            return Reason.code("heat.rise").with("temp_c", temp).with("rise_c", rise.amount())
                    .with("span_s", rise.span().toSeconds()).with("limit_c", rises.amount())
                    .with("window_s", rises.window().toSeconds())
                    .text(String.format(Locale.ROOT, "rose %.1f °C in %d s (limit %.1f °C per minute)", rise.amount(),
                            rise.span().toSeconds(), rises.amount()));
        }
        return Reason.code("heat.over_warn").with("temp_c", temp).with("line", lines.warn())
                .text(String.format(Locale.ROOT, "%.1f °C at or over the warn line %.1f °C", temp, lines.warn()));
    }
}
