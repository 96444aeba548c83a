-- Reports that did not come from the /report page (package io.gridwatch.report): Open311 requests from
-- city apps and incidents handed over by other systems (非警务警情流转). Every such report still opens or
-- joins an alert through the one lifecycle. (Residents' ratings go into case_ratings, made by V20.)

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
