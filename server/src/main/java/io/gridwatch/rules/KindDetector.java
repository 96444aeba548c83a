package io.gridwatch.rules;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.SensorKind;
import io.gridwatch.model.Severity;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every detector has in common but its judgement: its name, its alert kind, which sensor kind it judges (or
 * every kind), and its initial and restored state. Subclasses add only {@link #apply}.
 *
 * @param <S> the per-device state
 */
abstract class KindDetector<S> implements Detector<S> {

    private final String name;
    private final AlertKind alertKind;
    private final SensorKind kind;
    private final S initial;
    private final Function<Severity, S> raisedAt;

    /**
     * @param kind the sensor kind it judges; null for every kind
     * @param raisedAt the state after a restart with an unresolved alert at that severity (see {@link #raisedAt})
     */
    KindDetector(String name, AlertKind alertKind, SensorKind kind, S initial, Function<Severity, S> raisedAt) {
        this.name = Objects.requireNonNull(name, "name");
        this.alertKind = Objects.requireNonNull(alertKind, "alertKind");
        this.kind = kind;
        this.initial = Objects.requireNonNull(initial, "initial");
        this.raisedAt = Objects.requireNonNull(raisedAt, "raisedAt");
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
    public final S initial() {
        return initial;
    }

    @Override
    public final S raisedAt(Severity open) {
        return raisedAt.apply(open);
    }
}
