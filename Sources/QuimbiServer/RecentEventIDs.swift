import Synchronization

/// Which event ids were published, and which are being published: the webhook's deduplication.
///
/// An id counts as published only once the broker acknowledged it. A request whose id is being
/// published by another waits for that outcome: answered as a duplicate if it succeeded, and publishes
/// itself if it failed, so a retry during a slow publish that then fails never loses the ticket.
/// Bounded: the oldest published id is forgotten when `capacity` is reached. In-memory and per
/// process: a replay older than `capacity` ids, or sent to another instance or after a restart, is
/// published again (the worker's output ids are deterministic).
final class RecentEventIDs: Sendable {
    /// What a request is to do with its id.
    enum Claim: Equatable {
        /// Publish it, then call ``finish(_:published:)``.
        case publish
        /// It was published already: answer as a duplicate.
        case alreadyPublished
    }

    private struct State {
        var order: [String?]
        var next = 0
        var published: Set<String> = []
        /// Ids being published, with the requests waiting for the outcome.
        var inFlight: [String: [CheckedContinuation<Bool, Never>]] = [:]
    }

    private let state: Mutex<State>

    init(capacity: Int) {
        state = Mutex(State(order: Array(repeating: nil, count: max(capacity, 1))))
    }

    /// Claims `id` for publishing, waiting while another request publishes it.
    func claim(_ id: String) async -> Claim {
        while true {
            let immediate: Claim? = state.withLock { state in
                if state.published.contains(id) { return .alreadyPublished }
                guard state.inFlight[id] == nil else { return nil }
                state.inFlight[id] = []
                return .publish
            }
            if let immediate { return immediate }
            let succeeded = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let settled: Bool? = state.withLock { state in
                    guard state.inFlight[id] != nil else { return state.published.contains(id) }
                    state.inFlight[id]?.append(continuation)
                    return nil
                }
                if let settled { continuation.resume(returning: settled) }
            }
            if succeeded { return .alreadyPublished }
        }
    }

    /// Ends the publish of a claimed `id`: remembered when `published`, else free to be claimed again;
    /// the requests that waited for it are told either way.
    func finish(_ id: String, published: Bool) {
        let waiting = state.withLock { state in
            if published { Self.remember(id, in: &state) }
            return state.inFlight.removeValue(forKey: id) ?? []
        }
        for continuation in waiting { continuation.resume(returning: published) }
    }

    /// Requests waiting for the publish of `id` (for tests).
    func waiting(for id: String) -> Int {
        state.withLock { $0.inFlight[id]?.count ?? 0 }
    }

    private static func remember(_ id: String, in state: inout State) {
        guard !state.published.contains(id) else { return }
        if let evicted = state.order[state.next] { state.published.remove(evicted) }
        state.order[state.next] = id
        state.published.insert(id)
        state.next = (state.next + 1) % state.order.count
    }
}
