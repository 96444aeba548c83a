package io.gridwatch.alert;

import io.gridwatch.geo.model.Level;
import java.util.EnumMap;
import java.util.Map;

/**
 * The SQL of the alert store, in one place. Every write of an alert and its audit-trail row is one
 * statement (data-modifying CTEs), hence atomic without an explicit transaction; only the
 * escalation pass, which asks the caller's plan in between, needs one.
 */
final class AlertSql {

    private AlertSql() {
    }

    static final String COLUMNS = """
            id, kind, severity, status, source_device, source_report, district_id, subdistrict_id, community_id, \
            sector_id, cell_id, level, value, count, reason, reason_code, reason_values, opened_at, updated_at, acked_at, acked_by, resolved_at, \
            resolved_by, resolve_note, escalate_at, cleared_at, photo_ids, escalations""";

    private static final String EVENT_COLUMNS = "id, alert_id, at, type, actor, level, severity, detail";

    /** Seriousness as a number, to compare severities stored as text. */
    private static String rank(String severity) {
        return "array_position(ARRAY['minor', 'major', 'critical'], " + severity + ")";
    }

    /**
     * Opens an alert or updates the unresolved one of the same source and kind: one more count, the
     * last value and reason, the worse severity, no longer cleared; when the severity rose on an open
     * alert with a deadline, the earlier of the two deadlines. Level, path and opening time stay.
     * Concurrent raises serialise on the partial unique index. {@code count = 1} tells "opened".
     * $1 kind, $2 severity, $3 device, $4 report, $5–$9 district…cell, $10 level, $11 value,
     * $12 reason (English text), $13 at, $14 escalate_at, $15 reason code, $16 reason values (JSON).
     */
    private static final String RAISE = """
            WITH raised AS (
                INSERT INTO alerts AS a (kind, severity, status, source_device, source_report, district_id,
                    subdistrict_id, community_id, sector_id, cell_id, level, value, count, reason, reason_code,
                    reason_values, opened_at, updated_at, escalate_at)
                VALUES ($1, $2, 'open', $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $15, $16, $13, $13, $14)
                ON CONFLICT (%1$s, kind) WHERE status <> 'resolved' DO UPDATE SET
                    count = a.count + 1,
                    value = EXCLUDED.value,
                    reason = EXCLUDED.reason,
                    reason_code = EXCLUDED.reason_code,
                    reason_values = EXCLUDED.reason_values,
                    updated_at = greatest(a.updated_at, EXCLUDED.updated_at),
                    cleared_at = NULL,
                    severity = CASE WHEN %2$s > %3$s THEN EXCLUDED.severity ELSE a.severity END,
                    escalate_at = CASE WHEN a.status = 'open' AND a.escalate_at IS NOT NULL AND %2$s > %3$s
                        THEN least(a.escalate_at, EXCLUDED.escalate_at) ELSE a.escalate_at END
                RETURNING a.*
            ), event AS (
                INSERT INTO alert_events (alert_id, at, type, actor, level, severity, detail)
                SELECT id, $13, CASE WHEN count = 1 THEN 'opened' ELSE 'updated' END, 'system', level, severity,
                    jsonb_build_object('count', count, 'value', value, 'reason', reason, 'reason_code', reason_code,
                        'reason_values', reason_values)
                FROM raised
            )
            SELECT %4$s FROM raised""";

    static final String RAISE_FOR_DEVICE = RAISE.formatted("source_device", rank("EXCLUDED.severity"),
            rank("a.severity"), COLUMNS);

    static final String RAISE_FOR_REPORT = RAISE.formatted("source_report", rank("EXCLUDED.severity"),
            rank("a.severity"), COLUMNS);

    /** $1 id, $2 actor, $3 at. Only an open alert; empty otherwise. */
    static final String ACKNOWLEDGE = """
            WITH changed AS (
                UPDATE alerts SET status = 'acknowledged', acked_at = $3, acked_by = $2, escalate_at = NULL,
                    updated_at = greatest(updated_at, $3)
                WHERE id = $1 AND status = 'open'
                RETURNING *
            ), event AS (
                INSERT INTO alert_events (alert_id, at, type, actor, level, severity)
                SELECT id, $3, 'acknowledged', $2, level, severity FROM changed
            )
            SELECT %s FROM changed""".formatted(COLUMNS);

    /** $1 id, $2 actor, $3 at, $4 note. Only an open, acknowledged or returned alert; empty otherwise. */
    static final String RESOLVE = """
            WITH changed AS (
                UPDATE alerts SET status = 'resolved', resolved_at = $3, resolved_by = $2, resolve_note = $4,
                    escalate_at = NULL, updated_at = greatest(updated_at, $3)
                WHERE id = $1 AND status IN ('open', 'acknowledged', 'returned')
                RETURNING *
            ), event AS (
                INSERT INTO alert_events (alert_id, at, type, actor, level, severity, detail)
                SELECT id, $3, 'resolved', $2, level, severity, jsonb_build_object('note', $4::text) FROM changed
            )
            SELECT %s FROM changed""".formatted(COLUMNS);

