import Foundation
import Hummingbird
import QuimbiCore
import QuimbiOutcomes

/// `GET /api/reports/retention` (what retention offers bought, see ``RetentionReport``) and
/// `GET /api/reports/churn` (the churn picture of the customer base, see ``ChurnReport``).
struct ReportRoutes: Sendable {
    let reports: (any RetentionReporting)?
    let churnReports: (any ChurnReporting)?

    /// Windows a report can measure, in days.
    static let windows = [30, 60, 90]
    static let minimumPerArmRange = 1...10_000
    static let archetypeLimitRange = 1...100
    static let escalationDaysRange = 1...90
    /// Archetypes and escalation days of a churn report unless the query says otherwise.
    static let defaultArchetypeLimit = 10
    static let defaultEscalationDays = 14

    func retention(_ request: Request) async throws(APIError) -> Response {
        let query = request.uri.queryParameters
        let window = try Self.integer(query["window_days"].map(String.init), default: 30, allowed: Self.windows.contains, name: "window_days (30, 60 or 90)")
        let minimum = try Self.integer(query["min_per_arm"].map(String.init), default: 30, allowed: Self.minimumPerArmRange.contains, name: "min_per_arm (1-10000)")
        let reports = try Self.configured(reports)
        return try APIError.jsonResponse(try await Self.read { try await reports.retentionReport(windowDays: window, minimumPerArm: minimum) })
    }

    func churn(_ request: Request) async throws(APIError) -> Response {
        let query = request.uri.queryParameters
        let limit = try Self.integer(
            query["archetypes"].map(String.init), default: Self.defaultArchetypeLimit, allowed: Self.archetypeLimitRange.contains, name: "archetypes (1-100)")
        let days = try Self.integer(
            query["escalation_days"].map(String.init), default: Self.defaultEscalationDays, allowed: Self.escalationDaysRange.contains, name: "escalation_days (1-90)")
        let reports = try Self.configured(churnReports)
        return try APIError.jsonResponse(try await Self.read { try await reports.churnReport(archetypeLimit: limit, escalationDays: days) })
    }

    /// The reporter, or 404 `reports_not_configured` when the server runs without PostgreSQL.
    static func configured<Reporter>(_ reporter: Reporter?) throws(APIError) -> Reporter {
        guard let reporter else {
            throw APIError(code: "reports_not_configured", message: "reports need PostgreSQL (quimbi serve --postgres)", status: .notFound)
        }
        return reporter
    }

    /// A report read from the store; a store that does not answer is 503 `reports_unavailable`.
    static func read<Report>(_ body: () async throws -> Report) async throws(APIError) -> Report {
        do {
            return try await body()
        } catch {
            throw APIError(code: "reports_unavailable", message: "the store did not answer", status: .serviceUnavailable, retryAfterSeconds: 5)
        }
    }

    private static func integer(_ text: String?, default value: Int, allowed: (Int) -> Bool, name: String) throws(APIError) -> Int {
        guard let text else { return value }
        guard let number = Int(text), allowed(number) else {
            throw APIError(code: "invalid_query", message: "\(name) is not valid", status: .badRequest)
        }
        return number
    }
}
