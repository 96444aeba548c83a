package io.gridwatch.open311;

/** The SQL of the Open311 view of reports, in one place ({@code $n} parameters). */
final class Open311Sql {

    private Open311Sql() {
    }

    /**
     * Reports as service requests, newest first; incidents handed over by other systems are not published.
     * $1 ids or null, $2 categories or null, $3 from or null, $4 until or null, $5 statuses (open/closed) or null,
     * $6 limit.
     */
    static final String LIST = """
            SELECT r.id, r.category, r.channel, r.description, r.lon, r.lat, r.media_url, r.created_at,
                a.status, a.updated_at, a.level, a.district_id, a.subdistrict_id, a.community_id, a.sector_id,
                a.cell_id
            FROM reports r JOIN alerts a ON a.id = r.alert_id
            WHERE r.channel <> 'incident'
              AND ($1::bigint[] IS NULL OR r.id = ANY ($1))
              AND ($2::text[] IS NULL OR r.category = ANY ($2))
              AND ($3::timestamptz IS NULL OR r.created_at >= $3)
              AND ($4::timestamptz IS NULL OR r.created_at <= $4)
              AND ($5::text[] IS NULL OR (CASE WHEN a.status = 'resolved' THEN 'closed' ELSE 'open' END) = ANY ($5))
            ORDER BY r.created_at DESC, r.id DESC
            LIMIT $6""";
}
