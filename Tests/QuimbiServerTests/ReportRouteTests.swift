import Foundation
import HTTPTypes
import HummingbirdTesting
import QuimbiOutcomes
import QuimbiStore
import Testing

/// A retention report over 60 decisions of 60 days ago: 40 offered (half ordered again), 20 held out (a quarter did).
struct FixedRetentionReports: RetentionReporting {
    func retentionReport(windowDays: Int, minimumPerArm: Int) async throws -> RetentionReport {
        let decidedAt = Date().addingTimeInterval(-60 * 86_400)
        let decisions = (0..<60).map { index in
            let holdout = index >= 40
            let converts = holdout ? index % 4 == 0 : index % 2 == 0
            return DecisionOutcome(
                decidedAt: decidedAt, intent: "churn_threat", churnBand: "high", archetypeID: "arch_loyal", holdout: holdout, offerPercent: 15,
                freeShipping: false, nextOrderAt: converts ? decidedAt.addingTimeInterval(86_400) : nil, nextOrderTotal: converts ? 40 : nil)
        }
        return RetentionReport(decisions: decisions, asOf: Date(), windowDays: windowDays, minimumPerArm: minimumPerArm)
    }
}

/// `GET /api/reports/retention`: the report behind the API key, its query checked, 404 without a store.
struct ReportRouteTests {
    @Test func theReportSaysHowSureItIs() async throws {
        try await APIFixture().live { client in
            let key = APIFixture.key(APIFixture.devKey)
            let measured = try await client.execute(uri: "/api/reports/retention?window_days=60&min_per_arm=20", method: .get, headers: key)
            #expect(measured.status == .ok)
            let overall = try #require(try measured.json()["overall"] as? [String: Any])
            #expect((overall["treated"] as? [String: Any])?["decisions"] as? Int == 40 && (overall["control"] as? [String: Any])?["conversions"] as? Int == 5)
            #expect(overall["uplift"] != nil)
            let unsure = try await client.execute(uri: "/api/reports/retention", method: .get, headers: key)
            let verdict = (try unsure.json()["overall"] as? [String: Any])?["verdict"] as? String
            #expect(verdict == "not enough data yet", "30 per arm by default; the control arm has 20")
            for query in ["window_days=45", "min_per_arm=0", "window_days=x"] {
                #expect(try await client.execute(uri: "/api/reports/retention?\(query)", method: .get, headers: key).status == .badRequest, "\(query)")
            }
            #expect(try await client.execute(uri: "/api/reports/retention", method: .get).status == .unauthorized)
        }
    }

    @Test func withoutAStoreThereIsNoReport() async throws {
        var fixture = APIFixture()
        fixture.reports = nil
        try await fixture.live { client in
            let response = try await client.execute(uri: "/api/reports/retention", method: .get, headers: APIFixture.key(APIFixture.devKey))
            let code = (try response.json()["error"] as? [String: Any])?["code"] as? String
            #expect(response.status == .notFound && code == "reports_not_configured")
        }
    }
}
