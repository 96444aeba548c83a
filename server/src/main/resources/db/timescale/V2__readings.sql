-- Readings on TimescaleDB (chosen by Migrations when timescaledb >= 2.13 is available and
-- preloaded): a hypertable of one-day chunks, compressed per device after 7 days, dropped after
-- ${retention_days} days, with continuous aggregates that have the same names and columns as the
-- rollup tables of the plain PostgreSQL path (db/native/V2__readings.sql).
--
-- Runs outside a transaction (V2__readings.sql.conf): continuous aggregates cannot be created in
-- one. If a statement fails, Flyway marks V2 failed; drop what was created and run again.
-- This file is not exercised by the tests (TimescaleDB is not installable there); see docs/storage.md.

CREATE EXTENSION IF NOT EXISTS timescaledb;

CREATE TABLE readings (
    time        timestamptz NOT NULL,
    device_id   text NOT NULL,
    cell_id     text,
    kind        text NOT NULL,
    seq         bigint NOT NULL,
    obscuration double precision,
    alarm       boolean,
    level       double precision,
    battery     smallint,
    received_at timestamptz NOT NULL DEFAULT now(),
    -- a redelivered reading is stored once
    CONSTRAINT readings_device_time_seq UNIQUE (device_id, time, seq)
);

SELECT create_hypertable('readings', by_range('time', INTERVAL '1 day'));

ALTER TABLE readings SET (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'device_id',
    timescaledb.compress_orderby = 'time DESC'
);
SELECT add_compression_policy('readings', compress_after => INTERVAL '7 days');
SELECT add_retention_policy('readings', drop_after => INTERVAL '${retention_days} days');

-- Per device. Real-time (materialized_only = false): the newest buckets are computed from raw
-- readings at query time, as fresh as the native rollups.
CREATE MATERIALIZED VIEW readings_1m
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 minute', time) AS bucket,
       device_id,
       cell_id,
       kind,
       count(*) AS n,
       avg(level) AS avg_level,
       min(level) AS min_level,
       max(level) AS max_level,
       max(obscuration) AS max_obscuration,
       bool_or(alarm) AS alarm,
       min(battery) AS min_battery
FROM readings
GROUP BY bucket, device_id, cell_id, kind
WITH NO DATA;

CREATE MATERIALIZED VIEW readings_1h
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket,
       device_id,
       cell_id,
       kind,
       count(*) AS n,
       avg(level) AS avg_level,
       min(level) AS min_level,
       max(level) AS max_level,
       max(obscuration) AS max_obscuration,
       bool_or(alarm) AS alarm,
       min(battery) AS min_battery
FROM readings
GROUP BY bucket, device_id, cell_id, kind
WITH NO DATA;

-- Per cell. count(DISTINCT ...) is allowed in continuous aggregates since TimescaleDB 2.7.
CREATE MATERIALIZED VIEW cell_readings_1m
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 minute', time) AS bucket,
       cell_id,
       kind,
       count(*) AS n,
       count(DISTINCT device_id) AS devices,
       avg(level) AS avg_level,
       max(level) AS max_level,
       max(obscuration) AS max_obscuration,
       bool_or(alarm) AS alarm
FROM readings
WHERE cell_id IS NOT NULL
GROUP BY bucket, cell_id, kind
WITH NO DATA;

CREATE MATERIALIZED VIEW cell_readings_1h
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket,
       cell_id,
       kind,
       count(*) AS n,
       count(DISTINCT device_id) AS devices,
       avg(level) AS avg_level,
       max(level) AS max_level,
       max(obscuration) AS max_obscuration,
       bool_or(alarm) AS alarm
FROM readings
WHERE cell_id IS NOT NULL
GROUP BY bucket, cell_id, kind
WITH NO DATA;

-- Refresh windows reach back days, not minutes, so that readings a device delivers late (after an
-- outage) are aggregated too; only invalidated ranges are recomputed, so a long window costs little.
SELECT add_continuous_aggregate_policy('readings_1m',
    start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 minute');
SELECT add_continuous_aggregate_policy('cell_readings_1m',
    start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 minute');
SELECT add_continuous_aggregate_policy('readings_1h',
    start_offset => INTERVAL '7 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes');
SELECT add_continuous_aggregate_policy('cell_readings_1h',
    start_offset => INTERVAL '7 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes');

CREATE INDEX readings_1m_device ON readings_1m (device_id, bucket);
CREATE INDEX readings_1h_device ON readings_1h (device_id, bucket);
CREATE INDEX cell_readings_1m_cell ON cell_readings_1m (cell_id, kind, bucket);
CREATE INDEX cell_readings_1h_cell ON cell_readings_1h (cell_id, kind, bucket);
