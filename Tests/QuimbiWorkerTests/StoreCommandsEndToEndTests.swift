import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import QuimbiStore
import QuimbiTestSupport
import Testing

/// The store as an operator runs it: `quimbi generate --postgres`, `quimbi segment --postgres`, then
/// `quimbi serve --postgres --redis` answering from it, and `/readyz` following Redis down and up.
@Suite(.serialized, .enabled(if: TestServers.privateServersAvailable))
struct StoreCommandsEndToEndTests {
    static func run(_ arguments: [String]) async throws -> QuimbiProcess {
        let process = try QuimbiProcess(arguments)
        let code = try await process.waitForExit(timeout: .seconds(120))
        #expect(code == 0, "quimbi \(arguments[0]) exit \(code):\n\(process.stderrText.suffix(2_000))")
        return process
    }

    static func get(_ port: Int, _ path: String, key: String? = nil) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        if let key { request.setValue(key, forHTTPHeaderField: "X-API-Key") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// `quimbi outcomes`: the recorder refuses a database without its table, and the report reads what
    /// was recorded and says when there is too little of it.
    @Test func outcomesRecordNeedsTheMigrationAndReportSaysHowSureItIs() async throws {
        let database = try await TestServers.freshPostgresDatabase()
        let unmigrated = try QuimbiProcess(["outcomes", "record", "--postgres", database, "--brokers", "127.0.0.1:1"])
        #expect(try await unmigrated.waitForExit(timeout: .seconds(60)) != 0)
        #expect(unmigrated.stderrText.contains("retention_decisions_missing"), "\(unmigrated.stderrText.suffix(1_000))")

        _ = try await Self.run(["migrate", "--postgres", database])
        let pool = PostgresPool(url: database, size: 1)
        _ = try await pool.query("""
            INSERT INTO retention_decisions (draft_event_id, ticket_event_id, ticket_id, customer_id, decided_at, intent, churn_band,
                discount_percent, free_shipping, escalate, priority, holdout, withheld_discount_percent, withheld_free_shipping)
            SELECT 'd' || i, 'e' || i, 't' || i, 'c' || i, timestamptz '2026-06-01' + i * interval '1 hour', 'churn_threat', 'high',
                   CASE WHEN i % 4 = 0 THEN 0 ELSE 15 END, false, false, 'normal', i % 4 = 0,
                   CASE WHEN i % 4 = 0 THEN 15 END, CASE WHEN i % 4 = 0 THEN false END
            FROM generate_series(1, 40) AS i
            """)
        await pool.close()
        let report = try await Self.run(["outcomes", "report", "--postgres", database, "--as-of", "2026-11-01", "--window-days", "60"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdoutLines.joined(separator: "\n").utf8)) as? [String: Any])
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(json["window_days"] as? Int == 60 && overall["verdict"] as? String == "not enough data yet")
        #expect((overall["treated"] as? [String: Any])?["decisions"] as? Int == 30 && (overall["control"] as? [String: Any])?["decisions"] as? Int == 10)
        #expect(overall["uplift"] == nil, "no rate without enough data")
    }

    /// `quimbi bench` over PostgreSQL and Redis: every ticket drafted from the store (the lookups started together
    /// and bounded by their batches), and 512 tickets at once by default there (128 in memory), at most a given
    /// in-flight limit.
    @Test func benchOverPostgresAndRedisDraftsEveryTicketWithItsOwnDefaultConcurrency() async throws {
        let database = try await TestServers.freshPostgresDatabase()
        let redis = try RedisTestServer()
        defer { redis.destroy() }
        _ = try await Self.run(["generate", "--postgres", database, "--customers", "300", "--seed", "5"])
        _ = try await Self.run(["segment", "--postgres", database])
        let store = ["bench", "--postgres", database, "--redis", redis.url, "--tickets", "60", "--lexicon-only"]
        for (extra, concurrency) in [([String](), "512"), (["--max-in-flight", "300"], "300")] {
            let bench = try await Self.run(store + extra)
            let line = try #require(bench.stdoutLines.last { $0.hasPrefix("{") }, "\(bench.stderrText.suffix(1_000))")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let settings = try #require(report["settings"] as? [String: String])
            #expect(settings["customer_data"] == "postgres+redis" && settings["max_concurrency"] == concurrency, "\(settings)")
            #expect(report["tickets_completed"] as? Int == 60 && report["tickets_degraded"] as? Int == 0, "\(line)")
        }
    }

    @Test func generateSegmentAndServeFromPostgresThroughRedis() async throws {
        let database = try await TestServers.freshPostgresDatabase()
        let redis = try RedisTestServer()
        defer { redis.destroy() }
        let generated = try await Self.run(["generate", "--postgres", database, "--customers", "400", "--seed", "3", "--as-of", "2026-11-01"])
        #expect(generated.stdoutLines.last?.contains("wrote 400 customers") == true)
        let segmented = try await Self.run(["segment", "--postgres", database])
        #expect(segmented.stdoutLines.contains { $0.contains("wrote 400 profiles") && $0.contains("cache generation 1") })
        let again = try await Self.run(["generate", "--postgres", database, "--customers", "400", "--seed", "3", "--as-of", "2026-11-01"])
        #expect(again.stdoutLines.last?.contains("(0 rows inserted or changed)") == true, "loading is idempotent")

        let cluster = try await Cluster.start()
        let port = Int.random(in: 20_000...40_000)
        let server = try QuimbiProcess(
            ["serve", "--port", String(port), "--brokers", cluster.brokers, "--postgres", database, "--redis", redis.url],
            environment: ["QUIMBI_API_KEYS": "test-key", "QUIMBI_WEBHOOK_SECRET": "secret"])
        try await waitUntil(timeout: .seconds(30), "the API answers") {
            (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/healthz")!)) != nil
        }
        let ready = try await Self.get(port, "/readyz")
        #expect(ready.status == 200, "\(ready.body)")
        for check in ["kafka", "postgres", "redis"] { #expect(ready.body.contains(check)) }

        let seedCustomer = try await Self.get(port, "/api/mcp/customer/7415378247935", key: "test-key")
        #expect(seedCustomer.status == 200)
        #expect(seedCustomer.body.contains(#""total_orders":3"#) && seedCustomer.body.contains(#""lifetime_value":179.42"#))

        redis.stop()
        // /readyz reuses its answer for a second: the outage shows after that.
        var redisDown = try await Self.get(port, "/readyz")
        let downBy = ContinuousClock.now + .seconds(5)
        while redisDown.status != 503, ContinuousClock.now < downBy {
            try await Task.sleep(for: .milliseconds(100))
            redisDown = try await Self.get(port, "/readyz")
        }
        #expect(redisDown.status == 503 && redisDown.body.contains("redis"))
        let stillServed = try await Self.get(port, "/api/mcp/customer/7415378247935", key: "test-key")
        #expect(stillServed.status == 200, "PostgreSQL answers while Redis is down")

        try redis.start()
        try await waitUntil(timeout: .seconds(20), "ready again") {
            (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/readyz")!)).map { String(decoding: $0, as: UTF8.self) }?.contains("\"ready\"") == true
        }
        try await expectGracefulExit(server, within: .seconds(15))
        await cluster.stop()
    }
}
