-- Which steps of an incident's case were already queued in the outbox for the system that handed it over
-- (package io.gridwatch.incident): written in the same transaction as the outbox messages, so that each committed
-- event is sent back once, whichever node queues it.
CREATE TABLE incident_feedback (
    event_id  bigint NOT NULL REFERENCES alert_events (id) ON DELETE CASCADE,
    report_id bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    queued_at timestamptz NOT NULL,
    PRIMARY KEY (event_id, report_id)
);
-- the feedback round finds incidents' events by their alert and time
CREATE INDEX reports_incident_alert ON reports (alert_id) WHERE channel = 'incident';
