package io.gridwatch.report;

/**
 * The SQL of residents' ratings and their timeline view, in one place ({@code $n} parameters). Like
 * {@link ReportSql#ATTACH}, a rating writes its alert's audit trail in the same transaction.
 */
final class RatingSql {

    private RatingSql() {
    }

    /** $1 tracking code. The report's case, locked: two ratings of one case are taken one at a time. */
    static final String CASE_FOR_RATING = """
            SELECT r.id AS report_id, a.id AS alert_id, a.status, a.level, a.severity, a.district_id,
                a.subdistrict_id, a.community_id, a.sector_id, a.cell_id
            FROM reports r JOIN alerts a ON a.id = r.alert_id
            WHERE r.tracking_code = $1
            FOR UPDATE OF a""";

    /** $1 report, $2 alert, $3 score, $4 comment, $5 level that closed the case, $6 at. Nothing when rated before. */
    static final String INSERT_RATING = """
            INSERT INTO report_ratings (report_id, alert_id, score, comment, level, rated_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (report_id) DO NOTHING
            RETURNING report_id""";

    /** $1 alert, $2 at, $3 score, $4 report id. A rating that leaves the case closed: only its event. */
    static final String RATED_EVENT = """
            INSERT INTO alert_events (alert_id, at, type, actor, level, severity, detail)
            SELECT id, $2, 'rated', 'resident', level, severity,
                jsonb_build_object('score', $3::text, 'report', $4::text)
            FROM alerts WHERE id = $1""";

    /**
     * 回访不满意重办: the resolved case opens again at $3 (one staffed level above the one that closed it), waiting
     * to be acknowledged there, with a deadline $4 (null at the top). $1 alert, $2 at, $5 report id.
     */
    static final String REOPEN = """
            WITH changed AS (
                UPDATE alerts SET status = 'open', level = $3, escalate_at = $4, acked_at = NULL, acked_by = NULL,
                    resolved_at = NULL, resolved_by = NULL, resolve_note = NULL, cleared_at = NULL,
                    updated_at = greatest(updated_at, $2)
                WHERE id = $1 AND status = 'resolved'
                RETURNING id, level, severity
            )
            INSERT INTO alert_events (alert_id, at, type, actor, level, severity, detail)
            SELECT id, $2, 'rated', 'resident', level, severity,
                jsonb_build_object('score', 'unsatisfied', 'report', $5::text, 'reopened_at_level', level)
            FROM changed
            RETURNING alert_id""";

    /**
     * $1 tracking code. What a resident may see of the case's history: the type and time of the steps a resident
     * understands, and whether a rating reopened it; never an actor, a note or a level.
     */
    static final String TIMELINE = """
            SELECT e.type, e.at, (e.detail ? 'reopened_at_level') AS reopened
            FROM reports r JOIN alert_events e ON e.alert_id = r.alert_id
            WHERE r.tracking_code = $1
              AND e.type IN ('acknowledged', 'dispatched', 'accepted', 'handled', 'returned', 'resolved', 'rated')
            ORDER BY e.id""";

    /** $1 tracking code. */
    static final String RATING = """
            SELECT g.score, g.comment, g.rated_at
            FROM reports r JOIN report_ratings g ON g.report_id = r.id
            WHERE r.tracking_code = $1""";
}
