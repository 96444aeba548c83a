package io.gridwatch.alert;

import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rows of {@link AlertSql} to records and back. Stateless. */
final class AlertRows {

    private AlertRows() {
    }

    static Alert alert(Row row) {
        String device = row.getString("source_device");
        return new Alert(row.getLong("id"),
                AlertKind.fromId(row.getString("kind")).orElseThrow(),
                Severity.fromId(row.getString("severity")).orElseThrow(),
                AlertStatus.fromId(row.getString("status")).orElseThrow(),
                device != null ? AlertSource.device(device) : AlertSource.report(row.getString("source_report")),
                new GridPath(row.getString("district_id"), row.getString("subdistrict_id"),
                        row.getString("community_id"), row.getString("sector_id"), row.getString("cell_id")),
                level(row.getString("level")),
                row.getDouble("value"),
                row.getInteger("count"),
                reason(row),
                instant(row, "opened_at"),
                instant(row, "updated_at"),
                instant(row, "acked_at"),
                row.getString("acked_by"),
                instant(row, "resolved_at"),
                row.getString("resolved_by"),
                row.getString("resolve_note"),
                instant(row, "escalate_at"),
                instant(row, "cleared_at"),
                List.of(row.getArrayOfLongs("photo_ids")),
                row.getInteger("escalations"));
    }

    /** Rows written before reasons had codes have the code {@code other} and no values (V14). */
    private static Reason reason(Row row) {
        JsonObject values = row.getJsonObject("reason_values");
        String text = row.getString("reason");
        return new Reason(row.getString("reason_code"), values == null ? Map.of() : values.getMap(),
                text == null ? "" : text);
    }

    static AlertEvent event(Row row) {
        JsonObject detail = row.getJsonObject("detail");
        return new AlertEvent(row.getLong("id"), row.getLong("alert_id"), instant(row, "at"),
                AlertEventType.fromId(row.getString("type")).orElseThrow(), row.getString("actor"),
                level(row.getString("level")), Severity.fromId(row.getString("severity")).orElseThrow(),
                detail == null ? new JsonObject() : detail);
    }

    static List<Alert> alerts(RowSet<Row> rows) {
        List<Alert> alerts = new ArrayList<>(rows.size());
        rows.forEach(row -> alerts.add(alert(row)));
        return alerts;
    }

    static Optional<Alert> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(alert(rows.iterator().next()));
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }

    private static Level level(String id) {
        return Level.fromId(id).orElseThrow(() -> new IllegalStateException("unknown level in database: " + id));
    }
}
