import Foundation

/// The consumer's record of its assigned partitions: what was handed out, what is finished, what
/// may be committed, and which partitions are being revoked. Thread-safe; shared by the poll thread
/// (assign, revoke, track, commit) and the processing tasks (finish, abandon).
final class PartitionLedger: @unchecked Sendable {
    private struct Partition {
        var generation: UInt64
        var watermark = OffsetWatermark()
        var revoking = false
        /// Records tracked by the poll thread and not yet handed out.
        var held = 0
    }

    private let condition = NSCondition()
    private var partitions: [TopicPartition: Partition] = [:]
    private var nextGeneration: UInt64 = 1
    private var revokingCount = 0
    /// Records tracked and neither finished nor abandoned, over all partitions.
    private var total = 0
    /// The limit the poll thread waits to get below (``waitForRoom(below:until:)``), if it waits.
    private var roomLimit: Int?

    /// Records tracked and neither finished nor abandoned.
    var unsettled: Int { locked { total } }

    /// Registers newly assigned partitions; returns nothing, they start empty.
    func assign(_ assigned: [TopicPartition]) {
        locked {
            for partition in assigned {
                partitions[partition] = Partition(generation: nextGeneration)
                nextGeneration += 1
            }
        }
    }

    /// Tracks a record as the poll thread takes it, stamped with its partition's generation; `nil`
    /// when its partition is not assigned or is being revoked. Until ``handOut(_:)`` the poll thread
    /// holds it: a revoke does not wait for it (nobody can process it meanwhile).
    func track(_ message: KafkaMessage) -> KafkaMessage? {
        locked {
            guard var partition = partitions[message.topicPartition], !partition.revoking else { return nil }
            partition.watermark.track(message.offset)
            partition.held += 1
            partitions[message.topicPartition] = partition
            total += 1
            var stamped = message
            stamped.generation = partition.generation
            return stamped
        }
    }

    /// The tracked records whose partition is still assigned in their generation, now handed to the
    /// application; the others were dropped with their revoked partition.
    func handOut(_ held: [KafkaMessage]) -> [KafkaMessage] {
        locked {
            held.filter { message in
                guard partitions[message.topicPartition]?.generation == message.generation else { return false }
                partitions[message.topicPartition]?.held -= 1
                return true
            }
        }
    }

    /// Whether the record's partition is still assigned in the generation it was fetched in.
    func isCurrent(_ message: KafkaMessage) -> Bool {
        locked { partitions[message.topicPartition]?.generation == message.generation }
    }

    /// Whether processing of this record should start: false once its partition is revoking.
    func mayStart(_ message: KafkaMessage) -> Bool {
        locked {
            guard let partition = partitions[message.topicPartition] else { return false }
            return partition.generation == message.generation && !partition.revoking
        }
    }

    /// Marks a record fully processed.
    func finish(_ message: KafkaMessage) {
        settle(message) { $0.finish($1) }
    }

    /// Marks a record given up without processing; its offset is never committed past.
    func abandon(_ message: KafkaMessage) {
        settle(message) { $0.abandon($1) }
    }

    private func settle(_ message: KafkaMessage, _ change: (inout OffsetWatermark, Int64) -> Void) {
        locked {
            guard var partition = partitions[message.topicPartition], partition.generation == message.generation else { return }
            let before = partition.watermark.unsettled
            change(&partition.watermark, message.offset)
            total -= before - partition.watermark.unsettled
            partitions[message.topicPartition] = partition
            if revokingCount > 0 || total < roomLimit ?? 0 { condition.broadcast() }
        }
    }

    /// Waits until fewer than `limit` records are unsettled, or until `deadline`; returns whether
    /// there is room. Only the poll thread waits here.
    func waitForRoom(below limit: Int, until deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        roomLimit = limit
        defer { roomLimit = nil }
        while total >= limit, condition.wait(until: deadline) {}
        return total < limit
    }

    /// Offsets to commit: partition → next offset, for partitions with progress not yet committed.
    /// With `only`, restricted to those partitions.
    func committable(only: Set<TopicPartition>? = nil) -> [TopicPartition: Int64] {
        locked {
            var result: [TopicPartition: Int64] = [:]
            for (key, partition) in partitions where only?.contains(key) ?? true {
                if partition.watermark.hasUncommittedProgress, let offset = partition.watermark.committable {
                    result[key] = offset
                }
            }
            return result
        }
    }

    /// Records that these offsets were committed.
    func markCommitted(_ offsets: [TopicPartition: Int64]) {
        locked {
            for (key, offset) in offsets { partitions[key]?.watermark.committed = offset }
        }
    }

    /// Forgets commit state so that the next commit sends every partition's offset again.
    func forgetCommits() {
        locked {
            for key in partitions.keys { partitions[key]?.watermark.committed = nil }
        }
    }

    /// Stops new work on `revoked` and waits until their handed-out records are settled or `deadline`
    /// (records the poll thread still holds are not waited for). Returns the records still unsettled
    /// at the deadline.
    func beginRevoke(_ revoked: [TopicPartition], deadline: Date) -> Int {
        condition.lock()
        defer { condition.unlock() }
        for key in revoked where partitions[key] != nil && partitions[key]?.revoking == false {
            partitions[key]?.revoking = true
            revokingCount += 1
        }
        func pending() -> Int {
            revoked.reduce(0) { count, key in count + (partitions[key].map { $0.watermark.unsettled - $0.held } ?? 0) }
        }
        while pending() > 0, condition.wait(until: deadline) {}
        return pending()
    }

    /// Drops revoked partitions; late results of their records are ignored.
    func endRevoke(_ revoked: [TopicPartition]) {
        locked {
            for key in revoked {
                guard let partition = partitions.removeValue(forKey: key) else { continue }
                total -= partition.watermark.unsettled
                if partition.revoking { revokingCount -= 1 }
            }
        }
    }

    /// For each assigned partition, the first offset not yet finished (`nil` when none was handed out yet).
    func firstUnfinished() -> [TopicPartition: Int64?] {
        locked { partitions.mapValues { $0.watermark.committable } }
    }

    /// Currently assigned partitions.
    var assigned: [TopicPartition] { locked { Array(partitions.keys) } }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }
}
