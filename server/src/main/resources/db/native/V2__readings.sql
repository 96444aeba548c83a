-- Readings on plain PostgreSQL (no TimescaleDB): range-partitioned by day. PartitionMaintainer
-- creates readings_pYYYYMMDD ahead of time and drops those past retention; the DEFAULT partition
-- takes anything else (a clock years off), so no reading is ever refused for want of a partition.
-- Same columns as the TimescaleDB hypertable (db/timescale/V2__readings.sql).
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
) PARTITION BY RANGE (time);

CREATE TABLE readings_default PARTITION OF readings DEFAULT;

-- Time-range scans (rollups, dashboards) over append-mostly data: a BRIN index costs little on insert.
CREATE INDEX readings_time ON readings USING brin (time) WITH (autosummarize = on);

-- Rollups with the same names and columns as the TimescaleDB continuous aggregates, kept fresh by
-- RollupRefresher. Buckets are aligned to UTC, as time_bucket aligns them.
CREATE TABLE readings_1m (
    bucket          timestamptz NOT NULL,
    device_id       text NOT NULL,
    cell_id         text,
    kind            text NOT NULL,
    n               bigint NOT NULL,
    avg_level       double precision,
    min_level       double precision,
    max_level       double precision,
    max_obscuration double precision,
    alarm           boolean,
    min_battery     smallint,
    CONSTRAINT readings_1m_key UNIQUE NULLS NOT DISTINCT (device_id, bucket, cell_id, kind)
);
CREATE INDEX readings_1m_bucket ON readings_1m (bucket);

CREATE TABLE readings_1h (LIKE readings_1m);
ALTER TABLE readings_1h ADD CONSTRAINT readings_1h_key UNIQUE NULLS NOT DISTINCT (device_id, bucket, cell_id, kind);
CREATE INDEX readings_1h_bucket ON readings_1h (bucket);

CREATE TABLE cell_readings_1m (
    bucket          timestamptz NOT NULL,
    cell_id         text NOT NULL,
    kind            text NOT NULL,
    n               bigint NOT NULL,
    devices         bigint NOT NULL,
    avg_level       double precision,
    max_level       double precision,
    max_obscuration double precision,
    alarm           boolean,
    CONSTRAINT cell_readings_1m_key PRIMARY KEY (cell_id, kind, bucket)
);
CREATE INDEX cell_readings_1m_bucket ON cell_readings_1m (bucket);

CREATE TABLE cell_readings_1h (LIKE cell_readings_1m INCLUDING CONSTRAINTS);
ALTER TABLE cell_readings_1h ADD CONSTRAINT cell_readings_1h_key PRIMARY KEY (cell_id, kind, bucket);
CREATE INDEX cell_readings_1h_bucket ON cell_readings_1h (bucket);
