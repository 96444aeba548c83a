package io.gridwatch.incident;

/** The SQL of the status feedback to the systems that handed incidents over, in one place ({@code $n} parameters). */
final class IncidentFeedbackSql {

    private IncidentFeedbackSql() {
    }

    /** One node at a time takes a round; the others skip it (the lock ends with the transaction). */
    static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('gridwatch.incident-feedback'))";

    /**
     * The events of incidents' cases not yet sent back, oldest first: every step after the incident arrived, on the
     * case of an incident whose key has a notify target and is not revoked. Read by the audit trail, not by a cursor:
     * an event whose transaction committed late is still found on a later round. $1 oldest event time considered,
     * $2 limit.
     */
    static final String PENDING = """
            SELECT e.id AS event_id, e.alert_id, e.at, e.type, e.level, e.detail, r.id AS report_id, r.source_system,
                r.external_id, r.api_key_id, k.notify
            FROM reports r
            JOIN api_keys k ON k.id = r.api_key_id AND k.notify IS NOT NULL AND k.revoked_at IS NULL
            JOIN alert_events e ON e.alert_id = r.alert_id AND e.at >= r.created_at
            WHERE r.channel = 'incident' AND e.at >= $1
              AND e.type NOT IN ('updated', 'cleared')
              AND NOT EXISTS (SELECT 1 FROM incident_feedback f WHERE f.event_id = e.id AND f.report_id = r.id)
            ORDER BY e.id
            LIMIT $2""";

    /** $1 event ids, $2 report ids, $3 at: marks them sent to the outbox, in the same transaction. */
    static final String MARK = """
            INSERT INTO incident_feedback (event_id, report_id, queued_at)
            SELECT e, r, $3 FROM unnest($1::bigint[], $2::bigint[]) AS t (e, r)""";
}
