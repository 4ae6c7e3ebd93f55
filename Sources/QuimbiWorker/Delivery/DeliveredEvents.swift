import Synchronization

/// The event ids whose notes this process wrote, so a draft repeated while it runs (a worker retry) is not
/// written twice without asking the delivery log or the helpdesk. Bounded: the oldest id is forgotten first.
/// Across restarts and rebalances ``DeliveryDeduplication`` asks the log or the helpdesk's notes.
final class DeliveredEvents: Sendable {
    private struct State {
        var ring: [String?]
        var next = 0
        var members: Set<String> = []
    }

    private let state: Mutex<State>

    init(capacity: Int) {
        state = Mutex(State(ring: Array(repeating: nil, count: max(1, capacity))))
    }

    func contains(_ id: String) -> Bool {
        state.withLock { $0.members.contains(id) }
    }

    func insert(_ id: String) {
        state.withLock { state in
            guard state.members.insert(id).inserted else { return }
            if let evicted = state.ring[state.next] { state.members.remove(evicted) }
            state.ring[state.next] = id
            state.next = (state.next + 1) % state.ring.count
        }
    }
}
