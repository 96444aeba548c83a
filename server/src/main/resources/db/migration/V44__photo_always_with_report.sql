-- Takes back V43. V43 let a resident's photo be committed before its report (report_id null until the report's
-- transaction linked it); measured, the second commit per upload cost more than it saved, and the photo went back into
-- the report's transaction the same day, so no code writes a photo without its report. A row still without one is an
-- upload nobody accepted (never taken, never served): it goes, and every photo belongs to its report again.
DELETE FROM report_photos WHERE report_id IS NULL;

DROP INDEX report_photos_unlinked;

ALTER TABLE report_photos
    DROP CONSTRAINT report_photos_unlinked_pending,
    ALTER COLUMN report_id SET NOT NULL;
