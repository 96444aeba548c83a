-- People who log in (grid workers, leaders, rescue teams, admins) and server settings.
CREATE TABLE people (
    username      text PRIMARY KEY,
    name          text NOT NULL DEFAULT '',
    role          text NOT NULL CHECK (role IN ('cell_worker', 'sector_leader', 'community', 'subdistrict',
                                                'district', 'rescue', 'admin')),
    unit          text NOT NULL,
    phone         text,
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_unit ON people (unit);

-- Key/value settings the server generates once and keeps (e.g. the JWT signing key).
CREATE TABLE settings (
    name  text PRIMARY KEY,
    value text NOT NULL
);
