package io.gridwatch.report;

/** The SQL of the tracking view, in one place ({@code $n} parameters). */
final class TrackingSql {

    private TrackingSql() {
    }

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
}
