package io.gridwatch.rules;

import io.gridwatch.config.ConfigException;
import io.gridwatch.model.KindRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The rules' tunables, parsed once and passed to the rules' constructors. Immutable.
 *
 * <p>Defaults and why:
 * <ul>
 * <li>{@code smokeObscuration} = 4.0 %/m. Photoelectric detectors listed to UL 217 must alarm between 0.5 and
 *     4.0 %/ft of grey smoke (≈ 1.6–12.5 %/m; the spread of real models across that range is measured in NIST
 *     Technical Note 1947, doi:10.6028/NIST.TN.1947). Typical heads are set well inside it: an addressable
 *     photoelectric sensor at 1.06 ± 0.26 %/ft (≈ 3.4 %/m), EN 54-7 optical detectors at a nominal 2.4 %/m. The
 *     server's line sits just above those so that it backs up a detector's own alarm flag (a detector that reports
 *     obscuration but whose flag is broken or disabled) rather than second-guessing it at lower smoke. A device's
 *     {@code Thresholds.warn} overrides it.
 * <li>{@code smokeClearHold} = 60 s: a smouldering fire puffs around the line; one clean reading is not enough.
 * <li>{@code riseAmount}/{@code riseWindow} = 0.10 m in 10 min: the figure. In a year of 15-minute levels
 *     of Lake Constance at Lindau (the shared test data) the typical 15-minute change is 0–1 cm and the largest
 *     is 8–9 cm, so the line stays quiet on a large, slow water body, while a flash flood or a blocked culvert
 *     crosses it within minutes.
 * <li>{@code clearMargin} = 0.05 m, {@code clearHold} = 10 min: a level gauge's noise and wave action are a few
 *     cm; the level must be clearly and lastingly back under the line before an alert clears.
 * <li>{@code offlineAfter} = 3 intervals: one lost reading is common on radio links, three in a row is not.
 *     {@code offlineDefaultInterval} = 60 s until a device's own interval is learned, and the learned interval is
 *     never taken shorter than {@code offlineMinInterval} = 30 s, so that a chatty device is not declared offline
 *     after a hiccup of a few seconds.
 * <li>{@code batteryLow} = 15 %, {@code batteryClearMargin} = 5 %: the issue names no figure; 15 % is low enough
 *     not to nag about healthy batteries and leaves time for a visit before the device dies. Clearing only at
 *     20 % keeps a battery whose reported charge wavers with temperature from flapping.
 * </ul>
 *
 * @param smokeObscuration obscuration (%/m) at or over which a smoke detector's reading is critical
 * @param smokeClearHold how long a smoke detector must read clear before its alert clears
 * @param riseAmount metres of rise within {@code riseWindow} that raise a major water-level alert
 * @param riseWindow the span the rise is measured over
 * @param clearMargin metres below the lowest water line the level must fall before its alert can clear
 * @param clearHold how long the level must stay that low
 * @param offlineAfter silence, in multiples of the device's usual interval, after which it is offline
 * @param offlineDefaultInterval the usual interval assumed until it is learned
 * @param offlineMinInterval the shortest usual interval ever assumed
 * @param batteryLow battery percent below which the battery is low
 * @param batteryClearMargin percent over {@code batteryLow} at or above which a low-battery alert clears
 */
