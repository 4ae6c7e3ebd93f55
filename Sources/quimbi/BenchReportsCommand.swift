import ArgumentParser
import Foundation
import QuimbiOutcomes
import QuimbiStore
import QuimbiSupport

/// `quimbi bench-reports`: how long the manager reports take on a large store.
///
/// With `--decisions N` first writes a synthetic load (``ReportLoadData``) into the database; then builds
/// the retention report and the churn report `--runs` times each and prints one JSON object per report
/// with the fastest and median times.
struct BenchReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-reports",
        abstract: "Measure the retention and churn reports (GET /api/reports/retention and /churn) on a store, optionally after writing a synthetic load into it.")

    @OptionGroup var store: StoreConnectionOptions

    @Option(help: "Synthetic decisions to write first (ids starting with bench-); 0 measures the store as it is.")
    var decisions = 0

    @Option(help: "Synthetic customers the decisions are spread over.")
    var customers = 200_000

    @Option(help: "Times each report is built.")
    var runs = 3

    func validate() throws {
        guard decisions >= 0, customers >= 1, runs >= 1 else { throw ValidationError("--decisions must be 0 or more, --customers and --runs at least 1") }
    }

    func run() async throws {
        let pool = PostgresPool(url: try store.postgresURL(), size: 4)
        try await Migrator(pool: pool).migrate()
        if decisions > 0 {
            let written = try await ContinuousClock().measure { try await ReportLoadData.write(decisions: decisions, customers: customers, into: pool) }
            print(try Self.line(["load": "written", "decisions": decisions, "customers": customers, "seconds": Self.milliseconds(written) / 1_000]))
        }
        let retention = StoredRetentionReports(pool: pool)
        let churn = StoredChurnReports(pool: pool, mediumFrom: SupportPolicy.default.mediumChurnFrom, highFrom: SupportPolicy.default.highChurnFrom)
        let rows = try await pool.query("SELECT count(*) FROM retention_decisions").rows.first?.first.flatMap { $0 }.flatMap { Int($0) } ?? 0
        try await measure("retention", decisions: rows) { _ = try await retention.retentionReport(windowDays: 30, minimumPerArm: 30) }
        try await measure("churn", decisions: rows) { _ = try await churn.churnReport(archetypeLimit: 10, escalationDays: 14) }
        await pool.close()
    }

    private func measure(_ report: String, decisions: Int, _ body: () async throws -> Void) async throws {
        var times: [Double] = []
        for _ in 0..<runs { times.append(Self.milliseconds(try await ContinuousClock().measure(body))) }
        times.sort()
        print(try Self.line(["report": report, "decisions": decisions, "runs": runs, "fastest_ms": times[0].rounded(), "median_ms": times[times.count / 2].rounded()]))
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }

    private static func line(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
    }
}
