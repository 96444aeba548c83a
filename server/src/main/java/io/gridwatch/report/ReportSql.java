package io.gridwatch.report;

/** The SQL of the report store, in one place ({@code $n} parameters). */
final class ReportSql {

    private ReportSql() {
    }

    /** The id of the report about to be written: a new alert names it as its source. */
    static final String NEXT_ID = "SELECT nextval(pg_get_serial_sequence('reports', 'id'))";

    /**
     * $1 the hazard family. Reports of one family decide "join or open" one at a time, on every node:
     * two residents reporting the same fire at the same moment make one alert, not two.
     */
    static final String LOCK_FAMILY = "SELECT pg_advisory_xact_lock(hashtext('gridwatch.report.' || $1))";

    /**
     * The unresolved alert a new report joins, locked: an alert of the family's sensor kinds in the
     * report's cell (the sensor and the resident see one incident), else a report alert of the same
     * family with a report within the distance and window, in the cell or one touching it.
     * $1 sensor kinds, $2 cell, $3 cells around it, $4 the family's categories, $5 window start,
     * $6 lon, $7 lat (WGS84), $8 metres. Distance: equirectangular, exact enough at this scale.
     */
    static final String CANDIDATE = """
            SELECT a.id FROM alerts a
            WHERE a.status <> 'resolved' AND (
                (a.kind = ANY ($1::text[]) AND a.source_device IS NOT NULL AND a.cell_id = $2)
                OR (a.kind = 'report' AND a.cell_id = ANY ($3::text[]) AND EXISTS (
                    SELECT 1 FROM reports r
                    WHERE r.alert_id = a.id AND r.category = ANY ($4::text[]) AND r.created_at >= $5
                      AND 6371008.8 * sqrt(power(radians(r.lat - $7), 2)
                          + power(cos(radians($7)) * radians(r.lon - $6), 2)) <= $8)))
            ORDER BY a.source_device IS NULL, a.opened_at
            LIMIT 1
            FOR UPDATE OF a""";

    /**
     * $1 id, $2 tracking code, $3 idempotency key hash, $4 category, $5 description, $6 lon, $7 lat,
     * $8 located_by, $9–$13 district…cell, $14 alert, $15 merged, $16 created_at, $17 channel, $18 api key,
     * $19 source system, $20 external id, $21 reported_at, $22 media_url, $23 contact phone.
     */
    static final String INSERT_REPORT = """
            INSERT INTO reports (id, tracking_code, idempotency_key, category, description, lon, lat, located_by,
                district_id, subdistrict_id, community_id, sector_id, cell_id, alert_id, merged, created_at,
                channel, api_key_id, source_system, external_id, reported_at, media_url, contact_phone)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                $17, $18, $19, $20, $21, $22, $23)""";

    static final String BY_KEY = """
            SELECT id, tracking_code, alert_id, merged, district_id, subdistrict_id, community_id, sector_id, cell_id
            FROM reports WHERE idempotency_key = $1""";

    /** $1 source system, $2 external id. */
    static final String BY_INCIDENT = """
            SELECT id, tracking_code, alert_id, merged, district_id, subdistrict_id, community_id, sector_id, cell_id
            FROM reports WHERE channel = 'incident' AND source_system = $1 AND external_id = $2""";

    /** What the resident may see: nothing about staff. The photo's state: pending, clean, failed or null. */
    static final String STATUS = """
            SELECT r.tracking_code, r.category, r.created_at, a.status, a.level, a.district_id, a.subdistrict_id,
                a.community_id, a.sector_id, a.cell_id,
                (SELECT p.state FROM report_photos p WHERE p.report_id = r.id) AS photo_state
            FROM reports r JOIN alerts a ON a.id = r.alert_id
            WHERE r.tracking_code = $1""";

    /**
     * $1 photo id; %s is {@code bytes} or {@code thumb}. With the departments that hold the report's case now. Only a
     * clean photo: an upload not yet sanitised (or refused by the sanitiser) is never served.
     */
    private static final String PHOTO = """
            SELECT p.%s AS image, r.cell_id,
                ARRAY(SELECT d.department_id FROM case_dispatches d
                      WHERE d.alert_id = r.alert_id AND d.returned_at IS NULL) AS departments
            FROM report_photos p JOIN reports r ON r.id = p.report_id
            WHERE p.id = $1 AND p.state = 'clean'""";

    static final String PHOTO_FULL = PHOTO.formatted("bytes");
    static final String PHOTO_THUMB = PHOTO.formatted("thumb");
}
