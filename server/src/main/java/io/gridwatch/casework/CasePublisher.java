package io.gridwatch.casework;

import io.gridwatch.dispatch.Addresses;
import io.gridwatch.dispatch.StaffDirectory;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Tells people about a committed case step, over their websockets: the grid staff on the alert's path (for
 * {@code overdue}, only those at the level above the dispatcher and higher) and the staff of the department, each at
 * their own address, with the frame {@code {"type":"alert","event":…,"alert":{…,"case":{…}}}}. Thread-safe.
 */
public final class CasePublisher {

    private final EventBus bus;
    private final StaffDirectory staff;

    public CasePublisher(EventBus bus, StaffDirectory staff) {
        this.bus = bus;
        this.staff = staff;
    }

    /** @return how many people it was addressed to */
    public int publish(CaseChange change) {
        String frame = new JsonObject().put("type", "alert").put("event", change.type().id())
                .put("alert", change.alertJson()).encode();
        Set<String> recipients = new LinkedHashSet<>(change.lowestLevel() == null
                ? staff.onPath(change.alert().path())
                : staff.onPathFrom(change.alert().path(), change.lowestLevel()));
        recipients.addAll(staff.inUnit(change.dispatch().departmentId()));
        recipients.forEach(username -> bus.publish(Addresses.person(username), frame));
        return recipients.size();
    }
}
