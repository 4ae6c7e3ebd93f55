/// The most recent accepted event ids, bounded: the oldest is forgotten when `capacity` is reached.
/// Deduplication is therefore in-memory and per process: a replay older than `capacity` ids, or sent to
/// another instance or after a restart, is published again (the worker's output ids are deterministic).
final class RecentEventIDs: Sendable {
    private struct Ring { var order: [String?]; var next = 0; var members: Set<String> = [] }
    private let state: LockedState<Ring>

    init(capacity: Int) {
        state = LockedState(Ring(order: Array(repeating: nil, count: max(capacity, 1))))
    }

    /// Records `id`; false when it is already present.
    func insert(_ id: String) -> Bool {
        state.withLock { ring in
            guard !ring.members.contains(id) else { return false }
            if let evicted = ring.order[ring.next] { ring.members.remove(evicted) }
            ring.order[ring.next] = id
            ring.members.insert(id)
            ring.next = (ring.next + 1) % ring.order.count
            return true
        }
    }

    /// Forgets `id` (after a failed publish, so a retry is accepted).
    func remove(_ id: String) {
        state.withLock { ring in
            guard ring.members.remove(id) != nil, let slot = ring.order.firstIndex(of: id) else { return }
            ring.order[slot] = nil
        }
    }
}
