-- Every number and timestamp the store reads must be finite: a NaN or infinity cannot be encoded
-- into a draft (JSON has neither). NOT VALID: enforced for every new or updated row, without
-- failing on rows written before; the store rejects such old rows when it reads them.
-- (x > '-Infinity' AND x < 'Infinity') is false for NaN too: PostgreSQL orders NaN above every number.
ALTER TABLE customer_profiles
    ADD CONSTRAINT customer_profiles_finite CHECK (
        lifetime_value > '-Infinity' AND lifetime_value < 'Infinity'
        AND avg_order_value > '-Infinity' AND avg_order_value < 'Infinity'
        AND churn_risk_score > '-Infinity' AND churn_risk_score < 'Infinity'
        AND (p_alive IS NULL OR (p_alive > '-Infinity' AND p_alive < 'Infinity'))
        AND (expected_purchases_90d IS NULL OR (expected_purchases_90d > '-Infinity' AND expected_purchases_90d < 'Infinity'))
        AND (predicted_value_365d IS NULL OR (predicted_value_365d > '-Infinity' AND predicted_value_365d < 'Infinity'))
        AND isfinite(first_purchase_at) AND isfinite(last_purchase_at)
    ) NOT VALID;

ALTER TABLE archetypes
    ADD CONSTRAINT archetypes_finite CHECK (
        avg_lifetime_value > '-Infinity' AND avg_lifetime_value < 'Infinity'
        AND avg_orders > '-Infinity' AND avg_orders < 'Infinity'
    ) NOT VALID;

ALTER TABLE orders
    ADD CONSTRAINT orders_finite CHECK (
        total > '-Infinity' AND total < 'Infinity' AND isfinite(created_at)
    ) NOT VALID;
