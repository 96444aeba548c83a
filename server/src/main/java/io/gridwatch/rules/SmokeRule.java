package io.gridwatch.rules;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import java.util.Locale;
import java.util.Objects;

/**
 * Smoke: the detector's own alarm flag, or obscuration at or over the alarm line, is {@link Severity#CRITICAL}.
 * The line is the device's {@code Thresholds.warn} when set, else {@link RuleSettings#smokeObscuration()}. Every
 * reading that meets the condition raises (the lifecycle counts them); the alert clears once the flag is off and
 * obscuration is under the line for {@link RuleSettings#smokeClearHold()}. A late reading can raise but not clear
 * (see {@link Latch}).
 *
 * <p>Stateless apart from its settings: thread-safe. The per-device state is a {@link Latch}.
 */
public final class SmokeRule extends LatchDetector {

    private final RuleSettings settings;

    public SmokeRule(RuleSettings settings) {
        super("smoke", AlertKind.SMOKE, KindRegistry.SMOKE);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Outcome<Latch> apply(Latch state, Device device, Reading reading) {
        Double warn = device.thresholds().warn();
        double line = warn != null ? warn : settings.smokeObscuration();
        boolean flag = Boolean.TRUE.equals(reading.alarm());
        Double obscuration = reading.number("obscuration");
        boolean over = obscuration != null && obscuration >= line;
        Severity condition = flag || over ? Severity.CRITICAL : null;

        Latch.Step step = state.advance(reading.ts(), condition, true, settings.smokeClearHold());
        Decision decision = switch (step.change()) {
            case RAISED, REPEATED -> new Decision.Raise(reading.deviceId(), AlertKind.SMOKE, step.next().raised(),
                    obscuration, raiseReason(flag, over, obscuration, line, warn != null), reading.ts(),
                    step.change() == Latch.Change.REPEATED);
            case CLEARED -> new Decision.Clear(reading.deviceId(), AlertKind.SMOKE, obscuration,
                    Reason.code("smoke.clear").with("line", line).with("after_s", step.clearedAfter().toSeconds())
                            .text(String.format(Locale.ROOT, "alarm flag off and obscuration under %.2f %%/m for %d s",
                                    line, step.clearedAfter().toSeconds())), reading.ts());
            case NONE -> Decision.NONE;
        };
        return new Outcome<>(step.next(), decision);
    }

    private static Reason raiseReason(boolean flag, boolean over, Double obscuration, double line, boolean own) {
        String code = !over ? "smoke.alarm" : flag ? "smoke.alarm_over_line" : "smoke.over_line";
        Reason.Builder reason = Reason.code(code).with("obscuration", obscuration);
        if (over) {
            reason.with("line", line).with("line_source", own ? "device" : "default");
        }
        return reason.text(raiseText(flag, over, obscuration, line, own));
    }

    private static String raiseText(boolean flag, boolean over, Double obscuration, double line, boolean own) {
        String level = obscuration == null ? "no obscuration reported"
                : String.format(Locale.ROOT, "obscuration %.2f %%/m", obscuration);
        if (!over) {
            return "detector alarm flag set (" + level + ")";
        }
        String lineText = String.format(Locale.ROOT, "%s at or over the %s line %.2f %%/m", level,
                own ? "device's" : "default", line);
        return flag ? "detector alarm flag set, " + lineText : lineText;
    }
}
