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

/// A churn report of 100 customers in two archetypes, one with a label that needs escaping in HTML.
struct FixedChurnReports: ChurnReporting {
    static let riskyLabel = "Lapsed <b>big</b> & \"loyal\""

    func churnReport(archetypeLimit: Int, escalationDays: Int) async throws -> ChurnReport {
        let histogram = (0..<10).map { ChurnRiskBin(from: Double($0) / 10, to: Double($0 + 1) / 10, customers: 10) }
        let archetypes = [
            RankedArchetype(archetypeID: "arch_lapsed", label: Self.riskyLabel, members: 40, meanChurnRisk: 0.7, meanLifetimeValue: 300, strategy: ["win back <now>"]),
            RankedArchetype(archetypeID: APIFixture.archetypeID, label: "Loyal", members: 60, meanChurnRisk: 0.2, meanLifetimeValue: 180, strategy: ["thank them"]),
        ]
        return ChurnReport(
            asOf: Date(), bands: [ChurnRiskBin(band: "low", from: 0, to: 0.35, customers: 40), ChurnRiskBin(band: "medium", from: 0.35, to: 0.55, customers: 20),
                                  ChurnRiskBin(band: "high", from: 0.55, to: 1, customers: 40)],
            histogram: histogram, archetypes: Array(archetypes.prefix(archetypeLimit)), escalationDays: escalationDays,
            escalations: [PriorityCount(priority: "urgent", escalations: 3), PriorityCount(priority: "high", escalations: 7)])
    }
}

/// `GET /api/reports/retention` and `GET /api/reports/churn`: the reports behind the API key, their queries checked, 404 without a store.
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

    @Test func theChurnReportRanksArchetypesAndCountsEscalations() async throws {
        try await APIFixture().live { client in
            let key = APIFixture.key(APIFixture.devKey)
            let response = try await client.execute(uri: "/api/reports/churn?archetypes=1&escalation_days=7", method: .get, headers: key)
            #expect(response.status == .ok)
            let report = try response.json()
            let archetypes = try #require(report["archetypes"] as? [[String: Any]])
            #expect(archetypes.count == 1 && archetypes.first?["archetype_id"] as? String == "arch_lapsed")
            #expect(abs((archetypes.first?["value_at_risk"] as? Double ?? 0) - 40 * 0.7 * 300) < 1e-6)
            #expect(report["customers"] as? Int == 100 && report["escalation_days"] as? Int == 7)
            #expect((report["escalations"] as? [[String: Any]])?.map { $0["priority"] as? String } == ["urgent", "high"])
            #expect((report["bands"] as? [[String: Any]])?.map { $0["band"] as? String } == ["low", "medium", "high"])
            for query in ["archetypes=0", "archetypes=101", "escalation_days=91", "escalation_days=x"] {
                #expect(try await client.execute(uri: "/api/reports/churn?\(query)", method: .get, headers: key).status == .badRequest, "\(query)")
            }
            #expect(try await client.execute(uri: "/api/reports/churn", method: .get).status == .unauthorized)
        }
    }

    @Test func withoutAStoreThereIsNoReport() async throws {
        var fixture = APIFixture()
        fixture.reports = nil
        fixture.churnReports = nil
        try await fixture.live { client in
            for uri in ["/api/reports/retention", "/api/reports/churn"] {
                let response = try await client.execute(uri: uri, method: .get, headers: APIFixture.key(APIFixture.devKey))
                let code = (try response.json()["error"] as? [String: Any])?["code"] as? String
                #expect(response.status == .notFound && code == "reports_not_configured", "\(uri)")
            }
        }
    }
}
