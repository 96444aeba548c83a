package io.gridwatch.rules;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the rules remember about one device: one immutable value per {@link Detector}, by its name. The holder
 * itself is mutable: {@link RuleEngine} replaces a detector's value after each step.
 *
 * <p>Not thread-safe: the owner (one verticle, on its event loop) keeps one per device and confines it to its
 * thread. The values {@link #of} returns are immutable, so they may be handed to another thread.
 *
 * <p>After a restart without saved state, {@link RuleEngine#restore} seeds it from what is open, so that open alerts
 * can still clear. Unseeded, an open alert is only updated by new raises, never cleared.
 */
public final class DeviceRuleState {

    private final String deviceId;
    private final Map<String, Object> byDetector = new HashMap<>(4);

    /** A device the rules know nothing about yet. */
    public DeviceRuleState(String deviceId) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    }

    public String deviceId() {
        return deviceId;
    }

    /** The detector's state for this device: its initial state until it has judged something. */
    @SuppressWarnings("unchecked")
    public <S> S of(Detector<S> detector) {
        Object state = byDetector.get(detector.name());
        return state == null ? detector.initial() : (S) state;
    }

    /** Replaces the detector's state for this device. */
    public <S> void put(Detector<S> detector, S state) {
        byDetector.put(detector.name(), Objects.requireNonNull(state, "state"));
    }

    @Override
    public String toString() {
        return "DeviceRuleState[" + deviceId + ", " + byDetector.keySet() + "]";
    }
}
