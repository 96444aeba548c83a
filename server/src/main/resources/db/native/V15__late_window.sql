-- Counterpart of db/timescale/V15__late_window.sql on plain PostgreSQL: no policy to change. RollupRefresher
-- re-aggregates every hour into which a late reading was written, whatever its age, and nothing is
-- compressed. The table says which window it was set up for, as on TimescaleDB.
COMMENT ON TABLE readings IS 'readings accepted up to ${late_window_days} days late; every late hour re-aggregated by RollupRefresher';
