import Dispatch
import Foundation
import QuimbiCore
import QuimbiSupport
import QuimbiTestSupport
import QuimbiWorker
import Synchronization
import Testing
@testable import QuimbiStore

/// Tickets stream through the worker's ticket path over PostgreSQL and Redis (as `quimbi worker
/// --postgres --redis` wires them) while both servers freeze (SIGSTOP) for a few seconds and resume:
/// no ticket is lost, none takes longer than its deadline, and drafts are whole again afterwards.
@Suite(.enabled(if: TestServers.privateServersAvailable))
struct StoreChaosTests {
    static let settings = ProcessingSettings(ticketDeadline: .milliseconds(1_000), lookupBudget: .milliseconds(400))
    static let outage: Duration = .seconds(10)
    /// Scheduling slack on a loaded test machine.
    static let margin: Duration = .milliseconds(500)

    @Test func postgresAndRedisFrozenForSecondsLoseNoTicketAndKeepTheDeadline() async throws {
        let postgres = try await PostgresTestServer.started()
        defer { postgres.destroy() }
        let redis = try RedisTestServer()
        defer { redis.destroy() }
        let fixture = try await StoreFixture.make(postgresURL: try await postgres.freshDatabase(), redisURL: redis.url)
        let ids = (0..<40).map { "c\($0)" }
        try await fixture.seed(ids)
        let processor = WorkerOverStoreTests.processor(fixture, settings: Self.settings, cached: true)
        let encoder = QuimbiJSON.makeEncoder()
        let tickets = SampleTickets.generated(count: 3_200, customerIDs: ids, seed: 7).map { Array(try! encoder.encode($0)) }

        let freezers = [postgres.freezer, redis.freezer]
        defer { freezers.forEach { $0.thaw() } }
        // The servers freeze 1 s into the stream (16 s at one ticket per 5 ms) and resume `outage` later, well before it ends.
        let chaos = Task.detached {
            try? await Task.sleep(for: .seconds(1))
            freezers.forEach { $0.freeze() }
            let frozenAt = ContinuousClock.now
            try? await Task.sleep(for: Self.outage)
            freezers.forEach { $0.thaw() }
            return (frozenAt, ContinuousClock.now)
        }
        let outcomes = await PacedStream.run(count: tickets.count, inFlight: 32, pace: .milliseconds(5)) { (index: Int) -> [String]? in
            guard case .drafted(let draft, _) = await processor.process(tickets[index]) else { return nil }
            return draft.context.degraded
        }
        let (frozenAt, thawedAt) = await chaos.value

        #expect(outcomes.count == tickets.count, "every ticket drafted (0 lost)")
        let slowest = outcomes.map(\.latency).max() ?? .zero
        #expect(slowest < Self.settings.ticketDeadline + Self.margin, "slowest ticket took \(slowest)")
        let duringOutage = outcomes.filter { $0.startedAt >= frozenAt && $0.startedAt.advanced(by: $0.latency) <= thawedAt }
        #expect(!duringOutage.isEmpty && duringOutage.allSatisfy { $0.value.contains("profile") })
        // Past the outage, plus the time for the breaker's cool-down and the pool's reconnection.
        let settled = outcomes.filter { $0.startedAt > thawedAt.advanced(by: .seconds(2)) }
        #expect(!settled.isEmpty && settled.allSatisfy { $0.value.isEmpty }, "whole again after the outage")
        print("""
            postgres+redis frozen \(frozenAt.duration(to: thawedAt)): \(outcomes.count)/\(tickets.count) drafted, \
            slowest \(slowest), \(outcomes.filter { !$0.value.isEmpty }.count) degraded
            """)
    }
}
