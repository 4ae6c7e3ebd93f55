/// Actions waiting for their instant, earliest first (a binary min-heap); pure, for ``DeadlineTimer``.
///
/// Instants and actions live in two parallel arrays, so that sifting compares instants without
/// copying (and retaining) the actions beside them.
public struct DueQueue<Instant: Comparable, Action> {
    private var instants: [Instant] = []
    private var actions: [Action] = []

    /// An empty queue.
    public init() {}

    /// Actions waiting.
    public var count: Int { instants.count }

    /// The instant of the earliest action, if any.
    public var earliest: Instant? { instants.first }

    /// Adds `action` due at `instant`; returns whether it is now the earliest.
    @discardableResult
    public mutating func insert(_ action: Action, at instant: Instant) -> Bool {
        instants.append(instant)
        actions.append(action)
        var child = instants.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard instants[child] < instants[parent] else { break }
            swapEntries(child, parent)
            child = parent
        }
        return child == 0
    }

    /// Removes and returns the actions due at `now` (instant ≤ now), earliest first.
    public mutating func popDue(at now: Instant) -> [Action] {
        var due: [Action] = []
        while let first = instants.first, first <= now {
            due.append(removeFirst())
        }
        return due
    }

    private mutating func removeFirst() -> Action {
        swapEntries(0, instants.count - 1)
        instants.removeLast()
        let action = actions.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < instants.count, instants[left] < instants[smallest] { smallest = left }
            if right < instants.count, instants[right] < instants[smallest] { smallest = right }
            guard smallest != parent else { return action }
            swapEntries(parent, smallest)
            parent = smallest
        }
    }

    private mutating func swapEntries(_ first: Int, _ second: Int) {
        instants.swapAt(first, second)
        actions.swapAt(first, second)
    }
}
