-- A resident's raw photo is committed in a transaction of its own, before the report (issue 18's profile: the 2 MB
-- insert and its WAL flush inside the report's transaction held the hazard family's advisory lock and the alert's row
-- lock, so uploads queued one behind another). Until the report's transaction links it (report_id set), the row is an
-- upload nobody has accepted: never sanitised, never served, and deleted by the photo sweep once it is an hour old (the
-- report's transaction failed, or the server stopped between the two).
ALTER TABLE report_photos
    ALTER COLUMN report_id DROP NOT NULL,
    ADD CONSTRAINT report_photos_unlinked_pending CHECK (report_id IS NOT NULL OR state = 'pending');

CREATE INDEX report_photos_unlinked ON report_photos (received_at) WHERE report_id IS NULL;
