import Foundation
import QuimbiCore
import QuimbiKafka
import QuimbiWorker
import Testing

/// What a chaos run measured.
struct ChaosReport: CustomStringConvertible {
    var tickets: Int
    var drafted: Int
    var deadLettered: Int
    /// Tickets neither drafted nor dead-lettered.
    var lost: Int
    /// Output records beyond the first per ticket (at-least-once: a redelivery repeats them).
    var duplicates: Int
    /// Longest time from a ticket's publication to its first output reaching the collector.
    var maxLatency: Duration

    var description: String {
        "\(tickets) tickets: \(drafted) drafted, \(deadLettered) dead-lettered, \(lost) lost, \(duplicates) duplicates, max latency \(maxLatency)"
    }
}

/// The Kafka half of the chaos suite: a few thousand tickets stream through an in-process worker
/// on a 3-broker embedded cluster while a fault is injected; every ticket must come out drafted or
/// dead-lettered, and its latency stays within the ticket deadline plus the outage (plus the slack
/// of reconnecting and re-fetching). Duplicates are counted, not assumed absent.
@Suite(.serialized) struct ChaosKafkaTests {
    static let tickets = 2_000
    static let perSecond = 1_000
    static let deadline = Duration.milliseconds(800)
    /// Reconnection (≤ 200 ms back-off), a request in flight at the outage timing out (2 s, see
    /// ``KafkaRig/outageTolerantProducer``), a fetch round and a publish back-off step.
    static let slack = Duration.seconds(4)

    /// Streams the tickets through a worker, runs `fault` once the stream is flowing, and measures.
    private func stream(group: String, fault: @escaping @Sendable (EmbeddedKafkaCluster) async throws -> Void) async throws -> ChaosReport {
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(brokers: 3, partitions: 6))
        let worker = EmbeddedWorker(cluster: rig.cluster, groupID: group)
        let warmUp = seedTickets(1, prefix: "\(group)-WARM")[0]
        try await rig.publisher.publish(warmUp)
        try await waitUntil(timeout: .seconds(30), "the worker's first draft") { rig.collector.draftedTicketIDs().contains(warmUp.ticketID) }

        let published = Locked<[String: Date]>([:])
        let publishing = Task { try await publishPaced(prefix: group, rig.publisher, published) }
        try await waitUntil(timeout: .seconds(10), "the stream flowing") { published.withLock { $0.count } >= Self.perSecond / 2 }
        try await fault(rig.cluster)
        try await publishing.value

        let ids = Set(published.withLock { $0.keys })
        try await waitUntil(timeout: .seconds(60), "every ticket drafted or dead-lettered") {
            self.finished(rig.collector).isSuperset(of: ids)
        }
        let report = measure(rig.collector, published: published.withLock { $0 })
        #expect(await worker.stop() == nil)
        await rig.close()
        return report
    }

    /// Publishes ``tickets`` tickets in chunks at about ``perSecond``, noting when each was published;
    /// a ticket whose publication fails is published again (as a webhook's sender would).
    private func publishPaced(prefix: String, _ publisher: TicketPublisher, _ published: Locked<[String: Date]>) async throws {
        let chunk = Self.perSecond / 10
        for start in stride(from: 0, to: Self.tickets, by: chunk) {
            let batch = (start..<min(start + chunk, Self.tickets)).map { index in
                TicketCreated(
                    eventID: "evt-\(prefix)-\(index)", ticketID: "\(prefix)-\(index)", customerID: SampleTickets.seedCustomerID,
                    message: SampleTickets.seedMessages[index % 3], createdAt: Date())
            }
            for ticket in batch { published.withLock { $0[ticket.ticketID] = ticket.createdAt } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for ticket in batch {
                    group.addTask {
                        while (try? await publisher.publish(ticket)) == nil { try await Task.sleep(for: .milliseconds(50)) }
                    }
                }
                try await group.waitForAll()
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    private func finished(_ collector: EventCollector) -> Set<String> {
        let letters = collector.all(collector.topics.deadLetters).compactMap(\.key)
        return collector.draftedTicketIDs().union(letters)
    }

    private func measure(_ collector: EventCollector, published: [String: Date]) -> ChaosReport {
        let outputs = collector.all(collector.topics.drafts) + collector.all(collector.topics.deadLetters)
        var first: [String: Date] = [:]
        var counts: [String: Int] = [:]
        for output in outputs {
            guard let key = output.key, published[key] != nil else { continue }
            counts[key, default: 0] += 1
            first[key] = min(first[key] ?? output.receivedAt, output.receivedAt)
        }
        let latencies = first.map { key, received in received.timeIntervalSince(published[key]!) }
        let drafted = Set(collector.all(collector.topics.drafts).compactMap(\.key)).intersection(published.keys)
        return ChaosReport(
            tickets: published.count, drafted: drafted.count, deadLettered: Set(first.keys).subtracting(drafted).count,
            lost: published.count - first.count, duplicates: counts.values.reduce(0) { $0 + $1 - 1 },
            maxLatency: .seconds(latencies.max() ?? 0))
    }

    @Test func aBrokerDownForFiveSeconds() async throws {
        let outage = Duration.seconds(5)
        let report = try await stream(group: "chaos-down") { cluster in
            try cluster.setBrokerDown(1)
            try await Task.sleep(for: outage)
            try cluster.setBrokerUp(1)
        }
        print("chaos broker down 5 s: \(report)")
        #expect(report.lost == 0, "\(report)")
        #expect(report.maxLatency <= Self.deadline + outage + Self.slack, "\(report)")
    }

    @Test func everyLeaderMoved() async throws {
        let report = try await stream(group: "chaos-leaders") { cluster in
            for topic in WorkerTopics().all {
                for partition in Int32(0)..<6 { try cluster.setPartitionLeader(topic: topic, partition: partition, broker: (partition + 1) % 3 + 1) }
            }
        }
        print("chaos leaders moved: \(report)")
        #expect(report.lost == 0, "\(report)")
        #expect(report.maxLatency <= Self.deadline + Self.slack, "\(report)")
    }

    @Test func produceErrorsInjected() async throws {
        let report = try await stream(group: "chaos-produce") { cluster in
            let retriable = ["NOT_LEADER_FOR_PARTITION", "REQUEST_TIMED_OUT", "NOT_ENOUGH_REPLICAS", "_TRANSPORT"]
            try cluster.pushRequestErrors(.produce, (0..<40).map { retriable[$0 % retriable.count] } + ["MSG_SIZE_TOO_LARGE"])
        }
        print("chaos produce errors: \(report)")
        #expect(report.lost == 0, "\(report)")
        #expect(report.maxLatency <= Self.deadline + Self.slack, "\(report)")
    }
}
