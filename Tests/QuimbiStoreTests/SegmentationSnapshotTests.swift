import Foundation
import QuimbiCore
import QuimbiResilienceTesting
import QuimbiTestSupport
import Synchronization
import Testing
@testable import QuimbiStore

/// The archetypes and affinities held in memory for the worker: loaded from PostgreSQL to answer as
/// the per-ticket queries did, failing transiently before the first load, keeping the last contents
/// when a reload fails, and reloaded on the refresher's schedule.
struct SegmentationSnapshotTests {
    static let affinities = ItemAffinities(
        companions: [
            "Cotton Thread 50wt — Cream": [ItemCompanion(item: "Cotton Thread 50wt — Silver", score: 0.8), ItemCompanion(item: "Pins", score: 0.3)],
            "Cotton Thread 50wt — Silver": [ItemCompanion(item: "Cotton Thread 50wt — Cream", score: 0.8)],
        ],
        popular: ["Pins", "Cotton Thread 50wt — Cream", "Seam ripper", "Cotton Thread 50wt — Silver"])

    @Test(.enabled(if: TestServers.available))
    func aLoadedSnapshotAnswersAsTheDatabaseQueriesDo() async throws {
        let fixture = try await StoreFixture.make()
        try await fixture.seed(["c1"])
        let stored = ItemAffinityRepository(pool: fixture.pool)
        try await stored.write(Self.affinities)
        let snapshot = SegmentationSnapshot()
        let refresher = SegmentationRefresher(snapshot: snapshot, pool: fixture.pool, logger: .init(label: "test"))
        #expect(await refresher.refresh())

        let archetypes = ArchetypeRepository(pool: fixture.pool)
        for id in ["arch_000001", "arch_999999"] {
            #expect(try await snapshot.archetype(id: id) == archetypes.archetype(id: id))
        }
        #expect(try await snapshot.archetype(id: "arch_000001") == StoreFixture.archetype)
        for bought in [["Cotton Thread 50wt — Cream"], ["Cotton Thread 50wt — Silver", "Pins"], ["nothing known"], ["Seam ripper"]] {
            let fromMemory = try await snapshot.recommendations(for: bought, limit: 3)
            #expect(fromMemory == (try await stored.recommendations(for: bought, limit: 3)), "\(bought)")
        }
        #expect(try await snapshot.recommendations(for: ["Cotton Thread 50wt — Cream"], limit: 3) == ["Cotton Thread 50wt — Silver", "Pins", "Seam ripper"])
    }

    @Test func beforeAnyLoadLookupsFailTransientlyAndAFailedReloadKeepsTheLastContents() async throws {
        let snapshot = SegmentationSnapshot()
        let error = await #expect(throws: LookupError.self) { try await snapshot.archetype(id: "arch_000001") }
        #expect(error?.code == "segmentation_not_loaded" && error?.isTransient == true)

        let failing = Shared(false)
        let refresher = SegmentationRefresher(snapshot: snapshot, clock: ManualClock(), logger: .init(label: "test")) {
            if failing.withLock({ $0 }) { throw LookupError(code: "store_unavailable", message: "down", isTransient: true) }
            return SegmentationSnapshot.Contents(archetypes: [StoreFixture.archetype], affinities: Self.affinities)
        }
        #expect(await refresher.refresh())
        failing.withLock { $0 = true }
        #expect(await refresher.refresh() == false)
        #expect(try await snapshot.archetype(id: "arch_000001") == StoreFixture.archetype)
        #expect(try await snapshot.recommendations(for: ["Seam ripper"], limit: 1) == ["Pins"])
    }

    @Test func theRefresherRetriesSoonUntilLoadedThenReloadsEveryInterval() async throws {
        let clock = ManualClock()
        let snapshot = SegmentationSnapshot()
        let loads = Shared(0)
        let refresher = SegmentationRefresher(
            snapshot: snapshot, interval: .seconds(300), retryInterval: .seconds(5), clock: clock, logger: .init(label: "test")
        ) {
            let attempt = loads.withLock { count -> Int in
                count += 1
                return count
            }
            if attempt == 1 { throw LookupError(code: "store_unavailable", message: "down", isTransient: true) }
            let archetype = Archetype(
                id: "arch_00000\(attempt)", label: "generation \(attempt)", dimensions: [:], members: attempt, avgLifetimeValue: 0, avgOrders: 0,
                churnDistribution: [:], behaviours: [], strategy: [])
            return SegmentationSnapshot.Contents(archetypes: [archetype], affinities: .empty)
        }
        let running = Task { try await refresher.run() }
        defer { running.cancel() }

        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(5))
        try await waitForLoads(1, loads: loads, clock: clock)
        #expect(!snapshot.isLoaded, "the first load failed")
        clock.advance(by: .seconds(5))
        try await waitForLoads(2, loads: loads, clock: clock)
        #expect(try await snapshot.archetype(id: "arch_000002")?.label == "generation 2")

        clock.advance(by: .seconds(299))
        await clock.waitForSleepers(1)
        #expect(loads.withLock { $0 } == 2, "loaded, it waits the whole interval")
        clock.advance(by: .seconds(1))
        try await waitForLoads(3, loads: loads, clock: clock)
        #expect(try await snapshot.archetype(id: "arch_000003")?.label == "generation 3")
        #expect(try await snapshot.archetype(id: "arch_000002") == nil)
    }

    /// Waits until `count` loads happened and the refresher sleeps again.
    private func waitForLoads(_ count: Int, loads: Shared<Int>, clock: ManualClock) async throws {
        while loads.withLock({ $0 }) < count { await Task.yield() }
        await clock.waitForSleepers(1)
    }
}

/// A value shared with the closures of a test.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) {
        self.value = Mutex(value)
    }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        value.withLock { body(&$0) }
    }
}
