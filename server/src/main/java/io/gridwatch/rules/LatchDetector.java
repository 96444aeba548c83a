package io.gridwatch.rules;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.SensorKind;
import io.gridwatch.model.Severity;
import java.util.Objects;

/**
 * What every detector whose per-device state is a bare {@link Latch} has in common: its name, its alert kind, which
 * sensor kind it judges (or every kind), and its initial and restored state. Subclasses add only {@link #apply}.
 */
abstract class LatchDetector implements Detector<Latch> {

    private final String name;
    private final AlertKind alertKind;
    private final SensorKind kind;

    /** @param kind the sensor kind it judges; null for every kind */
    LatchDetector(String name, AlertKind alertKind, SensorKind kind) {
        this.name = Objects.requireNonNull(name, "name");
        this.alertKind = Objects.requireNonNull(alertKind, "alertKind");
        this.kind = kind;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final AlertKind alertKind() {
        return alertKind;
    }

    @Override
    public final boolean judges(SensorKind sensor) {
        return kind == null || kind == sensor;
    }

    @Override
    public final Latch initial() {
        return Latch.IDLE;
    }

    @Override
    public final Latch raisedAt(Severity open) {
        return Latch.raisedAt(open);
    }
}
