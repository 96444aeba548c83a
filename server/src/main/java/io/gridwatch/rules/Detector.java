package io.gridwatch.rules;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.SensorKind;
import io.gridwatch.model.Severity;

/**
 * One entry of the {@link RuleEngine}'s list: a {@link ReadingRule} together with what the engine needs to run it
 * on the right devices and to keep its per-device state. A new detector is one class implementing this and one line
 * in {@link RuleEngine#standard}.
 *
 * @param <S> the detector's per-device state, an immutable value
 */
public interface Detector<S> extends ReadingRule<S> {

    /** A short name for logs and the registry's {@code rule} ({@code "gas"}); unique in an engine. */
    String name();

    /** The alert kind it raises and clears. */
    AlertKind alertKind();

    /** Whether it judges readings of devices of {@code kind}. */
    boolean judges(SensorKind kind);

    /** The state of a device it knows nothing about yet. */
    S initial();

    /**
     * The state after a restart without saved state, when the device still has an unresolved alert of
     * {@link #alertKind()} at {@code open} severity: raised, so that the alert can still clear.
     */
    S raisedAt(Severity open);
}
