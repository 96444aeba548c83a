-- Alerts and their audit trail (package io.gridwatch.alert, SQL in AlertSql). Plain PostgreSQL 15+,
-- the same on the TimescaleDB path (no hypertables here: alerts are few and updated in place).

-- One row per alert. An alert is "open" until someone acknowledges it and "acknowledged" until
-- someone resolves it; at most one unresolved alert exists per source and kind (the partial unique
-- indexes below), so that repeats update it instead of opening another.
CREATE TABLE alerts (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind           text NOT NULL CHECK (kind IN ('smoke', 'water_level', 'offline', 'battery', 'report')),
    severity       text NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
    status         text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    -- exactly one source: a device, or a resident's report
    source_device  text,
    source_report  text,
    -- the cell and every unit above it, denormalised so that scoping is one indexed equality
    district_id    text NOT NULL,
    subdistrict_id text NOT NULL,
    community_id   text NOT NULL,
    sector_id      text NOT NULL,
    cell_id        text NOT NULL,
    -- the level whose people the alert is addressed to now
    level          text NOT NULL CHECK (level IN ('cell', 'sector', 'community', 'subdistrict', 'district')),
    value          double precision,
    count          integer NOT NULL DEFAULT 1 CHECK (count >= 1),
    reason         text NOT NULL,
    opened_at      timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    acked_at       timestamptz,
    acked_by       text,
    resolved_at    timestamptz,
    resolved_by    text,
    resolve_note   text,
    -- the next escalation deadline; null once acknowledged or resolved, or when nobody is above
    escalate_at    timestamptz,
    -- the condition ended (a rule cleared it) but nobody has resolved the alert yet
    cleared_at     timestamptz,
    CONSTRAINT alerts_one_source CHECK ((source_device IS NULL) <> (source_report IS NULL)),
    CONSTRAINT alerts_deadline_only_when_open CHECK (escalate_at IS NULL OR status = 'open')
);

-- "One unresolved alert per source and kind", also under concurrent raises from several nodes:
-- the raise is INSERT … ON CONFLICT on these. Null sources never conflict (NULLs are distinct).
CREATE UNIQUE INDEX alerts_unresolved_device ON alerts (source_device, kind) WHERE status <> 'resolved';
CREATE UNIQUE INDEX alerts_unresolved_report ON alerts (source_report, kind) WHERE status <> 'resolved';

-- Due escalations: WHERE status = 'open' AND escalate_at <= now ORDER BY escalate_at.
CREATE INDEX alerts_due ON alerts (escalate_at) WHERE status = 'open';

-- Scoping: a person sees their unit and everything below it. updated_at is deliberately not
-- indexed, so that a repeat (count, value, updated_at) stays a HOT update.
CREATE INDEX alerts_by_status ON alerts (status, opened_at DESC);
CREATE INDEX alerts_by_subdistrict ON alerts (subdistrict_id, status, opened_at DESC);
CREATE INDEX alerts_by_community ON alerts (community_id, status, opened_at DESC);
CREATE INDEX alerts_by_sector ON alerts (sector_id, status, opened_at DESC);
CREATE INDEX alerts_by_cell ON alerts (cell_id, status, opened_at DESC);

-- The audit trail: every transition of every alert, who did it (a username, or 'system') and the
-- level and severity the alert had right after it. Ordered by id within an alert.
CREATE TABLE alert_events (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id  bigint NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    at        timestamptz NOT NULL,
    type      text NOT NULL CHECK (type IN ('opened', 'updated', 'escalated', 'acknowledged', 'resolved',
                                            'cleared')),
    actor     text NOT NULL,
    level     text NOT NULL,
    severity  text NOT NULL,
    detail    jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX alert_events_alert ON alert_events (alert_id, id);
-- governance figures (GET /api/stats): escalations and acknowledgements over a period
CREATE INDEX alert_events_type_at ON alert_events (type, at);
