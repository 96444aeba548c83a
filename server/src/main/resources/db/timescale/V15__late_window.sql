-- Late readings reach the rollups, and land in uncompressed chunks (TimescaleDB path).
--
-- The server accepts readings up to ${late_window_days} days old (io.gridwatch.store.LateWindow, which
-- also fills the placeholders below). V2's refresh policies looked back only 3 and 7 days: a backlog
-- uploaded after a longer outage was stored but never aggregated. The policies now look back
-- ${aggregate_refresh_days} days; a refresh recomputes only the ranges that writes invalidated, so the
-- long window costs little, and the invalidations left behind by earlier late readings are picked up
-- by the first run. Chunks are compressed only after ${compress_after_days} days: a late write into a
-- compressed chunk is about ten times slower. Chunks compressed before this migration stay compressed
-- (they age out of the late window); docs/storage.md says how to decompress them at once.
--
-- Guarded: every removal is if_exists, so the script also runs on a database whose policies were
-- changed by hand. db/native/V15__late_window.sql is its counterpart.

SELECT remove_continuous_aggregate_policy('readings_1m', if_exists => true);
SELECT remove_continuous_aggregate_policy('cell_readings_1m', if_exists => true);
SELECT remove_continuous_aggregate_policy('readings_1h', if_exists => true);
SELECT remove_continuous_aggregate_policy('cell_readings_1h', if_exists => true);

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

SELECT remove_compression_policy('readings', if_exists => true);
SELECT add_compression_policy('readings', compress_after => INTERVAL '${compress_after_days} days');

COMMENT ON TABLE readings IS 'readings accepted up to ${late_window_days} days late; rollups refreshed ${aggregate_refresh_days} days back; chunks compressed after ${compress_after_days} days';
