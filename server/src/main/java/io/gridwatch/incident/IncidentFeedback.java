package io.gridwatch.incident;

import io.gridwatch.alert.AlertStore;
import io.gridwatch.alert.EventFollowUp;
import io.gridwatch.outbox.Notification;
import io.gridwatch.outbox.NotifyTarget;
import io.gridwatch.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends every step of an incident's case back to the system that handed it over (its key's {@code notify}), through
 * the durable outbox: in the transaction that writes the step's audit-trail row ({@link AlertStore} calls
 * {@link #written}), one message per event not yet sent is enqueued on the stream {@code apikey:<key>|<alert>|<url>}
 * (in order per case) and marked, so that a message exists exactly once for every committed event, whatever its age
 * and whichever node wrote it. Thread-safe (holds no state).
 */
public final class IncidentFeedback implements EventFollowUp {

    private static final Map<String, String> STATUS_AFTER = Map.of("opened", "open", "acknowledged", "acknowledged",
            "dispatched", "dispatched", "accepted", "accepted", "handled", "handled", "returned", "returned",
            "resolved", "resolved");
    private static final Map<String, String> ZH = Map.of("opened", "已受理", "acknowledged", "网格员已接收",
            "escalated", "已上报上级", "dispatched", "已派至职能部门", "accepted", "部门已接单", "handled", "部门已处置",
            "returned", "部门已退回", "verified", "已核查", "resolved", "已办结", "rated", "已回访");

    /**
     * Queues the unsent events of these alerts' incidents, on the caller's transaction. The alerts are locked by it
     * (see {@link EventFollowUp}), so two transactions never queue the same event; an event an earlier path left
     * unsent is queued with the next step of its case.
     */
    @Override
    public Future<Void> written(SqlClient transaction, List<Long> alertIds, Instant at) {
        if (alertIds.isEmpty()) {
            return Future.succeededFuture();
        }
        return transaction.preparedQuery(IncidentFeedbackSql.PENDING).execute(Tuple.of(alertIds.toArray(Long[]::new)))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture();
                    }
                    List<Notification> messages = new ArrayList<>(rows.size());
                    Long[] events = new Long[rows.size()];
                    Long[] reports = new Long[rows.size()];
                    int i = 0;
                    for (Row row : rows) {
                        messages.add(notification(row));
                        events[i] = row.getLong("event_id");
                        reports[i++] = row.getLong("report_id");
                    }
                    return Outbox.enqueue(transaction, messages, at)
                            .compose(queued -> transaction.preparedQuery(IncidentFeedbackSql.MARK)
                                    .execute(Tuple.of(events, reports, at.atOffset(ZoneOffset.UTC))))
                            .mapEmpty();
                });
    }

    /**
     * The message for one event: {@code {"source","external_id","alert_id","event","event_id","at","level",
     * "status"?}} for {@code json} receivers (no staff names: the actor is not sent), and a short markdown line for
     * group robots.
     */
    static Notification notification(Row row) {
        JsonObject notify = (JsonObject) row.getValue("notify");
        NotifyTarget target = NotifyTarget.parse(notify, "");
        String type = row.getString("type");
        long alertId = row.getLong("alert_id");
        JsonObject body = new JsonObject()
                .put("source", row.getString("source_system"))
                .put("external_id", row.getString("external_id"))
                .put("alert_id", Long.toString(alertId))
                .put("event", type)
                .put("event_id", Long.toString(row.getLong("event_id")))
                .put("at", row.getOffsetDateTime("at").toInstant().toString())
                .put("level", row.getString("level"));
        String status = status(type, (JsonObject) row.getValue("detail"));
        if (status != null) {
            body.put("status", status);
        }
        String title = ZH.getOrDefault(type, type) + " " + type + " · " + row.getString("source_system") + " #"
                + row.getString("external_id");
        String text = "### " + title + "\n- 告警 Alert: #" + alertId + "\n- 时间 At: " + body.getString("at") + "\n";
        return new Notification(Notification.stream("apikey:" + row.getLong("api_key_id"), alertId, target.url()),
                target, body, title, text);
    }

    /** The case's status right after the event, when the event decides it. */
    static String status(String type, JsonObject detail) {
        if ("verified".equals(type)) {
            return detail != null && Boolean.TRUE.equals(detail.getBoolean("pass")) ? "resolved" : "accepted";
        }
        if ("rated".equals(type)) {
            return detail != null && detail.containsKey("reopened_at_level") ? "open" : "resolved";
        }
        return STATUS_AFTER.get(type);
    }
}
