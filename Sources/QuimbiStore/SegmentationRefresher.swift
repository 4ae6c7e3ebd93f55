import Logging
import QuimbiCore
import ServiceLifecycle

/// Keeps a ``SegmentationSnapshot`` current: loads it, then reloads it every `interval` (sooner, every
/// `retryInterval`, while no load has succeeded). A failed reload keeps the previous contents.
public struct SegmentationRefresher<C: Clock<Duration>>: Service {
    /// Reads the segmentation tables.
    public typealias Load = @Sendable () async throws -> SegmentationSnapshot.Contents

    private let snapshot: SegmentationSnapshot
    private let load: Load
    private let interval: Duration
    private let retryInterval: Duration
    private let clock: C
    private let logger: Logger

    /// Refreshes `snapshot` with `load` on `clock`.
    public init(
        snapshot: SegmentationSnapshot, interval: Duration = .seconds(300), retryInterval: Duration = .seconds(5), clock: C,
        logger: Logger, load: @escaping Load
    ) {
        self.snapshot = snapshot
        self.load = load
        self.interval = interval
        self.retryInterval = retryInterval
        self.clock = clock
        self.logger = logger
    }

    /// Loads once; returns whether the snapshot was replaced.
    @discardableResult
    public func refresh() async -> Bool {
        do {
            snapshot.replace(with: try await load())
            return true
        } catch {
            logger.warning("could not reload archetypes and affinities; keeping what was loaded", metadata: [
                "error": "\(error)", "loaded": "\(snapshot.isLoaded)",
            ])
            return false
        }
    }

    /// Reloads until cancelled or shut down gracefully.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let wait = snapshot.isLoaded ? interval : retryInterval
            guard (try? await cancelWhenGracefulShutdown({ try await clock.sleep(for: wait) })) != nil else { return }
            await refresh()
        }
    }
}

extension SegmentationRefresher where C == ContinuousClock {
    /// Refreshes `snapshot` from the `archetypes`, `item_affinities` and `item_popularity` tables of `pool`.
    public init(snapshot: SegmentationSnapshot, pool: PostgresPool, logger: Logger) {
        self.init(snapshot: snapshot, clock: ContinuousClock(), logger: logger) {
            async let archetypes = ArchetypeRepository(pool: pool).all()
            async let affinities = ItemAffinityRepository(pool: pool).read()
            return SegmentationSnapshot.Contents(archetypes: try await archetypes, affinities: try await affinities)
        }
    }
}
