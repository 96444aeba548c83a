-- The cluster's offline check (evaluate/SilenceRounds) asks, per silent device, whether an offline alert was opened
-- since it was last heard (open, or resolved by a person while the device stays silent): without this index that
-- is a scan of every alert per device.
CREATE INDEX alerts_offline_by_device ON alerts (source_device, opened_at DESC) WHERE kind = 'offline';
