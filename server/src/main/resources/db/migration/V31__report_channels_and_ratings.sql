-- Reports that did not come from the /report page (package io.gridwatch.report): Open311 requests from
-- city apps and incidents handed over by other systems (非警务警情流转), and residents' ratings of the
-- result (回访). Every such report still opens or joins an alert through the one lifecycle.

ALTER TABLE reports
    -- how the report arrived: the resident's own upload, an Open311 client, or another system's incident
    ADD COLUMN channel       text NOT NULL DEFAULT 'resident' CHECK (channel IN ('resident', 'open311', 'incident')),
    -- the key that brought it (Open311 and incidents)
    ADD COLUMN api_key_id    bigint REFERENCES api_keys (id),
    -- incidents: the handing-over system ("110", "12345") and its own id; one report per pair
    ADD COLUMN source_system text,
    ADD COLUMN external_id   text,
    -- incidents: when the caller reported it to that system
    ADD COLUMN reported_at   timestamptz,
    -- Open311: the client's media_url, kept as a link and never fetched by the server
    ADD COLUMN media_url     text CHECK (length(media_url) <= 2000),
    -- the resident's optional phone for the return visit (回访); staff only, never in a resident's view
    ADD COLUMN contact_phone text CHECK (length(contact_phone) <= 32),
    ADD CONSTRAINT reports_incident_identity CHECK ((channel = 'incident') = (external_id IS NOT NULL)
        AND (external_id IS NULL) = (source_system IS NULL));

-- the page says where the position came from: the phone's geolocation, a tap on the map, or the photo
ALTER TABLE reports DROP CONSTRAINT reports_located_by_check;
ALTER TABLE reports ADD CONSTRAINT reports_located_by_check
    CHECK (located_by IN ('form', 'exif', 'geolocation', 'map'));

-- Idempotency of incidents: the same (source, external id) again is the same report and case.
CREATE UNIQUE INDEX reports_incident_identity ON reports (source_system, external_id) WHERE channel = 'incident';
-- Open311's GET requests.json: newest first over a period
CREATE INDEX reports_by_created ON reports (created_at DESC);

-- A resident's rating of a closed case, once per report. level: the level that had closed the case; an
-- unsatisfied rating reopens it one staffed level above (回访不满意重办). The satisfaction figures count these.
CREATE TABLE report_ratings (
    report_id bigint PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    alert_id  bigint NOT NULL REFERENCES alerts (id),
    score     text NOT NULL CHECK (score IN ('satisfied', 'basic', 'unsatisfied')),
    comment   text CHECK (length(comment) <= 1000),
    level     text NOT NULL CHECK (level IN ('cell', 'sector', 'community', 'subdistrict', 'district')),
    rated_at  timestamptz NOT NULL
);
CREATE INDEX report_ratings_at ON report_ratings (rated_at);

-- The audit trail records ratings (and the reopening an unsatisfied one causes). The type check is extended,
-- not rewritten, so that event types added by other migrations (the cases' lifecycle) stay allowed.
DO $$
DECLARE definition text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO definition FROM pg_constraint
    WHERE conrelid = 'alert_events'::regclass AND conname = 'alert_events_type_check';
    IF definition NOT LIKE '%''rated''%' THEN
        ALTER TABLE alert_events DROP CONSTRAINT alert_events_type_check;
        EXECUTE 'ALTER TABLE alert_events ADD CONSTRAINT alert_events_type_check '
            || replace(definition, '''cleared''::text', '''cleared''::text, ''rated''::text');
    END IF;
END $$;
