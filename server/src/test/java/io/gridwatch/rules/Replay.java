package io.gridwatch.rules;

import io.gridwatch.model.Device;
import io.gridwatch.model.Reading;
import java.util.ArrayList;
import java.util.List;

/** Feeds readings through one rule, keeping its state and every decision (NONE included, in order). */
final class Replay<S> {

    private final ReadingRule<S> rule;
    private final Device device;
    private S state;
    final List<Decision> decisions = new ArrayList<>();

    Replay(ReadingRule<S> rule, S initial, Device device) {
        this.rule = rule;
        this.state = initial;
        this.device = device;
    }

    /** Feeds one reading and returns its decision. */
    Decision feed(Reading reading) {
        Outcome<S> outcome = rule.apply(state, device, reading);
        state = outcome.state();
        decisions.add(outcome.decision());
        return outcome.decision();
    }

    Replay<S> feedAll(List<Reading> readings) {
        readings.forEach(this::feed);
        return this;
    }

    S state() {
        return state;
    }

    List<Decision.Raise> raises() {
        return decisions.stream().filter(Decision.Raise.class::isInstance).map(Decision.Raise.class::cast).toList();
    }

    /** The raises that opened or raised the severity, leaving out the repeats. */
    List<Decision.Raise> newRaises() {
        return raises().stream().filter(raise -> !raise.repeat()).toList();
    }

    List<Decision.Clear> clears() {
        return decisions.stream().filter(Decision.Clear.class::isInstance).map(Decision.Clear.class::cast).toList();
    }
}
