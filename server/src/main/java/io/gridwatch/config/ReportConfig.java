package io.gridwatch.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Snap-and-report uploads and merging; see the README's settings table. Immutable.
 *
 * @param maxBytes the largest photo accepted, in bytes ({@code GRIDWATCH_REPORT_MAX_BYTES}, default 10 MiB)
 * @param maxPixels the most pixels (width × height, read from the image header before decoding) accepted
 *     ({@code GRIDWATCH_REPORT_MAX_PIXELS}, default 40 megapixels)
 * @param perMinute uploads allowed per client address per minute, as a bucket of that many refilled evenly
 *     ({@code GRIDWATCH_REPORT_RATE}, default 10)
 * @param mergeMetres a report this close to a report of an open alert of the same hazard joins it
 *     ({@code GRIDWATCH_REPORT_MERGE_M}, default 100)
 * @param mergeWindow … when that report is at most this old ({@code GRIDWATCH_REPORT_MERGE_WINDOW}, ISO-8601,
 *     default PT30M)
 */
public record ReportConfig(long maxBytes, long maxPixels, int perMinute, double mergeMetres, Duration mergeWindow) {

    public static final ReportConfig DEFAULTS = new ReportConfig(10L * 1024 * 1024, 40_000_000L, 10, 100,
            Duration.ofMinutes(30));

    public ReportConfig {
        if (maxBytes < 1 || maxPixels < 1 || perMinute < 1 || !(mergeMetres >= 0) || mergeWindow.isNegative()) {
            throw new ConfigException("report settings must be positive");
        }
    }

    static ReportConfig fromEnv(Env env) {
        return new ReportConfig(
                number(env, "GRIDWATCH_REPORT_MAX_BYTES", DEFAULTS.maxBytes()),
                number(env, "GRIDWATCH_REPORT_MAX_PIXELS", DEFAULTS.maxPixels()),
                (int) Math.min(Integer.MAX_VALUE, number(env, "GRIDWATCH_REPORT_RATE", DEFAULTS.perMinute())),
                number(env, "GRIDWATCH_REPORT_MERGE_M", (long) DEFAULTS.mergeMetres()),
                env.text("GRIDWATCH_REPORT_MERGE_WINDOW").map(ReportConfig::window).orElse(DEFAULTS.mergeWindow()));
    }

    private static long number(Env env, String name, long fallback) {
        return env.text(name).map(value -> {
            try {
                long n = Long.parseLong(value);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigException(name + " must be a whole number of at least 1, got \"" + value + "\"");
        }).orElse(fallback);
    }

    private static Duration window(String value) {
        try {
            Duration window = Duration.parse(value);
            if (!window.isNegative()) {
                return window;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new ConfigException("GRIDWATCH_REPORT_MERGE_WINDOW must be an ISO-8601 duration such as PT30M, got \""
                + value + "\"");
    }
}
