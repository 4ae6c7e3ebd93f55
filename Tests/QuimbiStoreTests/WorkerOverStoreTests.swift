import Foundation
import QuimbiCore
import QuimbiSupport
import QuimbiTestSupport
import QuimbiWorker
import Testing
@testable import QuimbiStore

/// The worker's ticket path reading PostgreSQL through the repositories, across a PostgreSQL outage.
@Suite(.enabled(if: TestServers.privateServersAvailable))
struct WorkerOverStoreTests {
    static func tickets(_ ids: [String], round: Int) -> [[UInt8]] {
        let encoder = QuimbiJSON.makeEncoder()
        return SampleTickets.generated(count: ids.count * 2, customerIDs: ids, seed: UInt64(round)).map { Array(try! encoder.encode($0)) }
    }

    /// The ticket path over the fixture's PostgreSQL, and its Redis when `cached`, as `quimbi worker --postgres [--redis]` wires it.
    static func processor(_ fixture: StoreFixture, settings: ProcessingSettings, cached: Bool = false) -> TicketProcessor {
        TicketProcessor(
            profiles: ProfileRepository(pool: fixture.pool, redis: cached ? fixture.redis : nil, options: fixture.options),
            orders: OrderRepository(pool: fixture.pool), archetypes: ArchetypeRepository(pool: fixture.pool),
            desk: SupportDesk(), settings: settings)
    }

    static func drafts(_ processor: TicketProcessor, _ payloads: [[UInt8]]) async -> [DraftResponse] {
        await withTaskGroup(of: DraftResponse?.self) { group in
            for payload in payloads {
                group.addTask {
                    guard case .drafted(let draft, _) = await processor.process(payload) else { return nil }
                    return draft
                }
            }
            return await group.reduce(into: []) { if let draft = $1 { $0.append(draft) } }
        }
    }

    @Test func postgresOutageDegradesDraftsWithoutLosingTicketsThenRecovers() async throws {
        let postgresServer = try await PostgresTestServer.started()
        defer { postgresServer.destroy() }
        let fixture = try await StoreFixture.make(postgresURL: try await postgresServer.freshDatabase())
        let ids = (0..<8).map { "c\($0)" }
        try await fixture.seed(ids)
        let processor = Self.processor(
            fixture, settings: ProcessingSettings(ticketDeadline: .milliseconds(1_500), lookupBudget: .milliseconds(600)))

        let healthy = await Self.drafts(processor, Self.tickets(ids, round: 1))
        #expect(healthy.count == 16)
        #expect(healthy.allSatisfy { $0.context.degraded.isEmpty && $0.customer != nil })

        try postgresServer.stop()
        let outage = await Self.drafts(processor, Self.tickets(ids, round: 2))
        #expect(outage.count == 16, "every ticket is still drafted")
        #expect(outage.allSatisfy { $0.context.degraded.contains("profile") && $0.context.degraded.contains("orders") })
        #expect(outage.allSatisfy { $0.customer == nil })
        #expect(outage.allSatisfy { $0.timing.totalMs < 1_500 }, "within the ticket deadline")

        try postgresServer.start()
        let recovered = await Self.drafts(processor, Self.tickets(ids, round: 3))
        #expect(recovered.count == 16)
        #expect(recovered.allSatisfy { $0.context.degraded.isEmpty && $0.customer != nil }, "the pool reconnects by itself")
    }
}
