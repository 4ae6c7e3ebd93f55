import Foundation
import HummingbirdTesting
import QuimbiOutcomes
import QuimbiStore
import QuimbiTestSupport
import Testing

/// The dashboard in a real browser (Debian's headless chromium) over a real PostgreSQL holding a simulated
/// store whose offers have a known effect: the page shows the archetypes, the escalations and each offer's
/// measured uplift with its interval, each interval covers the simulated truth, and the page fits a phone.
@Suite(.enabled(if: TestServers.privateServersAvailable, "needs PostgreSQL (make test installs it)"),
       .enabled(if: HeadlessChromium.available, "needs Debian's chromium at /usr/bin/chromium (make test installs it; under CI=true this test always runs)"))
struct DashboardBrowserTests {
    static let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/test-artifacts")

    @Test func chromiumShowsTheMeasuredEffectsAndTheirIntervalsCoverTheTruth() async throws {
        let pool = PostgresPool(url: try await TestServers.freshPostgresDatabase(), size: 4)
        _ = try await Migrator(pool: pool).migrate()
        try await SimulatedRetentionStore(now: Date()).fill(pool)
        var fixture = APIFixture()
        fixture.reports = StoredRetentionReports(pool: pool)
        fixture.churnReports = StoredChurnReports(pool: pool, mediumFrom: 0.35, highFrom: 0.55)
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let laptop = Self.artifacts.appendingPathComponent("dashboard-laptop.png").path
        let phone = Self.artifacts.appendingPathComponent("dashboard-phone.png").path

        try await fixture.live { client in
            let port = try #require(client.port)
            let report = try await client.execute(uri: "/api/reports/retention", method: .get, headers: APIFixture.key(APIFixture.devKey)).json()
            let byOffer = try #require(report["by_offer"] as? [[String: Any]])
            let cookie = try #require(try await DashboardAccessTests.login(client, key: APIFixture.devKey).cookie.map(DashboardAccessTests.pair))
            let page = try await HeadlessChromium.load(
                "http://127.0.0.1:\(port)/dashboard", cookies: [cookie],
                shots: [.init(width: 1280, height: 800, path: laptop), .init(width: 390, height: 844, path: phone)])
            #expect(page.status == 200)
            for archetype in SimulatedRetentionStore.archetypes {
                #expect(page.dom.contains(archetype.label) && page.dom.contains(archetype.strategy[0]), "\(archetype.label)")
            }
            for (priority, count) in SimulatedRetentionStore.escalations {
                #expect(page.dom.contains("<title>\(priority): \(count)</title>"), "escalations \(priority)")
            }
            for level in SimulatedRetentionStore.levels {
                let effect = try #require(byOffer.first { $0["group"] as? String == "\(level.percent) % off" }, "\(level.percent) %")
                let uplift = try #require(effect["uplift"] as? [String: Double])
                let (measured, lower, upper) = (uplift["uplift"] ?? .nan, uplift["lower"] ?? .nan, uplift["upper"] ?? .nan)
                print("offer \(level.percent) % off: true uplift \(Self.points(level.trueUplift)), measured \(Self.points(measured)) (95 % interval \(Self.points(lower)) to \(Self.points(upper)))")
                #expect(lower < level.trueUplift && level.trueUplift < upper, "the interval of \(level.percent) % covers the truth")
                #expect(page.dom.contains("\(Self.points(measured)) (\(Self.points(lower)) to \(Self.points(upper)))"), "the page shows the \(level.percent) % figures")
                let use = try #require(effect["discount_use"] as? [String: Any])
                let (redeemed, observed) = (use["redeemed"] as? Int ?? 0, use["observed"] as? Int ?? 0)
                #expect(use["assumed"] as? Int == 0 && abs((use["redemption_rate"] as? Double ?? 0) - 0.7) < 0.05, "\(level.percent) %: seven in ten redeem")
                #expect(page.dom.contains("\(redeemed) of \(observed) used a discount"), "the page shows the \(level.percent) % redemptions")
            }
            #expect(!page.dom.contains("not enough data yet"), "every group has thousands of decisions")
            let shots = Dictionary(uniqueKeysWithValues: page.screenshots.map { ($0.width, $0) })
            #expect(try #require(shots[390]).contentWidth <= 391, "nothing overflows a phone's width")
            for path in [laptop, phone] {
                let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                #expect(size > 20_000, "\(path) is a real screenshot")
            }
            print("dashboard screenshots: \(laptop) (\(shots[1280]?.height ?? 0) px high), \(phone) (\(shots[390]?.height ?? 0) px high)")
        }
        await pool.close()
    }

    /// As the dashboard writes an uplift.
    static func points(_ share: Double) -> String { String(format: "%+.1f pts", share * 100) }
}
