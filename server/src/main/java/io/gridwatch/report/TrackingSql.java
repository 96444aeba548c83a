package io.gridwatch.report;

/** The SQL of the tracking view and of residents' ratings, in one place ({@code $n} parameters). */
final class TrackingSql {

    private TrackingSql() {
    }

    /**
     * $1 tracking code. What a resident may see of the case's history: the type and time of the steps a resident
     * understands, whether a rating reopened it and whether a check passed; never an actor, a note or a level.
     */
    static final String TIMELINE = """
            SELECT e.type, e.at, (e.detail ? 'reopened_at_level') AS reopened,
                coalesce((e.detail ->> 'pass')::boolean, false) AS passed
            FROM reports r JOIN alert_events e ON e.alert_id = r.alert_id
            WHERE r.tracking_code = $1
              AND e.type IN ('acknowledged', 'dispatched', 'accepted', 'handled', 'returned', 'verified', 'resolved',
                  'rated')
            ORDER BY e.id""";

    /** $1 tracking code: the report and its case. */
    static final String REPORT_CASE = "SELECT id, alert_id FROM reports WHERE tracking_code = $1";

    /** $1 report, $2 alert, $3 score, $4 comment, $5 at. Nothing when the report was rated before. */
    static final String INSERT_RATING = """
            INSERT INTO case_ratings (report_id, alert_id, score, comment, rated_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (report_id) DO NOTHING
            RETURNING report_id""";

    /** $1 tracking code. */
    static final String RATING = """
            SELECT g.score, g.comment, g.rated_at
            FROM reports r JOIN case_ratings g ON g.report_id = r.id
            WHERE r.tracking_code = $1""";

    /**
     * $1 tracking code. The department's handling of the report's case, only when staff chose to share it with the
     * resident: the note and the ids of its photos. The live (not returned) dispatch.
     */
    static final String SHARED_HANDLING = """
            SELECT d.handle_note,
                (SELECT array_agg(p.id ORDER BY p.id) FROM case_photos p WHERE p.dispatch_id = d.id) AS photos
            FROM reports r JOIN case_dispatches d ON d.alert_id = r.alert_id
            WHERE r.tracking_code = $1 AND d.shared AND d.handled_at IS NOT NULL AND d.returned_at IS NULL
            ORDER BY d.id DESC
            LIMIT 1""";

    /** $1 tracking code, $2 photo id: a shared handling photo of that report's case (its thumbnail-free JPEG). */
    static final String SHARED_PHOTO = """
            SELECT p.bytes
            FROM reports r JOIN case_dispatches d ON d.alert_id = r.alert_id AND d.shared AND d.returned_at IS NULL
            JOIN case_photos p ON p.dispatch_id = d.id
            WHERE r.tracking_code = $1 AND p.id = $2""";
}
