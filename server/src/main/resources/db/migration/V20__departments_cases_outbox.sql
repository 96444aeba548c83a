-- Departments and cases (分格发令,部门执行; packages io.gridwatch.department and io.gridwatch.casework) and the
-- transactional outbox of notifications (package io.gridwatch.outbox). Plain PostgreSQL, the same on both paths.

-- The case statuses extend the alert's: acknowledged → dispatched → accepted → handled → resolved, or returned.
ALTER TABLE alerts DROP CONSTRAINT alerts_status_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_status_check CHECK (status IN ('open', 'acknowledged', 'dispatched',
    'accepted', 'handled', 'returned', 'resolved'));
ALTER TABLE alert_events DROP CONSTRAINT alert_events_type_check;
ALTER TABLE alert_events ADD CONSTRAINT alert_events_type_check CHECK (type IN ('opened', 'updated', 'escalated',
    'acknowledged', 'resolved', 'cleared', 'dispatched', 'accepted', 'handled', 'returned', 'verified', 'overdue',
    'rated'));
-- people with role department have a department id as their unit
ALTER TABLE people DROP CONSTRAINT people_role_check;
ALTER TABLE people ADD CONSTRAINT people_role_check CHECK (role IN ('cell_worker', 'sector_leader', 'community',
    'subdistrict', 'district', 'rescue', 'admin', 'department'));

-- A department that acts on cases (fire brigade, water affairs, …), for an area of the grid (default: the district),
-- and where its notifications go. The notify secret signs them, so it is kept as given (not hashed) and never shown.
CREATE TABLE departments (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    area          text NOT NULL,
    notify_url    text,
    notify_format text CHECK (notify_format IN ('wecom', 'dingtalk', 'json')),
    notify_secret text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT departments_notify_whole CHECK ((notify_url IS NULL) = (notify_format IS NULL))
);

-- Which department takes which alert kind or report category by default, per area: one department per handle and
-- area; a case goes to the one whose area is the nearest on the alert's path.
CREATE TABLE department_handles (
    department_id text NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
    handle        text NOT NULL,
    area          text NOT NULL,
    PRIMARY KEY (department_id, handle),
    UNIQUE (handle, area)
);

-- One row per dispatch of an alert to a department, the current one being the one not returned. A returned case
-- may be dispatched again (to the same or another department): the returned row stays, for the figures.
CREATE TABLE case_dispatches (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id       bigint NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    department_id  text NOT NULL REFERENCES departments (id),
    dispatched_by  text NOT NULL,
    -- the level of the person who dispatched; overdue goes to the level above it
    dispatch_level text NOT NULL CHECK (dispatch_level IN ('cell', 'sector', 'community', 'subdistrict', 'district')),
    note           text,
    dispatched_at  timestamptz NOT NULL,
    due_at         timestamptz NOT NULL,
    accepted_at    timestamptz,
    accepted_by    text,
    handled_at     timestamptz,
    handled_by     text,
    handle_note    text,
    -- whether staff chose to show the handling note and photos to the resident who reported it (/track)
    shared         boolean NOT NULL DEFAULT false,
    returned_at    timestamptz,
    return_reason  text,
    overdue_at     timestamptz,
    verified_at    timestamptz,
    verified_by    text,
    CONSTRAINT case_dispatches_due_after CHECK (due_at > dispatched_at)
);
CREATE UNIQUE INDEX case_dispatches_live ON case_dispatches (alert_id) WHERE returned_at IS NULL;
CREATE INDEX case_dispatches_department ON case_dispatches (department_id, dispatched_at);
-- due overdue checks: WHERE overdue_at IS NULL AND handled_at IS NULL AND returned_at IS NULL AND due_at <= now
CREATE INDEX case_dispatches_due ON case_dispatches (due_at)
    WHERE overdue_at IS NULL AND handled_at IS NULL AND returned_at IS NULL;

-- Photos of a department's handling, re-encoded like residents' photos (no metadata), with a thumbnail.
CREATE TABLE case_photos (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dispatch_id   bigint NOT NULL REFERENCES case_dispatches (id) ON DELETE CASCADE,
    alert_id      bigint NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    width         integer NOT NULL CHECK (width > 0),
    height        integer NOT NULL CHECK (height > 0),
    bytes         bytea NOT NULL,
    thumb_width   integer NOT NULL CHECK (thumb_width > 0),
    thumb_height  integer NOT NULL CHECK (thumb_height > 0),
    thumb         bytea NOT NULL
);
CREATE INDEX case_photos_dispatch ON case_photos (dispatch_id, id);

-- A grid unit's own notify URL (a community's WeCom group, …): the case events on its alerts go there too.
CREATE TABLE unit_notify (
    unit_id       text PRIMARY KEY,
    notify_url    text NOT NULL,
    notify_format text NOT NULL CHECK (notify_format IN ('wecom', 'dingtalk', 'json')),
    notify_secret text
);

-- Residents' ratings of a closed case, one per report (written by the residents' rating endpoint; counted in
-- GET /api/stats as satisfaction).
CREATE TABLE case_ratings (
    report_id bigint PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    alert_id  bigint NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    score     text NOT NULL CHECK (score IN ('satisfied', 'basic', 'unsatisfied')),
    comment   text CHECK (length(comment) <= 1000),
    rated_at  timestamptz NOT NULL
);
CREATE INDEX case_ratings_alert ON case_ratings (alert_id);

-- The transactional outbox: a message is written in the same transaction as the change it reports and delivered
-- later by a relay (io.gridwatch.outbox.OutboxRelay), in id order within its stream (e.g. one case's events to one
-- URL), retried with back-off. A relay leases a stream's head (leased_until) so that several nodes share the work.
CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream          text NOT NULL,
    url             text NOT NULL,
    format          text NOT NULL CHECK (format IN ('wecom', 'dingtalk', 'json')),
    secret          text,
    -- the message as signed JSON, and as the title and markdown text of a WeCom/DingTalk group-robot message
    body            jsonb NOT NULL,
    title           text NOT NULL,
    text            text NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    leased_until    timestamptz,
    last_error      text,
    sent_at         timestamptz,
    -- given up after the last attempt: no longer holds its stream back
    dead_at         timestamptz
);
CREATE INDEX outbox_pending ON outbox (stream, id) WHERE sent_at IS NULL AND dead_at IS NULL;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND dead_at IS NULL;
