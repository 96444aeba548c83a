-- Gas and heat readings (ARCHITECTURE 3.7) on plain PostgreSQL: a column per new value, added to the
-- partitioned table (every partition gets it) and to the rollup tables, which RollupRefresher fills
-- from the kind registry's columns. Existing rows keep everything; their new columns are null.
-- In step with db/timescale/V17__gas_and_heat_readings.sql.
ALTER TABLE readings ADD COLUMN lel double precision;
ALTER TABLE readings ADD COLUMN temp_c double precision;

ALTER TABLE readings_1m ADD COLUMN max_lel double precision;
ALTER TABLE readings_1m ADD COLUMN max_temp_c double precision;
ALTER TABLE readings_1h ADD COLUMN max_lel double precision;
ALTER TABLE readings_1h ADD COLUMN max_temp_c double precision;
ALTER TABLE cell_readings_1m ADD COLUMN max_lel double precision;
ALTER TABLE cell_readings_1m ADD COLUMN max_temp_c double precision;
ALTER TABLE cell_readings_1h ADD COLUMN max_lel double precision;
ALTER TABLE cell_readings_1h ADD COLUMN max_temp_c double precision;
