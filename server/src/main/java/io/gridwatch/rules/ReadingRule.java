package io.gridwatch.rules;

import io.gridwatch.model.Device;
import io.gridwatch.model.Reading;

/**
 * A pure processor: (state, device, reading) → (next state, decision). Implementations keep no state of their own
 * besides their settings, do no I/O and read no clock, so they are deterministic and thread-safe; the state values
 * they take and return are immutable.
 *
 * @param <S> the rule's per-device state
 */
@FunctionalInterface
public interface ReadingRule<S> {

    /**
     * Judges one reading of {@code device}.
     *
     * @param state this device's state for this rule, as returned by the previous call (or the rule's initial state)
     */
    Outcome<S> apply(S state, Device device, Reading reading);
}
