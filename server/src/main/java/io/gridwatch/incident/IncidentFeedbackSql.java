package io.gridwatch.incident;

/** The SQL of the status feedback to the systems that handed incidents over, in one place ({@code $n} parameters). */
final class IncidentFeedbackSql {

    private IncidentFeedbackSql() {
    }

    /**
     * The events of these alerts' incident cases not yet sent back, oldest first: every step after the incident
     * arrived, on the case of an incident whose key has a notify target and is not revoked. $1 alert ids (locked by
     * the caller's transaction).
     */
    static final String PENDING = """
            SELECT e.id AS event_id, e.alert_id, e.at, e.type, e.level, e.detail, r.id AS report_id, r.source_system,
                r.external_id, r.api_key_id, k.notify
            FROM reports r
            JOIN api_keys k ON k.id = r.api_key_id AND k.notify IS NOT NULL AND k.revoked_at IS NULL
            JOIN alert_events e ON e.alert_id = r.alert_id AND e.at >= r.created_at
            WHERE r.channel = 'incident' AND r.alert_id = ANY ($1::bigint[])
              AND e.type NOT IN ('updated', 'cleared')
              AND NOT EXISTS (SELECT 1 FROM incident_feedback f WHERE f.event_id = e.id AND f.report_id = r.id)
            ORDER BY e.id""";

    /** $1 event ids, $2 report ids, $3 at: marks them sent to the outbox, in the same transaction. */
    static final String MARK = """
            INSERT INTO incident_feedback (event_id, report_id, queued_at)
            SELECT e, r, $3 FROM unnest($1::bigint[], $2::bigint[]) AS t (e, r)""";
}
