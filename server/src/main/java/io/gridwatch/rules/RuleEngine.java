package io.gridwatch.rules;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Reading;
import io.gridwatch.model.SensorKind;
import io.gridwatch.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a list of {@link Detector}s: on each reading every detector that judges the device's kind, in list order (the
 * kind's own rule, then {@link BatteryRule}, then {@link OfflineDetector}); on clock ticks the offline detector.
 *
 * <p>Each detector runs isolated: if one throws, its state stays as it was, it counts as {@link Decision#NONE} for
 * that reading, and the others still run. The first failure of each detector is logged as a warning with its stack
 * trace, later ones at debug, so that a rule broken by some input cannot flood the log at the ingest rate;
 * {@link #failures()} counts them all for metrics.
 *
 * <p>Thread-safe: the engine holds only detectors and counters. The {@link DeviceRuleState} passed in is not, and
 * must be confined to the caller's thread.
 */
public final class RuleEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

    private final List<Detector<?>> detectors;
    private final OfflineDetector offline;
    private final Map<String, AtomicBoolean> warned = new HashMap<>();
    private final LongAdder failures = new LongAdder();

    public RuleEngine(RuleSettings settings) {
        this(standard(settings));
    }

    /**
     * With these detectors, in this order.
     *
     * @throws IllegalArgumentException when two share a name, there is not exactly one {@link OfflineDetector}, or a
     *     registered kind has no detector named as its registry entry's {@code rule} that judges it
     */
    public RuleEngine(List<Detector<?>> detectors) {
        this.detectors = List.copyOf(detectors);
        Set<String> names = new HashSet<>();
        OfflineDetector found = null;
        for (Detector<?> detector : this.detectors) {
            if (!names.add(detector.name())) {
                throw new IllegalArgumentException("two detectors named " + detector.name());
            }
            if (detector instanceof OfflineDetector o) {
                if (found != null) {
                    throw new IllegalArgumentException("more than one offline detector");
                }
                found = o;
            }
            warned.put(detector.name(), new AtomicBoolean());
        }
        this.offline = Objects.requireNonNull(found, "an engine needs an offline detector");
        for (SensorKind kind : KindRegistry.ALL) {
            detector(kind.rule()).filter(d -> d.judges(kind)).orElseThrow(() -> new IllegalArgumentException(
                    "kind " + kind.id() + " has no detector named " + kind.rule() + " that judges it"));
        }
    }

    /**
     * The detectors gridwatch runs: each kind's own (one line per kind), then those for every kind. A new detector
     * is one line here.
     */
    public static List<Detector<?>> standard(RuleSettings settings) {
        return List.of(
                new SmokeRule(settings),
                new WaterLevelRule(settings),
                new GasRule(),
                new HeatRule(),
                new BatteryRule(settings),
                new OfflineDetector(settings));
    }

    /** The detectors in order. */
    public List<Detector<?>> detectors() {
        return detectors;
    }

    /** The detector called {@code name}. */
    public Optional<Detector<?>> detector(String name) {
        return detectors.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /**
     * Judges one reading of {@code device} and moves {@code state} on.
     *
     * @return the raises and clears, in detector order; empty when nothing changed
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
        for (Detector<?> detector : detectors) {
            if (detector.judges(device.kind())) {
                Decision decision = run(detector, state, device, reading);
                if (decision != Decision.NONE) {
                    decisions.add(decision);
                }
            }
        }
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
            Outcome<OfflineState> outcome = offline.onTick(state.of(offline), state.deviceId(), now);
            state.put(offline, outcome.state());
            return outcome.decision() == Decision.NONE ? List.of() : List.of(outcome.decision());
        } catch (RuntimeException e) {
            failed(offline, state.deviceId(), e);
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
        return offline.deadline(state.of(offline));
    }

    /**
     * A device's state rebuilt after a restart: each detector whose alert kind is still unresolved is raised at its
     * severity (so that the alert can clear), the offline detector restored from when the device was last heard.
     *
     * @param open the device's unresolved alerts: kind and severity
     * @param lastHeard when it was last heard from (or the start, after an outage)
     * @param timestamps its recent reading times, oldest first, for the offline detector to learn its interval
     */
    public DeviceRuleState restore(String deviceId, Map<AlertKind, Severity> open, Instant lastHeard,
            List<Instant> timestamps) {
        DeviceRuleState state = new DeviceRuleState(deviceId);
        for (Detector<?> detector : detectors) {
            if (detector != offline && open.containsKey(detector.alertKind())) {
                raise(state, detector, open.get(detector.alertKind()));
            }
        }
        state.put(offline, OfflineState.restore(lastHeard, timestamps, open.containsKey(AlertKind.OFFLINE)));
        return state;
    }

    /**
     * A device's state rebuilt on a node that has not been judging it (it reconnected here from another node of a
     * cluster): its recent readings replayed through every detector without acting on the decisions, so that
     * hysteresis holds, rate-of-rise windows and the learned reporting interval continue where the other node left
     * them; then what the database says is still unresolved wins, as in {@link #restore}: a detector whose alert is
     * unresolved but that the replay did not leave raised is raised at the alert's severity (so that it can clear),
     * and the offline detector is offline exactly when an offline alert is unresolved (so that the next reading clears
     * it).
     *
     * @param recent the device's readings before the one about to be judged, oldest first
     * @param lastHeard when it was last heard from, for a device without recent readings
     */
    public DeviceRuleState recall(Device device, Map<AlertKind, Severity> open, List<Reading> recent,
            Instant lastHeard) {
        DeviceRuleState state = new DeviceRuleState(device.id());
        Map<AlertKind, Boolean> raised = new HashMap<>();
        for (Reading reading : recent) {
            for (Decision decision : onReading(state, device, reading)) {
                if (decision instanceof Decision.Raise raise) {
                    raised.put(raise.kind(), true);
                } else if (decision instanceof Decision.Clear clear) {
                    raised.put(clear.kind(), false);
                }
            }
        }
        for (Detector<?> detector : detectors) {
            AlertKind kind = detector.alertKind();
            if (detector != offline && open.containsKey(kind) && !raised.getOrDefault(kind, false)) {
                raise(state, detector, open.get(kind));
            }
        }
        OfflineState heard = state.of(offline);
        boolean offlineOpen = open.containsKey(AlertKind.OFFLINE);
        state.put(offline, heard.lastHeard() == null ? OfflineState.restore(lastHeard, List.of(), offlineOpen)
                : new OfflineState(heard.lastHeard(), heard.newest(), heard.intervals(), offlineOpen));
        return state;
    }

    /** How many times a rule has thrown since the engine was made. */
    public long failures() {
        return failures.sum();
    }

    private static <S> void raise(DeviceRuleState state, Detector<S> detector, Severity severity) {
        state.put(detector, detector.raisedAt(severity));
    }

    private <S> Decision run(Detector<S> detector, DeviceRuleState state, Device device, Reading reading) {
        try {
            Outcome<S> outcome = detector.apply(state.of(detector), device, reading);
            state.put(detector, outcome.state());
            return outcome.decision();
        } catch (RuntimeException e) {
            failed(detector, device.id(), e);
            return Decision.NONE;
        }
    }

    private void failed(Detector<?> detector, String deviceId, RuntimeException e) {
        failures.increment();
        if (warned.get(detector.name()).compareAndSet(false, true)) {
            LOG.warn("rule failed, skipped for this reading; later failures of this rule are logged at debug "
                    + "[rule: {}, device-id: {}]", detector.name(), deviceId, e);
        } else {
            LOG.debug("rule failed, skipped for this reading [rule: {}, device-id: {}]: {}", detector.name(),
                    deviceId, e.toString());
        }
    }
}
