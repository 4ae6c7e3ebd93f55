import Foundation
import QuimbiCore
import QuimbiKafka
import QuimbiWorker
import Testing

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
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(brokers: 3, partitions: 6), publisherProperties: KafkaRig.faultInjectedProducer)
        let processor = ReportingProcessor()
        let acknowledged = DraftedTicketIDs()
        // Not idempotent, as the publisher (see ``KafkaRig/faultInjectedProducer``): at a leader move librdkafka
        // can send a later batch to the new leader while an earlier one goes back to its queue; Kafka refuses
        // the later batch as out of sequence, the mock appends it and the earlier batch is taken as persisted.
        let worker = EmbeddedWorker(
            cluster: rig.cluster, groupID: group, processor: processor, observer: acknowledged, producerProperties: KafkaRig.faultInjectedProducer)
        let warmUp = seedTickets(1, prefix: "\(group)-WARM")[0]
        try await rig.publisher.publish(warmUp)
        try await waitUntil(timeout: .seconds(30), "the worker's first draft") { rig.collector.draftedTicketIDs().contains(warmUp.ticketID) }

        let published = Locked<[String: Date]>([:])
        let publishing = Task {
            try await rig.publisher.publishPaced(count: Self.tickets, perSecond: Self.perSecond, prefix: group, recordingIn: published)
        }
        try await waitUntil(timeout: .seconds(10), "the stream flowing") { published.withLock { $0.count } >= Self.perSecond / 2 }
        try await fault(rig.cluster)
        try await publishing.value

        let ids = Set(published.withLock { $0.keys })
        do {
            try await waitUntil(timeout: .seconds(60), "every ticket drafted or dead-lettered") {
                rig.collector.finishedTicketIDs().isSuperset(of: ids)
            }
        } catch {
            let missing = ids.subtracting(rig.collector.finishedTicketIDs()).sorted()
            print("\(group): \(missing.count) tickets neither drafted nor dead-lettered, first \(missing.prefix(20))")
            try await explain(missing, rig: rig, drafted: processor.drafted.all, acknowledged: acknowledged.all)
            throw error
        }
        let report = ChaosReport(rig.collector, published: published.withLock { $0 })
        #expect(await worker.stop() == nil)
        await rig.close()
        return report
    }

    /// Says where each of the `missing` tickets was lost: not in the input topic (the publisher's),
    /// never drafted by the worker (its consumer's), drafted but never acknowledged (its producer's),
    /// acknowledged but not in the drafts topic (the broker's), or in the drafts topic but not read
    /// (the collector's).
    private func explain(_ missing: [String], rig: KafkaRig, drafted: Set<String>, acknowledged: Set<String>) async throws {
        let input = try EventCollector(brokers: rig.cluster.bootstrapServers, topics: WorkerTopics(drafts: WorkerTopics().ticketsCreated))
        let output = try EventCollector(brokers: rig.cluster.bootstrapServers)
        try? await Task.sleep(for: .seconds(8))
        let inputRecords = input.all(input.topics.drafts)  // the input topic, read in the drafts' place
        let inInput = Set(inputRecords.compactMap(\.key))
        let inDrafts = output.draftedTicketIDs()
        let escalated = Set(rig.collector.all(rig.collector.topics.escalations).compactMap(\.key))
        print("""
            of those, in the input topic: \(missing.filter(inInput.contains)) (input records \(inputRecords.count)); \
            drafted by the worker: \(missing.filter(drafted.contains)); its drafts acknowledged: \(missing.filter(acknowledged.contains)); \
            in the drafts topic read again: \(missing.filter(inDrafts.contains)); \
            escalated: \(missing.filter(escalated.contains))
            """)
        await input.close()
        await output.close()
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
        // The mock re-creates a downed broker's listener at once and accepts connections it never
        // answers, so a client that reconnects during the outage waits out its socket timeout.
        #expect(report.maxLatency <= Self.deadline + outage + ConsumerConfiguration.defaultSocketTimeout + Self.slack, "\(report)")
    }

    /// A broker that keeps its connections open but stops answering (a network partition that drops
    /// packets, or the mock's listener re-created during an outage) strands every request already sent
    /// to it: the worker's consumer must give them up after its socket timeout and fetch again, not wait
    /// for an answer that comes 45 s later.
    @Test func aBrokerThatStopsAnsweringForFiveSeconds() async throws {
        let outage = Duration.seconds(5)
        let report = try await stream(group: "chaos-silent") { cluster in
            try cluster.setBrokerRoundTrip(1, milliseconds: 45_000)
            try await Task.sleep(for: outage)
            try cluster.setBrokerRoundTrip(1, milliseconds: 0)
        }
        print("chaos broker silent 5 s: \(report)")
        #expect(report.lost == 0, "\(report)")
        #expect(report.maxLatency <= Self.deadline + outage + ConsumerConfiguration.defaultSocketTimeout + Self.slack, "\(report)")
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
