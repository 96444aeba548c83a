package io.gridwatch.rules;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.gridwatch.model.Thresholds;
import io.gridwatch.rules.WaterLevelState.LevelPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Water level against the gauge's own lines ({@code Thresholds}, metres above the gauge datum):
 * <ul>
 * <li>over {@code danger} → {@link Severity#CRITICAL}; at or over {@code warn} → {@link Severity#MAJOR};
 * <li>a fast rise → {@link Severity#MAJOR} even below {@code warn}: at least {@code riseAmount} within any span up
 *     to {@code riseWindow}, or the same average rate over a span up to twice the window (so that a gauge that
 *     reports less often than the window, such as every 15 minutes against a 10-minute window, is still judged;
 *     gauges that report less often than twice the window are not judged for rate).
 * </ul>
 * Both feed one alert per gauge. It clears when no rise is fast and the level has stayed under the lowest line set
 * minus {@code clearMargin} for {@code clearHold} (hysteresis: a gauge hovering at the line raises once and never
 * flaps). A gauge without lines is judged on its rise alone and clears once it has not risen fast for the hold.
 *
 * <p>Late readings (see {@link Latch}) are judged against the lines but ignored for the rise: a level from the past
 * compared with a newer one would make a rise out of the order of arrival.
 *
 * <p>Stateless apart from its settings: thread-safe. The per-device state is a {@link WaterLevelState}.
 */
public final class WaterLevelRule extends KindDetector<WaterLevelState> {

    /** The most recent levels kept per gauge; bounds memory for a gauge that reports every second while rising. */
    public static final int MAX_RECENT = 128;

    private final RuleSettings settings;
    private final RiseWindow rises;

    public WaterLevelRule(RuleSettings settings) {
        super("water_level", AlertKind.WATER_LEVEL, KindRegistry.WATER_LEVEL, WaterLevelState.INITIAL,
                open -> new WaterLevelState(Latch.raisedAt(open), List.of()));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rises = new RiseWindow(settings.riseAmount(), settings.riseWindow(), MAX_RECENT);
    }

    @Override
    public Outcome<WaterLevelState> apply(WaterLevelState state, Device device, Reading reading) {
        Double level = reading.number("level");
        if (level == null) {
            return Outcome.quiet(state);
        }
        Instant ts = reading.ts();
        Thresholds lines = device.thresholds();
        boolean late = state.latch().isLate(ts);
        RiseWindow.Rise rise = late ? null : rises.fastest(state.recent(), ts, level);

        Severity byLine = severityByLine(lines, level);
        Severity condition = Severity.max(byLine, rise == null ? null : Severity.MAJOR);
        Double lowest = lines.warn() != null ? lines.warn() : lines.danger();
        boolean clearable = lowest == null || level < lowest - settings.clearMargin();

        Latch.Step step = state.latch().advance(ts, condition, clearable, settings.clearHold());
        List<LevelPoint> recent = late ? state.recent() : rises.remember(state.recent(), ts, level);
        Decision decision = switch (step.change()) {
            case RAISED, REPEATED -> new Decision.Raise(reading.deviceId(), AlertKind.WATER_LEVEL,
                    step.next().raised(), level, raiseReason(lines, level, byLine, rise), ts,
                    step.change() == Latch.Change.REPEATED);
            case CLEARED -> new Decision.Clear(reading.deviceId(), AlertKind.WATER_LEVEL, level,
                    clearReason(level, lowest, step.clearedAfter()), ts);
            case NONE -> Decision.NONE;
        };
        return new Outcome<>(new WaterLevelState(step.next(), recent), decision);
    }

    private static Severity severityByLine(Thresholds lines, double level) {
        if (lines.danger() != null && level > lines.danger()) {
            return Severity.CRITICAL;
        }
        if (lines.warn() != null && level >= lines.warn()) {
            return Severity.MAJOR;
        }
        return null;
    }

    private Reason raiseReason(Thresholds lines, double level, Severity byLine, RiseWindow.Rise rise) {
        String code = byLine == Severity.CRITICAL ? "water_level.over_danger"
                : byLine == Severity.MAJOR ? "water_level.over_warn" : "water_level.rise";
        Reason.Builder reason = Reason.code(code).with("level", level);
        if (byLine != null) {
            reason.with("line", byLine == Severity.CRITICAL ? lines.danger() : lines.warn());
        }
        if (rise != null) {
            reason.with("rise_m", rise.amount()).with("span_s", rise.span().toSeconds())
                    .with("limit_m", settings.riseAmount()).with("window_s", settings.riseWindow().toSeconds());
        }
        return reason.text(raiseText(lines, level, byLine, rise));
    }

    private String raiseText(Thresholds lines, double level, Severity byLine, RiseWindow.Rise rise) {
        List<String> parts = new ArrayList<>(2);
        if (byLine == Severity.CRITICAL) {
            parts.add(String.format(Locale.ROOT, "level %.3f m over the danger line %.3f m", level, lines.danger()));
        } else if (byLine == Severity.MAJOR) {
            parts.add(String.format(Locale.ROOT, "level %.3f m at or over the warn line %.3f m", level, lines.warn()));
        }
        if (rise != null) {
            parts.add(String.format(Locale.ROOT, "rose %.3f m in %s (limit %.3f m in %s)", rise.amount(),
                    minutes(rise.span()), settings.riseAmount(), minutes(settings.riseWindow())));
        }
        return String.join("; ", parts);
    }

    private Reason clearReason(double level, Double lowest, Duration clearFor) {
        if (lowest == null) {
            return Reason.code("water_level.clear_no_rise").with("level", level).with("after_s", clearFor.toSeconds())
                    .text(String.format(Locale.ROOT, "level %.3f m, no fast rise for %s", level, minutes(clearFor)));
        }
        return Reason.code("water_level.clear").with("level", level).with("line", lowest)
                .with("margin_m", settings.clearMargin()).with("after_s", clearFor.toSeconds()).text(String.format(Locale.ROOT, "level %.3f m under %.3f m (lowest line %.3f m minus %.3f m margin) for %s",
                level, lowest - settings.clearMargin(), lowest, settings.clearMargin(), minutes(clearFor)));
    }

    private static String minutes(Duration span) {
        long seconds = span.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : String.format(Locale.ROOT, "%.1f min", seconds / 60.0);
    }
}
