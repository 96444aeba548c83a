package io.gridwatch.evaluate;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertQuery;
import io.gridwatch.alert.AlertStatus;
import io.gridwatch.alert.AlertStore;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Severity;
import io.gridwatch.rules.DeviceRuleState;
import io.gridwatch.rules.RuleEngine;
import io.gridwatch.store.DeviceState;
import io.gridwatch.store.DeviceStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds the rules' state after a start, from what the database keeps: the unresolved alerts of each device (so
 * that they can still clear) and when each device was last heard from (so that a device that stays silent goes
 * offline).
 *
 * <p>A server that was down could not hear anybody: every device gets a full offline window from the start, not
 * from its last reading, or a restart after an outage would declare the whole fleet offline at once.
 */
final class RuleStateSeed {

    /** More unresolved alerts than any district has at once; the newest are kept if there were more. */
    private static final int MAX_OPEN = 100_000;

    private final AlertStore alerts;
    private final DeviceStore devices;
    private final RuleEngine engine;

    RuleStateSeed(AlertStore alerts, DeviceStore devices, RuleEngine engine) {
        this.alerts = alerts;
        this.devices = devices;
        this.engine = engine;
    }

    Future<Map<String, DeviceRuleState>> load(Instant start) {
        Future<List<Alert>> open = alerts.list(AlertQuery.all(MAX_OPEN)
                .withStatus(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED));
        Future<List<DeviceState>> heard = devices.allStates();
        return Future.all(open, heard).map(all -> seed(engine, open.result(), heard.result(), start));
    }

    static Map<String, DeviceRuleState> seed(RuleEngine engine, List<Alert> open, List<DeviceState> heard,
            Instant start) {
        Map<String, Map<AlertKind, Severity>> openByDevice = new HashMap<>();
        for (Alert alert : open) {
            if (alert.source().device() != null) {
                openByDevice.computeIfAbsent(alert.source().device(), id -> new HashMap<>())
                        .put(alert.kind(), alert.severity());
            }
        }
        Map<String, DeviceState> heardById = new HashMap<>();
        heard.forEach(device -> heardById.put(device.deviceId(), device));
        Set<String> deviceIds = new HashSet<>(heardById.keySet());
        deviceIds.addAll(openByDevice.keySet());
        Map<String, DeviceRuleState> states = new HashMap<>();
        for (String deviceId : deviceIds) {
            DeviceState last = heardById.get(deviceId);
            Instant lastHeard = last != null && last.receivedAt().isAfter(start) ? last.receivedAt() : start;
            List<Instant> timestamps = last == null ? List.of() : List.of(last.lastTs());
            states.put(deviceId, engine.restore(deviceId, openByDevice.getOrDefault(deviceId, Map.of()), lastHeard,
                    timestamps));
        }
        return states;
    }
}