    /**
     * $1 at, $2 actor, $3 LIKE pattern of device ids, $4 note code. Resolves every unresolved alert of those
     * devices; the event's detail carries the note as a code the pages translate. Returns how many.
     */
    static final String RESOLVE_DEVICES_LIKE = """
            WITH changed AS (
                UPDATE alerts SET status = 'resolved', resolved_at = $1, resolved_by = $2, escalate_at = NULL,
                    updated_at = greatest(updated_at, $1)
                WHERE status <> 'resolved' AND source_device LIKE $3
                RETURNING id, level, severity
            ), event AS (
                INSERT INTO alert_events (alert_id, at, type, actor, level, severity, detail)
                SELECT id, $1, 'resolved', $2, level, severity, jsonb_build_object('note_code', $4::text) FROM changed
            )
            SELECT count(*) AS resolved FROM changed""";

    /** $1 device, $2 kind, $3 at. The unresolved alert of that source and kind, unless already cleared. */
    static final String MARK_CLEARED = """
            WITH changed AS (
                UPDATE alerts SET cleared_at = $3, updated_at = greatest(updated_at, $3)
                WHERE source_device = $1 AND kind = $2 AND status <> 'resolved' AND cleared_at IS NULL
                RETURNING *
            ), event AS (
                INSERT INTO alert_events (alert_id, at, type, actor, level, severity)
                SELECT id, $3, 'cleared', 'system', level, severity FROM changed
            )
            SELECT %s FROM changed""".formatted(COLUMNS);

    /**
     * $1 now, $2 limit. Locks the due open alerts no other node is escalating right now; rows locked
     * elsewhere are skipped, rows escalated meanwhile no longer match (re-checked after the lock).
     */
    static final String CLAIM_DUE = """
            SELECT %s FROM alerts
            WHERE status = 'open' AND escalate_at <= $1
            ORDER BY escalate_at, id
            LIMIT $2
            FOR UPDATE SKIP LOCKED""".formatted(COLUMNS);

    /**
     * Applies the plan to claimed alerts, with one 'escalated' event each: $1 ids, $2 the new levels
     * (null: stay, no event), $3 the new deadlines, $4 the previous levels, $5 now.
     */
    static final String ESCALATE = """
            WITH step AS (
                SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[])
                    AS s (id, level, escalate_at, from_level)
            ), moved AS (
                UPDATE alerts a SET level = coalesce(s.level, a.level), escalate_at = s.escalate_at,
                    escalations = a.escalations + CASE WHEN s.level IS NULL THEN 0 ELSE 1 END,
                    updated_at = greatest(a.updated_at, $5)
                FROM step s
                WHERE a.id = s.id AND a.status = 'open'
                RETURNING a.*, s.from_level, s.level IS NOT NULL AS escalated
            ), event AS (
                INSERT INTO alert_events (alert_id, at, type, actor, level, severity, detail)
                SELECT id, $5, 'escalated', 'system', level, severity, jsonb_build_object('from', from_level)
                FROM moved WHERE escalated
            )
            SELECT %s FROM moved WHERE escalated ORDER BY id""".formatted(COLUMNS);

    /**
     * Lists a resident's photo in its alert once it is sanitised (it was left out while pending), in upload order
     * (photo ids grow with uploads), once. $1 alert, $2 photo.
     */
    static final String ATTACH_PHOTO = """
            UPDATE alerts SET photo_ids = ARRAY(SELECT DISTINCT p FROM unnest(photo_ids || $2::bigint) AS p ORDER BY p),
                updated_at = greatest(updated_at, now())
            WHERE id = $1""";

    /**
     * Adds a report's photo to its alert. A report that joined ($3 = 1) also counts as a raise, may
     * make the alert more serious (and, while open, bring its deadline forward) and writes an
     * {@code updated} event. $1 alert, $2 photo, $3 1 when joined else 0, $4 at, $5 the report's
     * severity, $6 report id, $7 the deadline for that severity.
     */
    static final String ATTACH_REPORT = """
            WITH changed AS (
                UPDATE alerts a SET photo_ids = CASE WHEN $2::bigint IS NULL THEN a.photo_ids
                        ELSE a.photo_ids || $2::bigint END, report_count = a.report_count + 1,
                    count = a.count + $3, updated_at = greatest(a.updated_at, $4),
                    severity = CASE WHEN %1$s > %2$s THEN $5 ELSE a.severity END,
                    escalate_at = CASE WHEN a.status = 'open' AND a.escalate_at IS NOT NULL AND %1$s > %2$s
                        THEN least(a.escalate_at, $7) ELSE a.escalate_at END
                WHERE a.id = $1
                RETURNING a.*
            ), event AS (
                INSERT INTO alert_events (alert_id, at, type, actor, level, severity, detail)
                SELECT id, $4, 'updated', 'system', level, severity,
                    jsonb_build_object('count', count, 'report', $6::text)
                FROM changed WHERE $3 = 1
            )
            SELECT id FROM changed""".formatted(rank("$5::text"), rank("a.severity"));

