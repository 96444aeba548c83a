package io.gridwatch.casework;

/** The SQL of the case store, in one place ({@code $n} parameters). The alert row itself is written by AlertStore. */
final class CaseSql {

    private CaseSql() {
    }

    private static final String SELECT = """
            SELECT d.id, d.alert_id, d.department_id, dep.name AS department_name, d.dispatched_by, d.dispatch_level,
                d.note, d.dispatched_at, d.due_at, d.accepted_at, d.accepted_by, d.handled_at, d.handled_by,
                d.handle_note, d.shared, d.returned_at, d.return_reason, d.overdue_at, d.verified_at, d.verified_by,
                coalesce((SELECT array_agg(p.id ORDER BY p.id) FROM case_photos p WHERE p.dispatch_id = d.id), '{}')
                    AS photo_ids
            FROM case_dispatches d JOIN departments dep ON dep.id = d.department_id
            """;

    /** $1 alert id: the dispatch not returned, if any. */
    static final String LIVE = SELECT + "WHERE d.alert_id = $1 AND d.returned_at IS NULL";

    /** $1 dispatch id. */
    static final String BY_ID = SELECT + "WHERE d.id = $1";

    /** $1 alert id: the category of its first report (a report alert's default department goes by it). */
    static final String FIRST_CATEGORY = """
            SELECT category FROM reports WHERE alert_id = $1 ORDER BY created_at, id LIMIT 1""";

    /** $1 alert ids: the latest dispatch of each (returned or not). */
    static final String LATEST = "SELECT DISTINCT ON (x.alert_id) * FROM (" + SELECT
            + "WHERE d.alert_id = ANY ($1::bigint[])) x ORDER BY x.alert_id, x.id DESC";

    /** $1 alert, $2 department, $3 by, $4 level, $5 note, $6 at, $7 due. */
    static final String INSERT = """
            INSERT INTO case_dispatches (alert_id, department_id, dispatched_by, dispatch_level, note, dispatched_at,
                due_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING id""";

    /** $1 dispatch, $2 at, $3 by. */
    static final String ACCEPT = "UPDATE case_dispatches SET accepted_at = $2, accepted_by = $3 WHERE id = $1";

    /** $1 dispatch, $2 at, $3 by, $4 note, $5 shared with the resident. */
    static final String HANDLE = """
            UPDATE case_dispatches SET handled_at = $2, handled_by = $3, handle_note = $4, shared = $5
            WHERE id = $1""";

    /** $1 dispatch, $2 at, $3 reason. */
    static final String RETURN = "UPDATE case_dispatches SET returned_at = $2, return_reason = $3 WHERE id = $1";

    /** $1 dispatch, $2 at, $3 by. */
    static final String VERIFIED = "UPDATE case_dispatches SET verified_at = $2, verified_by = $3 WHERE id = $1";

    /** $1 dispatch: a failed verification takes the handling back; the audit trail keeps it. */
    static final String REJECTED = """
            UPDATE case_dispatches SET handled_at = NULL, handled_by = NULL, handle_note = NULL, shared = false
            WHERE id = $1""";

    /** $1 dispatch, $2 at. */
    static final String OVERDUE = "UPDATE case_dispatches SET overdue_at = $2 WHERE id = $1";

    /** $1 dispatch, $2 alert, $3 width, $4 height, $5 jpeg, $6 thumb width, $7 thumb height, $8 thumb. */
    static final String INSERT_PHOTO = """
            INSERT INTO case_photos (dispatch_id, alert_id, width, height, bytes, thumb_width, thumb_height, thumb)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";

    /**
     * $1 now, $2 limit. Dispatches past due that nobody handled or returned and that have not been overdue yet; the
     * alert row is the case's lock (every step takes it first), so it is what is claimed, skipping cases another node
     * or a person is changing right now. The caller re-reads the dispatch after the lock.
     */
    static final String CLAIM_OVERDUE = """
            SELECT a.id FROM case_dispatches d JOIN alerts a ON a.id = d.alert_id
            WHERE d.overdue_at IS NULL AND d.handled_at IS NULL AND d.returned_at IS NULL AND d.due_at <= $1
            ORDER BY d.due_at, d.id
            LIMIT $2
            FOR UPDATE OF a SKIP LOCKED""";

    /** $1 department, $2 limit: the alert ids of its cases not yet closed, the newest dispatch first. */
    static final String OPEN_OF_DEPARTMENT = """
            SELECT d.alert_id FROM case_dispatches d JOIN alerts a ON a.id = d.alert_id
            WHERE d.department_id = $1 AND d.returned_at IS NULL AND a.status <> 'resolved'
            ORDER BY d.dispatched_at DESC
            LIMIT $2""";

    /**
     * $1 department, $2 statuses, $3 limit: the alert ids of the cases whose latest dispatch went to the department,
     * in those statuses, the newest dispatch first.
     */
    static final String OF_DEPARTMENT = """
            SELECT d.alert_id FROM case_dispatches d JOIN alerts a ON a.id = d.alert_id
            WHERE d.department_id = $1 AND a.status = ANY ($2::text[])
              AND NOT EXISTS (SELECT 1 FROM case_dispatches n WHERE n.alert_id = d.alert_id AND n.id > d.id)
            ORDER BY d.dispatched_at DESC
            LIMIT $3""";

    /** $1 photo id: the JPEG or thumbnail, with the alert and the departments it was dispatched to. */
    static final String PHOTO = """
            SELECT p.%s AS image, p.alert_id,
                (SELECT array_agg(DISTINCT d.department_id) FROM case_dispatches d WHERE d.alert_id = p.alert_id)
                    AS departments
            FROM case_photos p WHERE p.id = $1""";

    /** $1 unit ids on the path. */
    static final String UNIT_NOTIFY = """
            SELECT unit_id, notify_url, notify_format, notify_secret FROM unit_notify WHERE unit_id = ANY ($1::text[])
            ORDER BY unit_id""";

    /** $1 unit, $2 url, $3 format, $4 secret. */
    static final String SET_UNIT_NOTIFY = """
            INSERT INTO unit_notify (unit_id, notify_url, notify_format, notify_secret) VALUES ($1, $2, $3, $4)
            ON CONFLICT (unit_id) DO UPDATE SET notify_url = EXCLUDED.notify_url,
                notify_format = EXCLUDED.notify_format, notify_secret = EXCLUDED.notify_secret""";

    /** $1 unit. */
    static final String DELETE_UNIT_NOTIFY = "DELETE FROM unit_notify WHERE unit_id = $1";
}
