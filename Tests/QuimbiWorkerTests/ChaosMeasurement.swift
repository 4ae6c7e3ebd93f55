import Foundation
import QuimbiCore
import QuimbiKafka
import QuimbiWorker

/// What a chaos run measured.
struct ChaosReport: CustomStringConvertible {
    var tickets: Int
    var drafted: Int
    var deadLettered: Int
    /// Tickets neither drafted nor dead-lettered.
    var lost: Int
    /// Output records beyond the first per ticket (at-least-once: a redelivery repeats them).
    var duplicates: Int
    /// When the first output of each ticket that came out more than once reached the collector.
    var duplicatedFirstOutputs: [String: Date]
    /// From each ticket's publication to its first output reaching the collector.
    var publishedToFirstOutput: [String: DateInterval]
    /// Longest of ``publishedToFirstOutput``.
    var maxLatency: Duration
    /// Where the slowest ticket spent its time: when the worker received and completed it, and when
    /// the collector read it, each after its publication (tells a stalled worker from a stalled reader).
    var slowestPath: String

    /// Measures the drafts and dead letters `collector` read for the tickets `published` (ticket id → publication time).
    init(_ collector: EventCollector, published: [String: Date]) {
        let outputs = collector.all(collector.topics.drafts) + collector.all(collector.topics.deadLetters)
        var first: [String: Date] = [:]
        var counts: [String: Int] = [:]
        for output in outputs {
            guard let key = output.key, published[key] != nil else { continue }
            counts[key, default: 0] += 1
            first[key] = min(first[key] ?? output.receivedAt, output.receivedAt)
        }
        publishedToFirstOutput = Dictionary(uniqueKeysWithValues: first.map { key, received in
            (key, DateInterval(start: published[key]!, end: received))
        })
        let draftedIDs = collector.draftedTicketIDs().intersection(published.keys)
        tickets = published.count
        drafted = draftedIDs.count
        deadLettered = Set(first.keys).subtracting(draftedIDs).count
        lost = published.count - first.count
        duplicates = counts.values.reduce(0) { $0 + $1 - 1 }
        duplicatedFirstOutputs = first.filter { counts[$0.key, default: 0] > 1 }
        maxLatency = .seconds(publishedToFirstOutput.values.map(\.duration).max() ?? 0)
        slowestPath = Self.path(of: publishedToFirstOutput.max { $0.value.duration < $1.value.duration }?.key, outputs: outputs, published: published)
    }

    private static func path(of key: String?, outputs: [EventCollector.Received], published: [String: Date]) -> String {
        guard let key, let start = published[key] else { return "none" }
        let decoder = QuimbiJSON.makeDecoder()
        let drafts = outputs.filter { $0.key == key }.sorted { $0.receivedAt < $1.receivedAt }
        guard let output = drafts.first, let draft = try? decoder.decode(DraftResponse.self, from: output.value) else {
            return "\(key): no draft"
        }
        func after(_ date: Date) -> String { String(format: "%.3f s", date.timeIntervalSince(start)) }
        return "\(key): worker received \(after(draft.timing.receivedAt)), completed \(after(draft.timing.completedAt)), collected \(after(output.receivedAt))"
    }

    /// Duplicated tickets whose first output did not reach the collector between `before` ahead of
    /// one of `faults` and `after` it: repeats that no fault explains.
    func unexplainedDuplicates(faults: [Date], before: Duration, after: Duration) -> [String] {
        duplicatedFirstOutputs.filter { _, first in
            !faults.contains { first >= $0.addingTimeInterval(-before.inSeconds) && first <= $0.addingTimeInterval(after.inSeconds) }
        }.keys.sorted()
    }

    var description: String {
        "\(tickets) tickets: \(drafted) drafted, \(deadLettered) dead-lettered, \(lost) lost, \(duplicates) duplicates, max latency \(maxLatency) (slowest: \(slowestPath))"
    }
}

extension EventCollector {
    /// Ticket ids with a draft or a dead letter.
    func finishedTicketIDs() -> Set<String> {
        draftedTicketIDs().union(all(topics.deadLetters).compactMap(\.key))
    }
}

extension TicketPublisher {
    /// Publishes `count` tickets `<prefix>-<n>` in chunks at about `perSecond`, noting in `published`
    /// when each was published (and in `partitions`, if given, where it was stored); a ticket whose
    /// publication fails is published again (as a webhook's sender would).
    func publishPaced(
        count: Int, perSecond: Int, prefix: String, recordingIn published: Locked<[String: Date]>,
        partitions: Locked<[String: TopicPartition]>? = nil
    ) async throws {
        let chunk = max(1, perSecond / 10)
        for start in stride(from: 0, to: count, by: chunk) {
            let batch = (start..<min(start + chunk, count)).map { index in
                TicketCreated(
                    eventID: "evt-\(prefix)-\(index)", ticketID: "\(prefix)-\(index)", customerID: SampleTickets.seedCustomerID,
                    message: SampleTickets.seedMessages[index % 3], createdAt: Date())
            }
            for ticket in batch { published.withLock { $0[ticket.ticketID] = ticket.createdAt } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for ticket in batch {
                    group.addTask {
                        while true {
                            if let delivery = try? await self.publish(ticket) {
                                partitions?.withLock { $0[ticket.ticketID] = delivery.topicPartition }
                                return
                            }
                            try await Task.sleep(for: .milliseconds(50))
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
