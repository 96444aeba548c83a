package io.gridwatch.incident;

import io.gridwatch.outbox.Notification;
import io.gridwatch.outbox.NotifyTarget;
import io.gridwatch.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends every step of an incident's case back to the system that handed it over (its key's {@code notify}), through
 * the durable outbox: one round reads the audit-trail events not yet sent, enqueues one message per event on the
 * stream {@code apikey:<key>|<alert>|<url>} (in order per case) and marks them, in one transaction, so that a message
 * exists exactly once for every committed event, whichever node runs the round. Thread-safe.
 */
public final class IncidentFeedback {

    /** How far back a round looks for events not yet sent: a node down longer than this loses their feedback. */
    static final Duration WINDOW = Duration.ofDays(7);
    private static final Map<String, String> STATUS_AFTER = Map.of("opened", "open", "acknowledged", "acknowledged",
            "dispatched", "dispatched", "accepted", "accepted", "handled", "handled", "returned", "returned",
            "resolved", "resolved");
    private static final Map<String, String> ZH = Map.of("opened", "已受理", "acknowledged", "网格员已接收",
            "escalated", "已上报上级", "dispatched", "已派至职能部门", "accepted", "部门已接单", "handled", "部门已处置",
            "returned", "部门已退回", "verified", "已核查", "resolved", "已办结", "rated", "已回访");

    private final Pool pool;
    private final Clock clock;

    public IncidentFeedback(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** One round of at most {@code limit} events; the number queued (0 when another node has the round). */
    public Future<Integer> round(int limit) {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> conn.query(IncidentFeedbackSql.TRY_LOCK).execute().compose(locked -> {
            if (!locked.iterator().next().getBoolean(0)) {
                return Future.succeededFuture(0);
            }
            return conn.preparedQuery(IncidentFeedbackSql.PENDING)
                    .execute(Tuple.of(now.minus(WINDOW).atOffset(ZoneOffset.UTC), limit))
                    .compose(rows -> {
                        if (rows.size() == 0) {
                            return Future.succeededFuture(0);
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
                        return Outbox.enqueue(conn, messages, now)
                                .compose(queued -> conn.preparedQuery(IncidentFeedbackSql.MARK)
                                        .execute(Tuple.of(events, reports, now.atOffset(ZoneOffset.UTC))))
                                .map(marked -> messages.size());
                    });
        }));
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
