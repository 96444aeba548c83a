-- A resident's photo is answered before it is sanitised (issue 18): the upload is kept as it came (raw) with the
-- state 'pending' until a sanitiser has re-encoded it ('clean': bytes and thumb set, raw gone) or found it unusable
-- ('failed': raw gone, failure says why). Only 'clean' photos are ever served or listed in an alert. The pending rows
-- are the to-do list: any node takes one under a lease (lease_until), so a restart or a dead node loses nothing.
ALTER TABLE report_photos
    ADD COLUMN state       text NOT NULL DEFAULT 'clean' CHECK (state IN ('pending', 'clean', 'failed')),
    ADD COLUMN raw         bytea,
    ADD COLUMN received_at timestamptz,
    ADD COLUMN attempts    integer NOT NULL DEFAULT 0,
    ADD COLUMN lease_until timestamptz,
    ADD COLUMN failure     text,
    ALTER COLUMN width DROP NOT NULL,
    ALTER COLUMN height DROP NOT NULL,
    ALTER COLUMN bytes DROP NOT NULL,
    ALTER COLUMN thumb_width DROP NOT NULL,
    ALTER COLUMN thumb_height DROP NOT NULL,
    ALTER COLUMN thumb DROP NOT NULL,
    ADD CONSTRAINT report_photos_state_fits CHECK (
        (state = 'pending' AND raw IS NOT NULL)
        OR (state = 'clean' AND raw IS NULL AND bytes IS NOT NULL AND thumb IS NOT NULL
            AND width IS NOT NULL AND height IS NOT NULL AND thumb_width IS NOT NULL AND thumb_height IS NOT NULL)
        OR (state = 'failed' AND raw IS NULL AND bytes IS NULL));

-- JPEG bytes do not compress: spare PostgreSQL the attempt (pglz on every 2 MB upload)
ALTER TABLE report_photos ALTER COLUMN raw SET STORAGE EXTERNAL;
ALTER TABLE report_photos ALTER COLUMN bytes SET STORAGE EXTERNAL;
ALTER TABLE report_photos ALTER COLUMN thumb SET STORAGE EXTERNAL;

CREATE INDEX report_photos_pending ON report_photos (id) WHERE state = 'pending';
