package io.gridwatch.evaluate;

import io.gridwatch.alert.AlertStore;
import io.gridwatch.cluster.Changes;
import io.gridwatch.model.Device;
import io.gridwatch.model.Measures;
import io.gridwatch.model.Reading;
import io.gridwatch.model.ReadingField;
import io.gridwatch.model.Severity;
import io.gridwatch.model.AlertKind;
import io.gridwatch.rules.DeviceRuleState;
import io.gridwatch.rules.RuleEngine;
import io.gridwatch.store.DeviceState;
import io.gridwatch.store.DeviceStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a node of a cluster, a device's rule state follows it: before a reading of a device this node has not judged
 * lately is judged, the device's state is recalled from the database (its unresolved alerts, and its readings of the
 * last {@link #WINDOW} replayed through the rules without acting, {@link RuleEngine#recall}); its later readings wait
 * behind the recall, in order. "Lately" is {@link #FRESH}, shorter than the shortest silence that counts as offline,
 * so that a device declared offline by whichever node judged silence is recalled (and cleared) when it is heard
 * again. A node that recalls a device tells the others ({@link Changes.Topic#DEVICE_RULE_STATE}), which forget when
 * they judged it, so that a device moving back and forth is recalled each time; a lost message is healed by
 * {@link #FRESH}.
 *
 * <p>A single node never recalls ({@link #SINGLE_NODE}): its state is the only one. Confined to the rules verticle's
 * context (its own thread), except {@link #forget}, which any thread may call.
 */
final class StateRecall {

    private static final Logger LOG = LoggerFactory.getLogger(StateRecall.class);
    /** A device judged here within this is judged on with the state held here. */
    static final Duration FRESH = Duration.ofSeconds(60);
    /** How far back readings are replayed: longer than every rule's hold and rise window. */
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Readings replayed at most (a device reporting every few seconds). */
    private static final int MAX_READINGS = 300;

    static final StateRecall SINGLE_NODE = new StateRecall(null, null, null, null, Changes.SINGLE_NODE, null);

    private final RuleEngine engine;
    private final AlertStore alerts;
    private final DeviceStore devices;
    private final Clock clock;
    private final Changes changes;
    private final Map<String, Instant> judgedHere;
    private final Map<String, List<Reading>> waiting = new HashMap<>();

    private StateRecall(RuleEngine engine, AlertStore alerts, DeviceStore devices, Clock clock, Changes changes,
            Map<String, Instant> judgedHere) {
        this.engine = engine;
        this.alerts = alerts;
        this.devices = devices;
        this.clock = clock;
        this.changes = changes;
        this.judgedHere = judgedHere;
    }

    /** Recalls on a node of a cluster; hears which devices other nodes recalled. */
    static StateRecall clustered(RuleEngine engine, AlertStore alerts, DeviceStore devices, Clock clock,
            Changes changes) {
        StateRecall recall = new StateRecall(engine, alerts, devices, clock, changes, new ConcurrentHashMap<>());
        changes.on(Changes.Topic.DEVICE_RULE_STATE, ids -> ids.forEach(recall::forget));
        return recall;
    }

    /**
     * Whether the reading must wait for the device's state to be recalled (it is then held, and handed to
     * {@code recalled} with the others held behind it once the state is there: null when it could not be read, and
     * the state held here is used). False: judge it now with the state held here.
     */
    boolean defer(Device device, Reading reading, BiConsumer<DeviceRuleState, List<Reading>> recalled) {
        if (judgedHere == null) {
            return false;
        }
        String id = device.id();
        List<Reading> held = waiting.get(id);
        if (held != null) {
            held.add(reading);
            return true;
        }
        Instant now = clock.instant();
        Instant last = judgedHere.put(id, now);
        if (last != null && Duration.between(last, now).compareTo(FRESH) < 0) {
            return false;
        }
        held = new ArrayList<>();
        held.add(reading);
        waiting.put(id, held);
        load(device, reading, now).onComplete(loaded -> {
            List<Reading> all = waiting.remove(id);
            judgedHere.put(id, clock.instant());
            if (loaded.failed()) {
                LOG.warn("cannot recall a device's rule state, judging with what this node holds [device-id: {}]: {}",
                        id, loaded.cause().toString());
            } else {
                changes.announce(Changes.Topic.DEVICE_RULE_STATE, List.of(id));
            }
            recalled.accept(loaded.succeeded() ? loaded.result() : null, all);
        });
        return true;
    }

    /** Another node judged the device since: recall it before judging it here again. Any thread. */
    void forget(String deviceId) {
        if (judgedHere != null) {
            judgedHere.remove(deviceId);
        }
    }

    private Future<DeviceRuleState> load(Device device, Reading next, Instant now) {
        Future<Map<AlertKind, Severity>> open = alerts.unresolvedOf(device.id());
        Future<List<DeviceState>> recent = devices.recentReadings(device.id(), now.minus(WINDOW), MAX_READINGS);
        Future<Optional<DeviceState>> last = devices.state(device.id());
        return Future.all(open, recent, last).map(all -> {
            List<Reading> before = recent.result().stream().map(row -> reading(device, row))
                    .filter(r -> r.ts().isBefore(next.ts()) || (r.ts().equals(next.ts()) && r.seq() < next.seq()))
                    .toList();
            Instant heard = last.result().map(DeviceState::receivedAt).orElse(now);
            return engine.recall(device, open.result(), before, heard);
        });
    }

    /** A stored reading as the rules judge it. */
    private static Reading reading(Device device, DeviceState row) {
        List<ReadingField> fields = device.kind().fields();
        Object[] slots = new Object[fields.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = row.values().get(fields.get(i).column());
        }
        return new Reading(device.id(), device.cellId(), device.kind(), row.lastTs(), row.lastSeq(),
                Measures.ofSlots(device.kind(), slots), row.battery(), row.receivedAt());
    }
}
