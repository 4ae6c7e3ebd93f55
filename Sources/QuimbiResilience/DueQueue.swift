/// Actions waiting for their instant, earliest first (a binary min-heap); pure, for ``DeadlineTimer``.
public struct DueQueue<Instant: Comparable, Action> {
    private var entries: [(instant: Instant, action: Action)] = []

    /// An empty queue.
    public init() {}

    /// Actions waiting.
    public var count: Int { entries.count }

    /// The instant of the earliest action, if any.
    public var earliest: Instant? { entries.first?.instant }

    /// Adds `action` due at `instant`; returns whether it is now the earliest.
    @discardableResult
    public mutating func insert(_ action: Action, at instant: Instant) -> Bool {
        entries.append((instant, action))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].instant < entries[parent].instant else { break }
            entries.swapAt(child, parent)
            child = parent
        }
        return child == 0
    }

    /// Removes and returns the actions due at `now` (instant ≤ now), earliest first.
    public mutating func popDue(at now: Instant) -> [Action] {
        var due: [Action] = []
        while let first = entries.first, first.instant <= now {
            due.append(first.action)
            removeFirst()
        }
        return due
    }

    private mutating func removeFirst() {
        entries.swapAt(0, entries.count - 1)
        entries.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count, entries[left].instant < entries[smallest].instant { smallest = left }
            if right < entries.count, entries[right].instant < entries[smallest].instant { smallest = right }
            guard smallest != parent else { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
