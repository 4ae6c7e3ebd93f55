-- Every note `quimbi deliver` wrote into a helpdesk, keyed by the event (draft or escalation) it was written
-- for: checked before a note is written, so a draft redelivered after a restart or rebalance is not posted twice.
CREATE TABLE IF NOT EXISTS delivered_notes (
    event_id      text PRIMARY KEY,
    helpdesk      text NOT NULL,
    ticket_id     text NOT NULL,
    delivered_at  timestamptz NOT NULL DEFAULT now()
);
