-- How many times each alert has climbed a level, kept with the alert so that maps and lists can say
-- "escalated" without reading the audit trail (the escalated events stay the record of when and where).
ALTER TABLE alerts ADD COLUMN escalations integer NOT NULL DEFAULT 0 CHECK (escalations >= 0);