public record RuleSettings(double smokeObscuration, Duration smokeClearHold, double riseAmount, Duration riseWindow,
        double clearMargin, Duration clearHold, double offlineAfter, Duration offlineDefaultInterval,
        Duration offlineMinInterval, int batteryLow, int batteryClearMargin) {

    /** The smoke line and the water rise are the registry's defaults for those kinds. */
    public static final RuleSettings DEFAULTS = new RuleSettings(KindRegistry.SMOKE.defaults().warn(),
            Duration.ofSeconds(60), KindRegistry.WATER_LEVEL.defaults().rise(),
            KindRegistry.WATER_LEVEL.defaults().riseWindow(), 0.05, Duration.ofMinutes(10), 3.0, Duration.ofSeconds(60), Duration.ofSeconds(30),
            15, 5);

    public RuleSettings {
        requireRange(smokeObscuration, 0, 100, "smoke obscuration");
        if (smokeObscuration == 0) {
            throw new IllegalArgumentException("smoke obscuration must be above 0 %/m");
        }
        requireNotNegative(smokeClearHold, "smoke clear hold");
        requireRange(riseAmount, 0.001, 100, "water rise");
        requirePositive(riseWindow, "water rise window");
        requireRange(clearMargin, 0, 100, "water clear margin");
        requireNotNegative(clearHold, "water clear hold");
        requireRange(offlineAfter, 1, 1000, "offline multiple");
        requirePositive(offlineDefaultInterval, "offline default interval");
        requirePositive(offlineMinInterval, "offline minimum interval");
        requireRange(batteryLow, 0, 100, "battery low");
        requireRange(batteryClearMargin, 0, 100 - batteryLow, "battery clear margin");
    }

    /**
     * Reads the settings from environment-style variables; unset or blank ones take the default. Durations are
     * written {@code 500ms}, {@code 90s}, {@code 10min}, {@code 2h}, as ISO-8601 ({@code PT10M}) or as plain
     * seconds; lengths are metres.
     * <pre>
     * GRIDWATCH_SMOKE_OBSCURATION        4.0    %/m
     * GRIDWATCH_SMOKE_CLEAR_HOLD         60s
     * GRIDWATCH_WATER_RISE_M             0.10   m, within GRIDWATCH_WATER_RISE_WINDOW
     * GRIDWATCH_WATER_RISE_WINDOW        10min
     * GRIDWATCH_WATER_CLEAR_MARGIN_M     0.05   m
     * GRIDWATCH_WATER_CLEAR_HOLD         10min
     * GRIDWATCH_OFFLINE_AFTER            3      multiples of the device's usual interval
     * GRIDWATCH_OFFLINE_DEFAULT_INTERVAL 60s
     * GRIDWATCH_OFFLINE_MIN_INTERVAL     30s
     * GRIDWATCH_BATTERY_LOW              15     %
     * GRIDWATCH_BATTERY_CLEAR_MARGIN     5      %
     * </pre>
     *
     * @throws ConfigException naming the variable and what it expects
     */
    public static RuleSettings fromEnv(Map<String, String> environment) {
        SettingValues env = new SettingValues(Objects.requireNonNull(environment, "environment"));
        RuleSettings d = DEFAULTS;
        double smoke = env.number("GRIDWATCH_SMOKE_OBSCURATION", d.smokeObscuration);
        Duration smokeHold = env.duration("GRIDWATCH_SMOKE_CLEAR_HOLD", d.smokeClearHold);
        double rise = env.number("GRIDWATCH_WATER_RISE_M", d.riseAmount);
        Duration riseWindow = env.duration("GRIDWATCH_WATER_RISE_WINDOW", d.riseWindow);
        double margin = env.number("GRIDWATCH_WATER_CLEAR_MARGIN_M", d.clearMargin);
        Duration hold = env.duration("GRIDWATCH_WATER_CLEAR_HOLD", d.clearHold);
        double after = env.number("GRIDWATCH_OFFLINE_AFTER", d.offlineAfter);
        Duration interval = env.duration("GRIDWATCH_OFFLINE_DEFAULT_INTERVAL", d.offlineDefaultInterval);
        Duration minInterval = env.duration("GRIDWATCH_OFFLINE_MIN_INTERVAL", d.offlineMinInterval);
        int low = env.whole("GRIDWATCH_BATTERY_LOW", d.batteryLow);
        int lowMargin = env.whole("GRIDWATCH_BATTERY_CLEAR_MARGIN", d.batteryClearMargin);
        try {
            return new RuleSettings(smoke, smokeHold, rise, riseWindow, margin, hold, after, interval, minInterval,
                    low, lowMargin);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("rule settings: " + e.getMessage());
        }
    }

    /** The battery percent at or above which a low-battery alert clears. */
    public int batteryClearAt() {
        return batteryLow + batteryClearMargin;
    }

    private static void requireRange(double value, double min, double max, String name) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", got " + value);
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero, got " + value);
        }
    }
}
