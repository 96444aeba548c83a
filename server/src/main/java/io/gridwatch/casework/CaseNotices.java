package io.gridwatch.casework;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertEventType;
import io.gridwatch.geo.model.Level;
import io.gridwatch.outbox.Notification;
import io.gridwatch.outbox.NotifyTarget;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notifications of one case step: to the department's notify target and to those of the grid units on the
 * alert's path, one stream per case and receiver (so each receiver gets a case's events in order). The JSON body is
 * the contract for {@code json} receivers: {@code {"event","event_id","alert_id","at","actor","level","status",
 * "kind","severity","path","department":{"id","name"},"due_at","detail"}}. Pure.
 */
final class CaseNotices {

    private static final Map<AlertEventType, String> ZH = Map.of(
            AlertEventType.DISPATCHED, "已派发",
            AlertEventType.ACCEPTED, "已接单",
            AlertEventType.HANDLED, "已处置",
            AlertEventType.RETURNED, "已退回",
            AlertEventType.VERIFIED, "已核查",
            AlertEventType.OVERDUE, "已超时",
            AlertEventType.RATED, "已评价");
    private static final Map<String, String> DETAIL_ZH = Map.of(
            "note", "备注 Note", "reason", "退回原因 Reason", "pass", "核查通过 Passed", "to", "转至 To");

    private CaseNotices() {
    }

    static List<Notification> of(CaseChange change, String actor, Instant at, JsonObject detail,
            NotifyTarget department, Map<String, NotifyTarget> units) {
        JsonObject body = body(change, actor, at, detail);
        String title = title(change);
        String text = text(change, actor, at, detail);
        List<Notification> out = new ArrayList<>();
        long alertId = change.alert().id();
        if (department != null) {
            out.add(new Notification(Notification.stream("department:" + change.dispatch().departmentId(), alertId,
                    department.url()), department, body, title, text));
        }
        units.forEach((unit, target) -> out.add(new Notification(Notification.stream("unit:" + unit, alertId,
                target.url()), target, body, title, text)));
        return out;
    }

    private static JsonObject body(CaseChange change, String actor, Instant at, JsonObject detail) {
        Alert alert = change.alert();
        Dispatch dispatch = change.dispatch();
        return new JsonObject()
                .put("event", change.type().id())
                .put("event_id", Long.toString(change.eventId()))
                .put("alert_id", alert.idString())
                .put("at", at.toString())
                .put("actor", actor)
                .put("level", alert.level().id())
                .put("status", alert.status().id())
                .put("kind", alert.kind().id())
                .put("severity", alert.severity().id())
                .put("path", new JsonObject(new LinkedHashMap<>(alert.path().asMap())))
                .put("department", new JsonObject().put("id", dispatch.departmentId())
                        .put("name", dispatch.departmentName()))
                .put("due_at", dispatch.dueAt().toString())
                .put("detail", detail);
    }

    private static String title(CaseChange change) {
        return ZH.getOrDefault(change.type(), change.type().id()) + " " + change.type().id() + " · 告警 alert #"
                + change.alert().id();
    }

    private static String text(CaseChange change, String actor, Instant at, JsonObject detail) {
        Alert alert = change.alert();
        StringBuilder text = new StringBuilder()
                .append("### ").append(title(change)).append('\n')
                .append("- 类型 Kind: ").append(alert.kind().id()).append('\n')
                .append("- 严重程度 Severity: ").append(alert.severity().id()).append('\n')
                .append("- 部门 Department: ").append(change.dispatch().departmentName()).append('\n')
                .append("- 网格 Cell: ").append(alert.path().at(Level.CELL)).append('\n')
                .append("- 期限 Due: ").append(change.dispatch().dueAt()).append('\n')
                .append("- 经办 By: ").append(actor).append(" @ ").append(at).append('\n');
        detail.forEach(entry -> {
            String label = DETAIL_ZH.get(entry.getKey());
            if (label != null && entry.getValue() != null) {
                text.append("- ").append(label).append(": ").append(entry.getValue()).append('\n');
            }
        });
        return text.toString();
    }
}
