import QuimbiResilienceTesting
import Synchronization
import Testing
@testable import QuimbiOutcomes

/// Reports are kept for their time to live and built once for all who ask meanwhile; failures are not kept.
struct ReportCacheTests {
    /// Counts builds and hands out the build number; fails while `failing` is set.
    final class Builder: Sendable {
        private let state = Mutex((builds: 0, failing: false))

        var builds: Int { state.withLock { $0.builds } }

        func fail(_ failing: Bool) {
            state.withLock { $0.failing = failing }
        }

        func build() throws -> Int {
            try state.withLock { state in
                state.builds += 1
                if state.failing { throw CancellationError() }
                return state.builds
            }
        }
    }

    @Test func aReportIsKeptForItsTimeToLiveThenRebuilt() async throws {
        let clock = ManualClock()
        let cache = ReportCache<String, Int, ManualClock>(ttl: .seconds(60), clock: clock)
        let builder = Builder()
        #expect(try await cache.report(for: "30 days") { try builder.build() } == 1)
        clock.advance(by: .seconds(59))
        #expect(try await cache.report(for: "30 days") { try builder.build() } == 1)
        #expect(try await cache.report(for: "60 days") { try builder.build() } == 2, "each key has its own report")
        clock.advance(by: .seconds(1))
        #expect(try await cache.report(for: "30 days") { try builder.build() } == 3)
        #expect(builder.builds == 3)
    }

    @Test func aFailedBuildIsNotKept() async throws {
        let cache = ReportCache<String, Int, ManualClock>(ttl: .seconds(60), clock: ManualClock())
        let builder = Builder()
        builder.fail(true)
        await #expect(throws: CancellationError.self) { try await cache.report(for: "30 days") { try builder.build() } }
        builder.fail(false)
        #expect(try await cache.report(for: "30 days") { try builder.build() } == 2)
    }

    @Test func callersAskingWhileAReportIsBuiltShareThatBuild() async throws {
        let cache = ReportCache<String, Int, ManualClock>(ttl: .zero, clock: ManualClock())
        let builder = Builder()
        let (release, gate) = AsyncStream.makeStream(of: Void.self)
        let first = Task {
            try await cache.report(for: "30 days") {
                for await _ in release { break }
                return try builder.build()
            }
        }
        let second = Task { try await cache.report(for: "30 days") { try builder.build() } }
        while cache.callersWaiting(for: "30 days") < 2 { await Task.yield() }
        gate.yield()
        #expect(try await first.value == 1)
        #expect(try await second.value == 1)
        #expect(builder.builds == 1)
    }
}
