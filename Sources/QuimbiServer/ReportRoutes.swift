import Foundation
import Hummingbird
import QuimbiCore
import QuimbiOutcomes

/// `GET /api/reports/retention`: what retention offers bought (see ``RetentionReport``).
struct ReportRoutes: Sendable {
    let reports: (any RetentionReporting)?

    /// Windows a report can measure, in days.
    static let windows = [30, 60, 90]
    static let minimumPerArmRange = 1...10_000

    func retention(_ request: Request) async throws(APIError) -> Response {
        let query = request.uri.queryParameters
        let window = try Self.integer(query["window_days"].map(String.init), default: 30, allowed: Self.windows.contains, name: "window_days (30, 60 or 90)")
        let minimum = try Self.integer(query["min_per_arm"].map(String.init), default: 30, allowed: Self.minimumPerArmRange.contains, name: "min_per_arm (1-10000)")
        guard let reports else {
            throw APIError(code: "reports_not_configured", message: "reports need PostgreSQL (quimbi serve --postgres)", status: .notFound)
        }
        let report: RetentionReport
        do {
            report = try await reports.retentionReport(windowDays: window, minimumPerArm: minimum)
        } catch {
            throw APIError(code: "reports_unavailable", message: "the store did not answer", status: .serviceUnavailable, retryAfterSeconds: 5)
        }
        return try APIError.jsonResponse(report)
    }

    private static func integer(_ text: String?, default value: Int, allowed: (Int) -> Bool, name: String) throws(APIError) -> Int {
        guard let text else { return value }
        guard let number = Int(text), allowed(number) else {
            throw APIError(code: "invalid_query", message: "\(name) is not valid", status: .badRequest)
        }
        return number
    }
}
