-- Registered sensors. Positions are WGS84; the cell was looked up once, at registration, and
-- every reading carries it from then on. Only a hash of the device's token is kept.
CREATE TABLE devices (
    id          text PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('smoke', 'water_level')),
    name        text NOT NULL DEFAULT '',
    lon         double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    lat         double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    cell_id     text,
    warn        double precision,
    danger      double precision,
    token_hash  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX devices_cell ON devices (cell_id);

-- The latest reading of each device (by the device's own timestamp; it never moves backwards),
-- written in the same statement as the readings themselves.
CREATE TABLE device_state (
    device_id   text PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    last_ts     timestamptz NOT NULL,
    last_seq    bigint NOT NULL,
    obscuration double precision,
    alarm       boolean,
    level       double precision,
    battery     smallint,
    received_at timestamptz NOT NULL
);

-- The grid the server runs with, replaced from the grid file at every start-up, so that SQL and
-- Grafana can join names and parents. Geometry is GeoJSON text in WGS84 (PostGIS is not assumed).
CREATE TABLE grid_units (
    id          text PRIMARY KEY,
    level       text NOT NULL CHECK (level IN ('district', 'subdistrict', 'community', 'sector', 'cell')),
    parent      text,
    name        text NOT NULL DEFAULT '',
    geometry    text NOT NULL
);
CREATE INDEX grid_units_parent ON grid_units (parent);
CREATE INDEX grid_units_level ON grid_units (level);
