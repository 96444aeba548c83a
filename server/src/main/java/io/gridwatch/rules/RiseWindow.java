package io.gridwatch.rules;

import io.gridwatch.rules.WaterLevelState.LevelPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A fast-rise test shared by the rules that judge a rate of rise (water level, heat): at least {@code amount} within
 * any span up to {@code window}, or the same average rate over a span up to twice the window (so that a device that
 * reports less often than the window is still judged; one that reports less often than twice the window is not).
 * Keeps the recent values a rise could still be measured from. Immutable and thread-safe.
 */
final class RiseWindow {

    // values are decimals: 1.62 - 1.52 must count as the 0.10 it is
    private static final double EPSILON = 1e-9;

    private final double amount;
    private final Duration window;
    private final int maxRecent;

    RiseWindow(double amount, Duration window, int maxRecent) {
        this.amount = amount;
        this.window = window;
        this.maxRecent = maxRecent;
    }

    double amount() {
        return amount;
    }

    Duration window() {
        return window;
    }

    /** A rise that is fast enough: {@code amount} over {@code span}. */
    record Rise(double amount, Duration span) {

        /** The average rate per minute. */
        double perMinute() {
            return amount * 60_000.0 / Math.max(1, span.toMillis());
        }
    }

    /** The fastest qualifying rise from a remembered value to this one, relative to what its span requires; or null. */
    Rise fastest(List<LevelPoint> recent, Instant ts, double value) {
        long windowMillis = window.toMillis();
        Rise fastest = null;
        double bestRatio = 0;
        for (LevelPoint from : recent) {
            long span = Duration.between(from.ts(), ts).toMillis();
            if (span <= 0 || span > 2 * windowMillis) {
                continue;
            }
            // within the window the rise itself counts; beyond it the average rate must match
            double required = amount * Math.max(1.0, (double) span / windowMillis);
            double rise = value - from.level();
            if (rise + EPSILON >= required && rise / required > bestRatio) {
                bestRatio = rise / required;
                fastest = new Rise(rise, Duration.ofMillis(span));
            }
        }
        return fastest;
    }

    /** The remembered values after an in-order reading: too old and dominated ones dropped, this one added. */
    List<LevelPoint> remember(List<LevelPoint> recent, Instant ts, double value) {
        Instant horizon = ts.minus(window.multipliedBy(2));
        List<LevelPoint> kept = new ArrayList<>(recent.size() + 1);
        for (LevelPoint point : recent) {
            if (!point.ts().isBefore(horizon)) {
                kept.add(point);
            }
        }
        // an earlier value at or above this one can never start a faster rise than this one will
        while (!kept.isEmpty() && kept.get(kept.size() - 1).level() >= value) {
            kept.remove(kept.size() - 1);
        }
        kept.add(new LevelPoint(ts, value));
        if (kept.size() > maxRecent) {
            kept = kept.subList(kept.size() - maxRecent, kept.size());
        }
        return kept;
    }
}
