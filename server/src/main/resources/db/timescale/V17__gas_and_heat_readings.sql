-- Gas and heat readings (ARCHITECTURE 3.7) on TimescaleDB, in step with
-- db/native/V17__gas_and_heat_readings.sql: a column per new value on the hypertable (nullable,
-- no default: allowed on compressed chunks), and continuous aggregates with max_lel and max_temp_c.
--
-- Continuous aggregates cannot gain columns. So that nothing is lost, the V2 aggregates are kept
-- under the names *_v2 (their materialized history, including buckets whose raw chunks retention
-- has dropped), their refresh policies removed so that they are never recomputed from missing raw
-- data, and new aggregates with the V2 names are created and filled from the raw readings.
--
-- Runs outside a transaction (.conf), as V2 does. Not exercised by the tests (TimescaleDB is not
-- installable there); see docs/storage.md.

ALTER TABLE readings ADD COLUMN lel double precision;
ALTER TABLE readings ADD COLUMN temp_c double precision;

SELECT remove_continuous_aggregate_policy('readings_1m', if_exists => true);
SELECT remove_continuous_aggregate_policy('readings_1h', if_exists => true);
SELECT remove_continuous_aggregate_policy('cell_readings_1m', if_exists => true);
SELECT remove_continuous_aggregate_policy('cell_readings_1h', if_exists => true);
ALTER MATERIALIZED VIEW readings_1m RENAME TO readings_1m_v2;
ALTER MATERIALIZED VIEW readings_1h RENAME TO readings_1h_v2;
ALTER MATERIALIZED VIEW cell_readings_1m RENAME TO cell_readings_1m_v2;
ALTER MATERIALIZED VIEW cell_readings_1h RENAME TO cell_readings_1h_v2;

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
       min(battery) AS min_battery,
       max(lel) AS max_lel,
       max(temp_c) AS max_temp_c
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
       min(battery) AS min_battery,
       max(lel) AS max_lel,
       max(temp_c) AS max_temp_c
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
       bool_or(alarm) AS alarm,
       max(lel) AS max_lel,
       max(temp_c) AS max_temp_c
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
       bool_or(alarm) AS alarm,
       max(lel) AS max_lel,
       max(temp_c) AS max_temp_c
FROM readings
WHERE cell_id IS NOT NULL
GROUP BY bucket, cell_id, kind
WITH NO DATA;

-- (Index names carry _v17: the V2 names stay with the kept aggregates.)
-- The same refresh policies as V15 (the whole late window of readings the server accepts).
SELECT add_continuous_aggregate_policy('readings_1m',
    start_offset => INTERVAL '${aggregate_refresh_days} days', end_offset => INTERVAL '1 minute',
    schedule_interval => INTERVAL '1 minute');
SELECT add_continuous_aggregate_policy('cell_readings_1m',
    start_offset => INTERVAL '${aggregate_refresh_days} days', end_offset => INTERVAL '1 minute',
    schedule_interval => INTERVAL '1 minute');
SELECT add_continuous_aggregate_policy('readings_1h',
    start_offset => INTERVAL '${aggregate_refresh_days} days', end_offset => INTERVAL '1 hour',
    schedule_interval => INTERVAL '30 minutes');
SELECT add_continuous_aggregate_policy('cell_readings_1h',
    start_offset => INTERVAL '${aggregate_refresh_days} days', end_offset => INTERVAL '1 hour',
    schedule_interval => INTERVAL '30 minutes');

CREATE INDEX readings_1m_device_v17 ON readings_1m (device_id, bucket);
CREATE INDEX readings_1h_device_v17 ON readings_1h (device_id, bucket);
CREATE INDEX cell_readings_1m_cell_v17 ON cell_readings_1m (cell_id, kind, bucket);
CREATE INDEX cell_readings_1h_cell_v17 ON cell_readings_1h (cell_id, kind, bucket);

-- Fill the new aggregates from every raw reading still kept (real-time aggregation would answer
-- anyway, but slower).
CALL refresh_continuous_aggregate('readings_1m', NULL, now() - INTERVAL '1 minute');
CALL refresh_continuous_aggregate('cell_readings_1m', NULL, now() - INTERVAL '1 minute');
CALL refresh_continuous_aggregate('readings_1h', NULL, now() - INTERVAL '1 hour');
CALL refresh_continuous_aggregate('cell_readings_1h', NULL, now() - INTERVAL '1 hour');
