-- Every decision the worker made, as `quimbi outcomes` reads it from the drafts topic: what was
-- offered (or withheld by the retention holdout) to whom, when and why. Outcomes are measured by
-- joining these rows with the customer's later orders. One row per draft event (replays are no-ops).
CREATE TABLE IF NOT EXISTS retention_decisions (
    draft_event_id             text PRIMARY KEY,
    ticket_event_id            text NOT NULL,
    ticket_id                  text NOT NULL,
    customer_id                text,
    decided_at                 timestamptz NOT NULL,
    intent                     text NOT NULL,
    churn_risk_score           double precision CHECK (churn_risk_score > '-Infinity' AND churn_risk_score < 'Infinity'),
    churn_band                 text,
    value_tier                 text,
    lifetime_value             double precision CHECK (lifetime_value > '-Infinity' AND lifetime_value < 'Infinity'),
    archetype_id               text,
    discount_percent           integer NOT NULL,
    free_shipping              boolean NOT NULL,
    escalate                   boolean NOT NULL,
    priority                   text NOT NULL,
    reasons                    jsonb NOT NULL DEFAULT '[]',
    holdout                    boolean NOT NULL DEFAULT false,
    withheld_discount_percent  integer,
    withheld_free_shipping     boolean,
    recorded_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS retention_decisions_customer_idx ON retention_decisions (customer_id, decided_at);
