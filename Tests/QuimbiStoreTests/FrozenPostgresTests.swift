import Dispatch
import Foundation
import QuimbiCore
import QuimbiSupport
import QuimbiTestSupport
import QuimbiWorker
import Testing
@testable import QuimbiStore

/// A PostgreSQL that stops answering (SIGSTOP: its sockets stay open, nothing comes back) must cost
/// each ticket its lookup budget, never more; once it resumes, lookups work again.
@Suite(.enabled(if: TestServers.privateServersAvailable))
struct FrozenPostgresTests {
    static let settings = ProcessingSettings(ticketDeadline: .milliseconds(1_500), lookupBudget: .milliseconds(600))
    /// Scheduling slack on a loaded test machine.
    static let margin: Duration = .milliseconds(500)

    @Test func lookupsGiveUpAtTheirBudgetWhilePostgresIsFrozenAndWorkOnceItResumes() async throws {
        let server = try await PostgresTestServer.started()
        defer { server.destroy() }
        let fixture = try await StoreFixture.make(postgresURL: try await server.freshDatabase())
        let ids = (0..<8).map { "c\($0)" }
        try await fixture.seed(ids)
        let processor = WorkerOverStoreTests.processor(fixture, settings: Self.settings)
        let healthy = await WorkerOverStoreTests.drafts(processor, WorkerOverStoreTests.tickets(ids, round: 1))
        #expect(healthy.count == 16 && healthy.allSatisfy { $0.context.degraded.isEmpty })

        let freezer = server.freezer
        freezer.freeze()
        defer { freezer.thaw() }
        // Only a safety net so that a broken build ends instead of hanging: far past every bound asserted.
        DispatchQueue.global().asyncAfter(deadline: .now() + 20) { freezer.thaw() }

        let started = ContinuousClock.now
        let frozen = await WorkerOverStoreTests.drafts(processor, WorkerOverStoreTests.tickets(ids, round: 2))
        let elapsed = started.duration(to: .now)
        #expect(frozen.count == 16, "every ticket is drafted")
        #expect(frozen.allSatisfy { $0.context.degraded.contains("profile") && $0.context.degraded.contains("orders") })
        #expect(elapsed < Self.settings.ticketDeadline + Self.margin, "took \(elapsed)")
        let budgetMs = Double(Self.settings.lookupBudget.components.seconds * 1_000
            + Self.settings.lookupBudget.components.attoseconds / 1_000_000_000_000_000)
        #expect(frozen.allSatisfy { $0.timing.lookupMs < budgetMs + 500 }, "lookups ended at their budget")
        print("frozen postgres: \(frozen.count) tickets drafted in \(elapsed), longest lookup \(frozen.map(\.timing.lookupMs).max() ?? 0) ms")

        freezer.thaw()
        let profiles = ProfileRepository(pool: fixture.pool, redis: nil, options: fixture.options)
        let recovered = try await profiles.profile(for: CustomerReference(customerID: "c1", email: nil))
        #expect(recovered?.customerID == "c1", "the pool reconnects by itself")
        let after = await WorkerOverStoreTests.drafts(processor, WorkerOverStoreTests.tickets(ids, round: 3))
        #expect(after.count == 16 && after.allSatisfy { $0.context.degraded.isEmpty })
    }
}
