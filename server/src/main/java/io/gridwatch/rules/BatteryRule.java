package io.gridwatch.rules;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Battery: a charge below {@link RuleSettings#batteryLow()} percent is {@link Severity#MINOR}; the alert clears on
 * the first reading at or above {@link RuleSettings#batteryClearAt()} (the margin is the hysteresis; a charge in
 * between keeps it raised quietly). Readings without a battery figure change nothing. Applies to every kind of
 * device. A late reading can raise but not clear (see {@link Latch}).
 *
 * <p>Stateless apart from its settings: thread-safe. The per-device state is a {@link Latch}.
 */
public final class BatteryRule extends LatchDetector {

    private final RuleSettings settings;

    public BatteryRule(RuleSettings settings) {
        super("battery", AlertKind.BATTERY, null);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Outcome<Latch> apply(Latch state, Device device, Reading reading) {
        Integer battery = reading.battery();
        if (battery == null) {
            return Outcome.quiet(state);
        }
        Severity condition = battery < settings.batteryLow() ? Severity.MINOR : null;
        boolean clearable = battery >= settings.batteryClearAt();
        // the margin already keeps it from flapping, and batteries are not replaced twice in a minute: no hold
        Latch.Step step = state.advance(reading.ts(), condition, clearable, Duration.ZERO);
        Decision decision = switch (step.change()) {
            case RAISED, REPEATED -> new Decision.Raise(reading.deviceId(), AlertKind.BATTERY, step.next().raised(),
                    battery.doubleValue(), Reason.code("battery.low").with("battery", battery)
                            .with("line", settings.batteryLow()).text(String.format(Locale.ROOT,
                                    "battery %d %% is below %d %%", battery, settings.batteryLow())),
                    reading.ts(), step.change() == Latch.Change.REPEATED);
            case CLEARED -> new Decision.Clear(reading.deviceId(), AlertKind.BATTERY, battery.doubleValue(),
                    Reason.code("battery.clear").with("battery", battery).with("line", settings.batteryClearAt())
                            .text(String.format(Locale.ROOT, "battery %d %% is at or above %d %%", battery,
                                    settings.batteryClearAt())), reading.ts());
            case NONE -> Decision.NONE;
        };
        return new Outcome<>(step.next(), decision);
    }
}
