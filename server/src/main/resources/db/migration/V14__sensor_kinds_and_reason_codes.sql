-- Sensor kinds are data (ARCHITECTURE 3.7): the ids a device or an alert may have live in two tables
-- that the server fills from its kind registry at every start (KindTables), instead of CHECK lists
-- that a new kind would have to rewrite. The rows here are the kinds this version ships with, so
-- that a database migrated without starting a server (tests, tools) accepts them too.
CREATE TABLE sensor_kinds (id text PRIMARY KEY);
INSERT INTO sensor_kinds (id) VALUES ('smoke'), ('water_level'), ('gas'), ('heat');

CREATE TABLE alert_kinds (id text PRIMARY KEY);
INSERT INTO alert_kinds (id) VALUES ('smoke'), ('water_level'), ('gas'), ('heat'), ('offline'), ('battery'),
    ('report');

ALTER TABLE devices DROP CONSTRAINT devices_kind_check;
ALTER TABLE devices ADD CONSTRAINT devices_kind_known FOREIGN KEY (kind) REFERENCES sensor_kinds (id);
ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_kind_known FOREIGN KEY (kind) REFERENCES alert_kinds (id);

-- Why an alert was raised, as a code plus values that pages say in their own language; the English
-- text stays in "reason". Alerts from before have only the text: code 'other', no values.
ALTER TABLE alerts ADD COLUMN reason_code text NOT NULL DEFAULT 'other';
ALTER TABLE alerts ADD COLUMN reason_values jsonb NOT NULL DEFAULT '{}'::jsonb;

-- The latest values of the new kinds (gas: % of the lower explosive limit, heat: °C).
ALTER TABLE device_state ADD COLUMN lel double precision;
ALTER TABLE device_state ADD COLUMN temp_c double precision;
