package io.gridwatch.rules;

import io.gridwatch.device.Device;
import io.gridwatch.device.Thresholds;
import io.gridwatch.ingest.Reading;
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
public final class WaterLevelRule implements ReadingRule<WaterLevelState> {

    /** The most recent levels kept per gauge; bounds memory for a gauge that reports every second while rising. */
    public static final int MAX_RECENT = 128;

    // levels are decimals in metres: 1.62 - 1.52 must count as the 0.10 m it is
    private static final double EPSILON = 1e-9;

    private final RuleSettings settings;

    public WaterLevelRule(RuleSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Outcome<WaterLevelState> apply(WaterLevelState state, Device device, Reading reading) {
        Double level = reading.level();
        if (level == null) {
            return Outcome.quiet(state);
        }
        Instant ts = reading.ts();
        Thresholds lines = device.thresholds();
        boolean late = state.latch().isLate(ts);
        Rise rise = late ? null : fastestRise(state.recent(), ts, level);

        Severity byLine = severityByLine(lines, level);
        Severity condition = Severity.max(byLine, rise == null ? null : Severity.MAJOR);
        Double lowest = lines.warn() != null ? lines.warn() : lines.danger();
        boolean clearable = lowest == null || level < lowest - settings.clearMargin();

        Latch.Step step = state.latch().advance(ts, condition, clearable, settings.clearHold());
        List<LevelPoint> recent = late ? state.recent() : remember(state.recent(), ts, level);
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

    /** A rise that is fast enough: {@code amount} metres over {@code span}. */
    private record Rise(double amount, Duration span) {
    }

    /** The fastest qualifying rise from a remembered level to this one, relative to what its span requires. */
    private Rise fastestRise(List<LevelPoint> recent, Instant ts, double level) {
        long window = settings.riseWindow().toMillis();
        Rise fastest = null;
        double bestRatio = 0;
        for (LevelPoint from : recent) {
            long span = Duration.between(from.ts(), ts).toMillis();
            if (span <= 0 || span > 2 * window) {
                continue;
            }
            // within the window the rise itself counts; beyond it the average rate must match
            double required = settings.riseAmount() * Math.max(1.0, (double) span / window);
            double amount = level - from.level();
            if (amount + EPSILON >= required && amount / required > bestRatio) {
                bestRatio = amount / required;
                fastest = new Rise(amount, Duration.ofMillis(span));
            }
        }
        return fastest;
    }

    /** The remembered levels after an in-order reading: too old and dominated ones dropped, this one added. */
    private List<LevelPoint> remember(List<LevelPoint> recent, Instant ts, double level) {
        Instant horizon = ts.minus(settings.riseWindow().multipliedBy(2));
        List<LevelPoint> kept = new ArrayList<>(recent.size() + 1);
        for (LevelPoint point : recent) {
            if (!point.ts().isBefore(horizon)) {
                kept.add(point);
            }
        }
        // an earlier level at or above this one can never start a faster rise than this one will
        while (!kept.isEmpty() && kept.get(kept.size() - 1).level() >= level) {
            kept.remove(kept.size() - 1);
        }
        kept.add(new LevelPoint(ts, level));
        if (kept.size() > MAX_RECENT) {
            kept = kept.subList(kept.size() - MAX_RECENT, kept.size());
        }
        return kept;
    }

    private String raiseReason(Thresholds lines, double level, Severity byLine, Rise rise) {
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

    private String clearReason(double level, Double lowest, Duration clearFor) {
        if (lowest == null) {
            return String.format(Locale.ROOT, "level %.3f m, no fast rise for %s", level, minutes(clearFor));
        }
        return String.format(Locale.ROOT, "level %.3f m under %.3f m (lowest line %.3f m minus %.3f m margin) for %s",
                level, lowest - settings.clearMargin(), lowest, settings.clearMargin(), minutes(clearFor));
    }

    private static String minutes(Duration span) {
        long seconds = span.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : String.format(Locale.ROOT, "%.1f min", seconds / 60.0);
    }
}
