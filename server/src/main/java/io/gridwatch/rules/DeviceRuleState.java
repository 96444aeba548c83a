package io.gridwatch.rules;

import java.util.Objects;

/**
 * Everything the rules remember about one device, one immutable value per rule. The holder itself is mutable:
 * {@link RuleEngine} replaces a rule's value after each step.
 *
 * <p>Not thread-safe: the owner (one verticle, on its event loop) keeps one per device and confines it to its
 * thread. The values its getters return are immutable, so they may be handed to another thread, e.g. to be
 * persisted; {@link #DeviceRuleState(String, Latch, WaterLevelState, Latch, OfflineState)} restores them.
 *
 * <p>After a restart without saved state, seed it from what is open so that open alerts can still clear: a
 * {@code new Latch(severity, null, null)} for each open smoke, water-level or battery alert, and
 * {@link OfflineState#restore} for offline. Unseeded, an open alert is only updated by new raises, never cleared.
 */
public final class DeviceRuleState {

    private final String deviceId;
    private Latch smoke;
    private WaterLevelState waterLevel;
    private Latch battery;
    private OfflineState offline;

    /** A device the rules know nothing about yet. */
    public DeviceRuleState(String deviceId) {
        this(deviceId, Latch.IDLE, WaterLevelState.INITIAL, Latch.IDLE, OfflineState.INITIAL);
    }

    /** A device's state as saved from the getters. */
    public DeviceRuleState(String deviceId, Latch smoke, WaterLevelState waterLevel, Latch battery,
            OfflineState offline) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.smoke = Objects.requireNonNull(smoke, "smoke");
        this.waterLevel = Objects.requireNonNull(waterLevel, "waterLevel");
        this.battery = Objects.requireNonNull(battery, "battery");
        this.offline = Objects.requireNonNull(offline, "offline");
    }

    public String deviceId() {
        return deviceId;
    }

    public Latch smoke() {
        return smoke;
    }

    public WaterLevelState waterLevel() {
        return waterLevel;
    }

    public Latch battery() {
        return battery;
    }

    public OfflineState offline() {
        return offline;
    }

    void smoke(Latch next) {
        smoke = next;
    }

    void waterLevel(WaterLevelState next) {
        waterLevel = next;
    }

    void battery(Latch next) {
        battery = next;
    }

    void offline(OfflineState next) {
        offline = next;
    }

    @Override
    public String toString() {
        return "DeviceRuleState[" + deviceId + ", smoke=" + smoke + ", waterLevel=" + waterLevel.latch()
                + ", battery=" + battery + ", offline=" + offline.offline() + "]";
    }
}
