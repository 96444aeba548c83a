package io.gridwatch.report;

/** The SQL of residents' photos waiting to be sanitised ({@link PhotoStore}), in one place ({@code $n} parameters). */
final class PhotoSql {

    private PhotoSql() {
    }

    /** $1 report, $2 the upload as it came, $3 received at. Pending until a sanitiser has been at it. */
    static final String INSERT_PENDING = """
            INSERT INTO report_photos (report_id, content_type, state, raw, received_at)
            VALUES ($1, 'image/jpeg', 'pending', $2, $3)
            RETURNING id""";

    /**
     * $1 photo, $2 lease in seconds. Takes a pending photo nobody holds (no lease, or an expired one: a node that died
     * or restarted); counts the attempt. No row: already done, or another sanitiser holds it.
     */
    static final String CLAIM = """
            UPDATE report_photos SET attempts = attempts + 1, lease_until = now() + make_interval(secs => $2)
            WHERE id = $1 AND state = 'pending' AND (lease_until IS NULL OR lease_until < now())
            RETURNING raw, attempts""";

    /** As {@link #CLAIM}, for a photo whose upload this node still holds in memory: the bytes are not sent back. */
    static final String CLAIM_HELD = """
            UPDATE report_photos SET attempts = attempts + 1, lease_until = now() + make_interval(secs => $2)
            WHERE id = $1 AND state = 'pending' AND (lease_until IS NULL OR lease_until < now())
            RETURNING attempts""";

    /** $1 photo, $2 width, $3 height, $4 JPEG, $5 thumb width, $6 thumb height, $7 thumb. The raw upload goes. */
    static final String CLEAN = """
            UPDATE report_photos SET state = 'clean', raw = NULL, lease_until = NULL, width = $2, height = $3, bytes = $4,
                thumb_width = $5, thumb_height = $6, thumb = $7
            WHERE id = $1 AND state = 'pending'
            RETURNING (SELECT r.alert_id FROM reports r WHERE r.id = report_id) AS alert_id""";

    /** $1 photo, $2 why (an error code). The raw upload goes; nothing of it is ever served. */
    static final String FAIL = """
            UPDATE report_photos SET state = 'failed', raw = NULL, lease_until = NULL, failure = $2
            WHERE id = $1 AND state = 'pending'""";

    /** $1 how many. The oldest pending photos nobody holds. */
    static final String BACKLOG = """
            SELECT id FROM report_photos
            WHERE state = 'pending' AND (lease_until IS NULL OR lease_until < now())
            ORDER BY id
            LIMIT $1""";
}
