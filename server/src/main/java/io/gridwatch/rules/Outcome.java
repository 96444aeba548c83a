package io.gridwatch.rules;

import java.util.Objects;

/**
 * What a rule returns for one step: its next state and its decision. The input state is never changed, so a rule
 * that throws leaves the caller with the state it had.
 *
 * @param <S> the rule's state type, an immutable value
 */
public record Outcome<S>(S state, Decision decision) {

    public Outcome {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(decision, "decision");
    }

    /** The state moves on, nothing to report. */
    public static <S> Outcome<S> quiet(S state) {
        return new Outcome<>(state, Decision.NONE);
    }
}
