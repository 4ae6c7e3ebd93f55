import QuimbiCore
import Synchronization

/// The last segmentation run's archetypes and item affinities, held in memory. Both change only when
/// `quimbi segment` writes them (nightly), so a ticket needs no database round trip for either: the
/// snapshot answers from memory (``ImmediateLookup``) and ``SegmentationRefresher`` reloads it.
///
/// Until a first load succeeds, lookups fail with the transient `segmentation_not_loaded`: the ticket
/// is drafted with its archetype and recommendations degraded, never held up by the database.
public final class SegmentationSnapshot: ArchetypeSource, RecommendationSource, ImmediateLookup {
    /// One loaded state of the segmentation tables.
    public struct Contents: Sendable {
        /// Archetypes by id.
        public var archetypes: [String: Archetype]
        /// Co-purchase affinities.
        public var affinities: ItemAffinities

        /// A state from the archetypes and affinities read.
        public init(archetypes: [Archetype], affinities: ItemAffinities) {
            self.archetypes = Dictionary(archetypes.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
            self.affinities = affinities
        }
    }

    private let contents = Mutex<Contents?>(nil)

    /// An empty snapshot, not loaded yet.
    public init() {}

    /// Whether a load has succeeded.
    public var isLoaded: Bool { contents.withLock { $0 != nil } }

    /// Replaces what the snapshot holds.
    public func replace(with loaded: Contents) {
        contents.withLock { $0 = loaded }
    }

    private func loaded() throws(LookupError) -> Contents {
        guard let current = contents.withLock({ $0 }) else {
            throw LookupError(code: "segmentation_not_loaded", message: "archetypes and affinities not loaded from PostgreSQL yet", isTransient: true)
        }
        return current
    }

    public func archetype(id: String) async throws -> Archetype? {
        try loaded().archetypes[id]
    }

    public func recommendations(for itemsBought: [String], limit: Int) async throws -> [String] {
        try loaded().affinities.recommend(for: itemsBought, limit: limit)
    }
}
