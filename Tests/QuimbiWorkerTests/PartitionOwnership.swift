import Foundation
import QuimbiKafka

/// When the replicas of a consumer group owned each partition, as their consumers' rebalance callbacks
/// reported it (``ConsumerConfiguration/assignmentObserver``): a replica owns a partition from the end of
/// its assignment to the end of its revoke.
final class PartitionOwnership: Sendable {
    private struct Change {
        var replica: UUID
        var partition: TopicPartition
        var owned: Bool
        var at: Date
    }

    /// In the order they happened.
    private let changes = Locked<[Change]>([])

    /// An observer for the consumer of a replica not observed yet.
    func observerForNewReplica() -> @Sendable (AssignmentChange) -> Void {
        let replica = UUID()
        return { [changes] change in
            let (partitions, owned) = switch change {
            case .assigned(let partitions): (partitions, true)
            case .revoked(let partitions): (partitions, false)
            }
            changes.withLock { changes in
                let now = Date()
                changes += partitions.map { Change(replica: replica, partition: $0, owned: owned, at: now) }
            }
        }
    }

    /// The spans of `period` during which no replica owned each of `partitions`, in time order (a
    /// partition is unowned until a replica is assigned it).
    func unownedWindows(of partitions: Set<TopicPartition>, during period: DateInterval) -> [TopicPartition: [DateInterval]] {
        let changes = changes.withLock { $0 }
        return Dictionary(uniqueKeysWithValues: partitions.map { partition in
            var owners: Set<UUID> = []
            var unownedSince: Date? = .distantPast
            var windows: [DateInterval] = []
            for change in changes where change.partition == partition {
                if change.owned { owners.insert(change.replica) } else { owners.remove(change.replica) }
                if owners.isEmpty {
                    unownedSince = unownedSince ?? change.at
                } else if let since = unownedSince {
                    windows.append(DateInterval(start: since, end: change.at))
                    unownedSince = nil
                }
            }
            if let since = unownedSince { windows.append(DateInterval(start: since, end: max(since, period.end))) }
            return (partition, windows.compactMap { $0.intersection(with: period) }.filter { $0.duration > 0 })
        })
    }
}

extension [DateInterval] {
    /// How much of `span` these disjoint intervals cover.
    func coverage(of span: DateInterval) -> TimeInterval {
        reduce(0) { $0 + ($1.intersection(with: span)?.duration ?? 0) }
    }
}
