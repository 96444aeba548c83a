package io.gridwatch.dispatch;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertEventType;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Sends alert events to everyone whose unit is on the alert's path, each at their own address
 * ({@link Addresses#person}), as the websocket frame of the contract: {@code {"type":"alert","event":…,
 * "alert":{…}}}. The frame is encoded once, as text, so that local delivery copies nothing. Thread-safe.
 */
public final class AlertPublisher {

    private final EventBus bus;
    private final StaffDirectory staff;

    public AlertPublisher(EventBus bus, StaffDirectory staff) {
        this.bus = bus;
        this.staff = staff;
    }

    /** @return how many people it was addressed to */
    public int publish(AlertEventType event, Alert alert) {
        String frame = frame(event, alert).encode();
        Set<String> recipients = staff.onPath(alert.path());
        recipients.forEach(username -> bus.publish(Addresses.person(username), frame));
        return recipients.size();
    }

    /** The websocket frame for one event. */
    public static JsonObject frame(AlertEventType event, Alert alert) {
        return new JsonObject().put("type", "alert").put("event", event.id()).put("alert", alert.toJson());
    }
}
