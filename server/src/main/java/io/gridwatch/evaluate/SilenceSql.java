package io.gridwatch.evaluate;

/** The SQL of the cluster's offline check ({@link SilenceRounds}), in one place. */
final class SilenceSql {

    private SilenceSql() {
    }

    /** One node at a time judges silence; the others skip the round (the lock ends with the transaction). */
    static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('gridwatch.offline'))";

    /**
     * $1 heard before, $2 limit: devices silent since at least $1, registered in a cell, and without an offline alert
     * opened since they were last heard (one that is open, or that a person resolved while the device stays silent).
     */
    static final String SILENT = """
            SELECT s.device_id, s.received_at, d.cell_id
            FROM device_state s JOIN devices d ON d.id = s.device_id
            WHERE s.received_at < $1
              AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.kind = 'offline' AND a.source_device = s.device_id
                              AND a.opened_at >= s.received_at)
            ORDER BY s.received_at
            LIMIT $2""";
}
