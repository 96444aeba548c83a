package io.gridwatch.rules;

import io.gridwatch.device.Device;
import io.gridwatch.ingest.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every rule that applies to a device on each of its readings, and the offline detector on clock ticks. The
 * kind's own rule ({@link SmokeRule} or {@link WaterLevelRule}), then {@link BatteryRule}, then
 * {@link OfflineDetector} (for every kind).
 *
 * <p>Each rule runs isolated: if one throws, its state stays as it was, it counts as {@link Decision#NONE} for that
 * reading, and the others still run. The first failure of each rule is logged as a warning with its stack trace,
 * later ones at debug, so that a rule broken by some input cannot flood the log at the ingest rate;
 * {@link #failures()} counts them all for metrics.
 *
 * <p>Thread-safe: the engine holds only settings and counters. The {@link DeviceRuleState} passed in is not, and
 * must be confined to the caller's thread.
 */
public final class RuleEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

    private final Slot<Latch> smoke;
    private final Slot<WaterLevelState> waterLevel;
    private final Slot<Latch> battery;
    private final Slot<OfflineState> offlineReadings;
    private final OfflineDetector offline;
    private final LongAdder failures = new LongAdder();

    public RuleEngine(RuleSettings settings) {
        this(new SmokeRule(settings), new WaterLevelRule(settings), new BatteryRule(settings),
                new OfflineDetector(settings));
    }

    /** With the given rules, for tests that need one to misbehave. */
    RuleEngine(ReadingRule<Latch> smoke, ReadingRule<WaterLevelState> waterLevel, ReadingRule<Latch> battery,
            OfflineDetector offline) {
        this.smoke = new Slot<>("smoke", smoke, DeviceRuleState::smoke, DeviceRuleState::smoke);
        this.waterLevel = new Slot<>("water_level", waterLevel, DeviceRuleState::waterLevel,
                DeviceRuleState::waterLevel);
        this.battery = new Slot<>("battery", battery, DeviceRuleState::battery, DeviceRuleState::battery);
        this.offlineReadings = new Slot<>("offline", offline, DeviceRuleState::offline, DeviceRuleState::offline);
        this.offline = offline;
    }

    /**
     * Judges one reading of {@code device} and moves {@code state} on.
     *
     * @return the raises and clears, in rule order; empty when nothing changed
     * @throws IllegalArgumentException when the state, device and reading are not about the same device (a
     *     caller's bug, not a rule's failure)
     */
    public List<Decision> onReading(DeviceRuleState state, Device device, Reading reading) {
        Objects.requireNonNull(reading, "reading");
        if (!device.id().equals(state.deviceId()) || !device.id().equals(reading.deviceId())) {
            throw new IllegalArgumentException("rules: state " + state.deviceId() + ", device " + device.id()
                    + " and reading " + reading.deviceId() + " must be about the same device");
        }
        List<Decision> decisions = new ArrayList<>(2);
        // a switch expression, so that a new device kind does not compile until it has its rule
        Slot<?> own = switch (device.kind()) {
            case SMOKE -> smoke;
            case WATER_LEVEL -> waterLevel;
        };
        collect(decisions, run(own, state, device, reading));
        collect(decisions, run(battery, state, device, reading));
        collect(decisions, run(offlineReadings, state, device, reading));
        return decisions;
    }

    /**
     * Judges one device's silence at {@code now} (server clock).
     *
     * @return an offline raise, or nothing
     */
    public List<Decision> onTick(DeviceRuleState state, Instant now) {
        Objects.requireNonNull(now, "now");
        try {
            Outcome<OfflineState> outcome = offline.onTick(state.offline(), state.deviceId(), now);
            state.offline(outcome.state());
            return outcome.decision() == Decision.NONE ? List.of() : List.of(outcome.decision());
        } catch (RuntimeException e) {
            failed(offlineReadings, state.deviceId(), e);
            return List.of();
        }
    }

    /** Judges the silence of every device at {@code now}; the raises of those that have just gone offline. */
    public List<Decision> onTick(Iterable<DeviceRuleState> states, Instant now) {
        List<Decision> decisions = new ArrayList<>();
        for (DeviceRuleState state : states) {
            decisions.addAll(onTick(state, now));
        }
        return decisions;
    }

    /** When the device will count as offline unless it reports: for a timer. Empty when it cannot tell. */
    public Optional<Instant> offlineDeadline(DeviceRuleState state) {
        return offline.deadline(state.offline());
    }

    /** How many times a rule has thrown since the engine was made. */
    public long failures() {
        return failures.sum();
    }

    private <S> Decision run(Slot<S> slot, DeviceRuleState state, Device device, Reading reading) {
        try {
            Outcome<S> outcome = slot.rule.apply(slot.get.apply(state), device, reading);
            slot.set.accept(state, outcome.state());
            return outcome.decision();
        } catch (RuntimeException e) {
            failed(slot, device.id(), e);
            return Decision.NONE;
        }
    }

    private void failed(Slot<?> slot, String deviceId, RuntimeException e) {
        failures.increment();
        if (slot.warned.compareAndSet(false, true)) {
            LOG.warn("rule failed, skipped for this reading; later failures of this rule are logged at debug "
                    + "[rule: {}, device-id: {}]", slot.name, deviceId, e);
        } else {
            LOG.debug("rule failed, skipped for this reading [rule: {}, device-id: {}]: {}", slot.name, deviceId,
                    e.toString());
        }
    }

    private static void collect(List<Decision> decisions, Decision decision) {
        if (decision != Decision.NONE) {
            decisions.add(decision);
        }
    }

    /** A rule bound to its part of the device state. */
    private static final class Slot<S> {
        final String name;
        final ReadingRule<S> rule;
        final Function<DeviceRuleState, S> get;
        final BiConsumer<DeviceRuleState, S> set;
        final AtomicBoolean warned = new AtomicBoolean();

        Slot(String name, ReadingRule<S> rule, Function<DeviceRuleState, S> get, BiConsumer<DeviceRuleState, S> set) {
            this.name = Objects.requireNonNull(name);
            this.rule = Objects.requireNonNull(rule);
            this.get = get;
            this.set = set;
        }
    }
}
