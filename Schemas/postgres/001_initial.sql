-- Quimbi initial schema (DESIGN.md section 5).
CREATE TABLE IF NOT EXISTS customers (
    id          text PRIMARY KEY,
    email       text,
    first_name  text,
    last_name   text,
    created_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS customers_email_idx ON customers (lower(email));

CREATE TABLE IF NOT EXISTS orders (
    id                  text PRIMARY KEY,
    name                text,
    customer_id         text NOT NULL,
    created_at          timestamptz NOT NULL,
    total               double precision NOT NULL,
    currency            text NOT NULL,
    financial_status    text NOT NULL,
    fulfillment_status  text NOT NULL,
    line_items          jsonb NOT NULL DEFAULT '[]',
    tracking            jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS orders_customer_created_idx ON orders (customer_id, created_at DESC);

CREATE TABLE IF NOT EXISTS archetypes (
    id                  text PRIMARY KEY,
    label               text NOT NULL,
    dimensions          jsonb NOT NULL,
    members             integer NOT NULL,
    avg_lifetime_value  double precision NOT NULL,
    avg_orders          double precision NOT NULL,
    churn_distribution  jsonb NOT NULL,
    behaviours          jsonb NOT NULL,
    strategy            jsonb NOT NULL
);

CREATE TABLE IF NOT EXISTS customer_profiles (
    customer_id             text PRIMARY KEY,
    archetype_id            text NOT NULL,
    lifetime_value          double precision NOT NULL,
    total_orders            integer NOT NULL,
    avg_order_value         double precision NOT NULL,
    first_purchase_at       timestamptz NOT NULL,
    last_purchase_at        timestamptz NOT NULL,
    churn_risk_score        double precision NOT NULL,
    p_alive                 double precision,
    expected_purchases_90d  double precision,
    predicted_value_365d    double precision
);

CREATE TABLE IF NOT EXISTS segmentation_runs (
    id                bigserial PRIMARY KEY,
    started_at        timestamptz NOT NULL,
    finished_at       timestamptz NOT NULL,
    parameters        jsonb NOT NULL DEFAULT '{}',
    cache_generation  bigint NOT NULL
);
