package io.gridwatch.rules;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.gridwatch.model.Thresholds;
import java.time.Duration;
import java.util.Locale;

/**
 * Combustible gas (ARCHITECTURE 3.7), in % of the lower explosive limit: at or over {@code warn} (default 20 %LEL)
 * {@link Severity#MAJOR}; at or over {@code danger} (default 50 %LEL), or the detector's own alarm flag,
 * {@link Severity#CRITICAL} (the GB 15322 alarm points). The device's {@code Thresholds} override the defaults line
 * by line.
 *
 * <p>Hysteresis: the alert clears only once the flag is off and the concentration has stayed under the lowest line
 * minus {@value #CLEAR_MARGIN_LEL} %LEL for {@link #CLEAR_HOLD}; a value hovering at a line raises once (then repeats)
 * and never flaps. Severity never drops within an episode. Late readings can raise but not clear ({@link Latch}).
 *
 * <p>Stateless: thread-safe. The per-device state is a {@link Latch}.
 */
public final class GasRule extends LatchDetector {

    /** A catalytic or infrared sensor's noise is 1-2 %LEL; 5 below the line is clearly back. */
    public static final double CLEAR_MARGIN_LEL = 5.0;
    /** A leak that is being ventilated puffs around the line; it must stay low for a minute. */
    public static final Duration CLEAR_HOLD = Duration.ofSeconds(60);

    public GasRule() {
        super("gas", AlertKind.GAS, KindRegistry.GAS);
    }

    @Override
    public Outcome<Latch> apply(Latch state, Device device, Reading reading) {
        Double lel = reading.number("lel");
        if (lel == null) {
            return Outcome.quiet(state);
        }
        Thresholds lines = KindRegistry.GAS.defaults().over(device.thresholds());
        boolean flag = Boolean.TRUE.equals(reading.alarm());
        Severity byLine = Lines.severity(lines, lel);
        Severity condition = flag ? Severity.CRITICAL : byLine;
        double lowest = Lines.lowest(lines);
        boolean clearable = !flag && lel < lowest - CLEAR_MARGIN_LEL;
        Latch.Step step = state.advance(reading.ts(), condition, clearable, CLEAR_HOLD);
        Decision decision = step.decision(reading.deviceId(), AlertKind.GAS, lel, reading.ts(),
                () -> raiseReason(flag, byLine, lel, lines),
                after -> Reason.code("gas.clear").with("lel", lel).with("line", lowest)
                        .with("margin", CLEAR_MARGIN_LEL).with("after_s", after.toSeconds())
                        .text(String.format(Locale.ROOT, "alarm flag off and gas %.1f %%LEL under %.1f %%LEL for %d s",
                                lel, lowest - CLEAR_MARGIN_LEL, after.toSeconds())));
        return new Outcome<>(step.next(), decision);
    }

    private static Reason raiseReason(boolean flag, Severity byLine, double lel, Thresholds lines) {
        if (flag) {
            return Reason.code("gas.alarm").with("lel", lel)
                    .text(String.format(Locale.ROOT, "detector alarm flag set (gas %.1f %%LEL)", lel));
        }
        boolean danger = byLine == Severity.CRITICAL;
        double line = danger ? lines.danger() : lines.warn();
        return Reason.code(danger ? "gas.over_danger" : "gas.over_warn").with("lel", lel).with("line", line)
                .text(String.format(Locale.ROOT, "gas %.1f %%LEL at or over the %s line %.1f %%LEL", lel,
                        danger ? "danger" : "warn", line));
    }
}
