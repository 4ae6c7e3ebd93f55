/// Tracks the records of one partition handed to the application, and the highest offset below
/// which every one of them is finished — the only offset that may be committed.
///
/// Records arrive in offset order (gaps allowed) and finish in any order.
struct OffsetWatermark: Sendable {
    private enum Progress: Sendable { case pending, finished, abandoned }

    private var offsets: [Int64] = []
    private var progress: [Progress] = []
    private var head = 0
    /// The next offset to commit: every tracked record below it is finished.
    private(set) var committable: Int64?
    /// The last offset committed to the broker.
    var committed: Int64?

    /// Records tracked and neither finished nor abandoned.
    private(set) var unsettled = 0

    /// Starts tracking a record handed to the application.
    mutating func track(_ offset: Int64) {
        if head == offsets.count { committable = offset }
        offsets.append(offset)
        progress.append(.pending)
        unsettled += 1
    }

    /// Marks a record finished; returns whether the committable offset moved.
    @discardableResult
    mutating func finish(_ offset: Int64) -> Bool {
        guard let index = indexOf(offset), progress[index] == .pending else { return false }
        progress[index] = .finished
        unsettled -= 1
        return advance()
    }

    /// Marks a record given up (its partition was revoked): it is settled but never committed past.
    mutating func abandon(_ offset: Int64) {
        guard let index = indexOf(offset), progress[index] == .pending else { return }
        progress[index] = .abandoned
        unsettled -= 1
    }

    /// Whether there is progress to commit.
    var hasUncommittedProgress: Bool {
        guard let committable else { return false }
        return committed.map { committable > $0 } ?? true
    }

    private mutating func advance() -> Bool {
        let before = committable
        while head < offsets.count, progress[head] == .finished {
            committable = offsets[head] + 1
            head += 1
        }
        if head < offsets.count { committable = offsets[head] }
        if head > 4_096, head * 2 > offsets.count {
            offsets.removeFirst(head)
            progress.removeFirst(head)
            head = 0
        }
        return committable != before
    }

    private func indexOf(_ offset: Int64) -> Int? {
        var low = head
        var high = offsets.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if offsets[mid] == offset { return mid }
            if offsets[mid] < offset { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }
}
