import QuimbiStore

/// Synthetic load for `quimbi bench-reports`, generated inside PostgreSQL (`generate_series`): customers
/// with profiles in 800 archetypes, three orders of history each, decisions spread over the last year
/// (offers of 10, 15 or 20 %, a third held out, one in twenty escalated) and a next order for about a
/// quarter of them (seven in ten of the offered arm's redeem the offer, the rest carry no discount). Every row's id starts with `bench-`, so the load can be told from real data.
enum ReportLoadData {
    static func write(decisions: Int, customers: Int, into pool: PostgresPool) async throws {
        let customerCount = [String(customers)]
        _ = try await pool.query("""
            INSERT INTO archetypes (id, label, dimensions, members, avg_lifetime_value, avg_orders, churn_distribution, behaviours, strategy)
            SELECT 'bench_' || a, 'Bench archetype ' || a, '{}', 0, 0, 0, '{}', '[]', jsonb_build_array('Strategy of archetype ' || a)
            FROM generate_series(0, 799) a ON CONFLICT (id) DO NOTHING
            """)
        _ = try await pool.query("""
            INSERT INTO customer_profiles (customer_id, archetype_id, lifetime_value, total_orders, avg_order_value,
                                           first_purchase_at, last_purchase_at, churn_risk_score)
            SELECT 'bench-' || c, 'bench_' || (c % 800), 50 + random() * 750, 3, 60, now() - interval '700 days',
                   now() - interval '380 days', random()
            FROM generate_series(1, $1::integer) c ON CONFLICT (customer_id) DO NOTHING
            """, customerCount)
        _ = try await pool.query("""
            INSERT INTO orders (id, customer_id, created_at, total, currency, financial_status, fulfillment_status)
            SELECT 'bench-h' || c || '-' || n, 'bench-' || c, now() - interval '380 days' - n * interval '100 days', 60, 'USD', 'paid', 'fulfilled'
            FROM generate_series(1, $1::integer) c, generate_series(0, 2) n ON CONFLICT (id) DO NOTHING
            """, customerCount)
        _ = try await pool.query("""
            INSERT INTO retention_decisions (draft_event_id, ticket_event_id, ticket_id, customer_id, decided_at, intent, churn_band,
                archetype_id, discount_percent, free_shipping, escalate, priority, holdout, withheld_discount_percent)
            SELECT 'bench-d' || d, 'bench-t' || d, 'T' || d, 'bench-' || (1 + d % $2::integer), now() - random() * interval '365 days',
                   (ARRAY['churn_threat', 'service_complaint', 'discount_request'])[1 + d % 3], (ARRAY['low', 'medium', 'high'])[1 + d % 3],
                   'bench_' || ((1 + d % $2::integer) % 800), CASE WHEN held THEN 0 ELSE offer END, false, escalated,
                   CASE WHEN escalated THEN (ARRAY['urgent', 'high', 'normal'])[1 + d % 3] ELSE 'normal' END, held,
                   CASE WHEN held THEN offer END
            FROM (SELECT d, (ARRAY[10, 15, 20])[1 + d % 3] AS offer, random() < 1.0 / 3 AS held, random() < 0.05 AS escalated
                  FROM generate_series(1, $1::integer) d) g
            ON CONFLICT (draft_event_id) DO NOTHING
            """, [String(decisions), String(customers)])
        _ = try await pool.query("""
            INSERT INTO orders (id, customer_id, created_at, total, discount_total, currency, financial_status, fulfillment_status)
            SELECT id, customer_id, created_at, total,
                   CASE WHEN percent > 0 AND random() < 0.7 THEN round((total * percent / (100 - percent))::numeric, 2)::float8 ELSE 0 END,
                   'USD', 'paid', 'fulfilled'
            FROM (SELECT 'bench-n' || draft_event_id AS id, customer_id, decided_at + random() * interval '29 days' + interval '1 hour' AS created_at,
                         40 + random() * 40 AS total, discount_percent AS percent
                  FROM retention_decisions WHERE draft_event_id LIKE 'bench-d%' AND random() < 0.25) drawn
            ON CONFLICT (id) DO NOTHING
            """)
        _ = try await pool.query("ANALYZE")
    }
}