    static final String FIND = "SELECT " + COLUMNS + " FROM alerts WHERE id = $1";

    /** $1 ids. */
    static final String FIND_ALL = "SELECT " + COLUMNS + " FROM alerts WHERE id = ANY ($1::bigint[])";

    /** $1 id. The alert, locked until the caller's transaction ends. */
    static final String LOCK = FIND + " FOR UPDATE";

    /**
     * One step of a case on a locked alert, with its audit-trail row: $1 id, $2 the new status (null: keep), $3 the
     * new level (null: keep), $4 actor, $5 at, $6 event type, $7 detail, $8 the note kept when it resolves.
     */
    static final String CASE_STEP = """
            WITH changed AS (
                UPDATE alerts SET status = coalesce($2::text, status), level = coalesce($3::text, level),
                    escalate_at = NULL, updated_at = greatest(updated_at, $5),
                    resolved_at = CASE WHEN $2::text = 'resolved' THEN $5 ELSE resolved_at END,
                    resolved_by = CASE WHEN $2::text = 'resolved' THEN $4 ELSE resolved_by END,
                    resolve_note = CASE WHEN $2::text = 'resolved' THEN $8::text ELSE resolve_note END
                WHERE id = $1
                RETURNING *
            ), event AS (
                INSERT INTO alert_events (alert_id, at, type, actor, level, severity, detail)
                SELECT id, $5, $6, $4, level, severity, $7::text::jsonb FROM changed
                RETURNING id
            )
            SELECT %s, (SELECT id FROM event) AS event_id FROM changed""".formatted(COLUMNS);

    /**
     * A resolved case opened again (回访不满意重办) at $2 with the deadline $3, waiting to be acknowledged there; its
     * audit-trail row ($4 actor, $5 at, $6 detail) written with it. $1 id. Only a resolved alert; empty otherwise.
     */
    static final String REOPEN = """
            WITH changed AS (
                UPDATE alerts SET status = 'open', level = $2, escalate_at = $3, acked_at = NULL, acked_by = NULL,
                    resolved_at = NULL, resolved_by = NULL, resolve_note = NULL, cleared_at = NULL,
                    updated_at = greatest(updated_at, $5)
                WHERE id = $1 AND status = 'resolved'
                RETURNING *
            ), event AS (
                INSERT INTO alert_events (alert_id, at, type, actor, level, severity, detail)
                SELECT id, $5, 'rated', $4, level, severity, $6::text::jsonb FROM changed
                RETURNING id
            )
            SELECT %s, (SELECT id FROM event) AS event_id FROM changed""".formatted(COLUMNS);

    static final String EVENTS = "SELECT " + EVENT_COLUMNS + " FROM alert_events WHERE alert_id = $1 ORDER BY id";

    private static final String LIST = """
            SELECT %s FROM alerts
            WHERE status = ANY ($1::text[]) AND opened_at >= coalesce($2::timestamptz, '-infinity')%s
            ORDER BY opened_at DESC, id DESC
            LIMIT $3""";

    private static final String LIST_ALL = LIST.formatted(COLUMNS, "");

    private static final Map<Level, String> LIST_WITHIN = new EnumMap<>(Level.class);

    static {
        for (Level level : Level.values()) {
            LIST_WITHIN.put(level, LIST.formatted(COLUMNS, " AND " + pathColumn(level) + " = $4"));
        }
    }

    /** $1 statuses, $2 since (or null), $3 limit, and $4 the unit's id when scoped. */
    static String list(Level unitLevel) {
        return unitLevel == null ? LIST_ALL : LIST_WITHIN.get(unitLevel);
    }

    /** The column holding the path's unit at that level. */
    static String pathColumn(Level level) {
        return level.id() + "_id";
    }

    /** $1 device: the kind and severity of each of its unresolved alerts (one per kind, by the unique index). */
    static final String UNRESOLVED_OF_DEVICE =
            "SELECT kind, severity FROM alerts WHERE source_device = $1 AND status <> 'resolved'";
}
