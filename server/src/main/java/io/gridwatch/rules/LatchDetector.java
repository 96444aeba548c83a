package io.gridwatch.rules;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.SensorKind;

/** A detector whose per-device state is a bare {@link Latch}: smoke, gas, battery. Subclasses add only {@link #apply}. */
abstract class LatchDetector extends KindDetector<Latch> {

    /** @param kind the sensor kind it judges; null for every kind */
    LatchDetector(String name, AlertKind alertKind, SensorKind kind) {
        super(name, alertKind, kind, Latch.IDLE, Latch::raisedAt);
    }
}
