import Logging
import Synchronization
import Testing
@testable import QuimbiKafka

@Suite(.serialized) struct EmbeddedClusterTests {
    let logger = Logger(label: "test")

    private func consumerConfiguration(
        _ cluster: EmbeddedKafkaCluster, topic: String, group: String, maxInFlight: Int = 2_048, pauseAfterHolding: Duration = .seconds(1)
    ) -> ConsumerConfiguration {
        ConsumerConfiguration(
            kafka: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers, properties: ["session.timeout.ms": "6000", "heartbeat.interval.ms": "500"]),
            groupID: group, topics: [topic], maxInFlight: maxInFlight, pauseAfterHolding: pauseAfterHolding, commitInterval: .milliseconds(50))
    }

    private func produce(_ count: Int, to topic: String, cluster: EmbeddedKafkaCluster) async throws {
        let producer = try KafkaProducer(configuration: ProducerConfiguration(kafka: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers)), logger: logger)
        try await withThrowingTaskGroup(of: DeliveryReport.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await producer.send(ProducerRecord(
                        topic: topic, key: Array("k\(index)".utf8), value: Array("v\(index)".utf8),
                        headers: [KafkaHeader(name: "ce_id", text: "id-\(index)")]))
                }
            }
            for try await report in group { #expect(report.offset >= 0) }
        }
        await producer.shutdown()
    }

    /// Reads until `count` distinct values were seen or the time runs out.
    private func consume(_ consumer: KafkaConsumer, count: Int, finish: Bool = true) async -> [KafkaMessage] {
        var seen: [KafkaMessage] = []
        let reader = Task {
            var collected: [KafkaMessage] = []
            for await batch in consumer.batches {
                for message in batch {
                    collected.append(message)
                    if finish { consumer.finish(message) }
                }
                if collected.count >= count { break }
            }
            return collected
        }
        let timeout = Task {
            try? await Task.sleep(for: .seconds(30))
            reader.cancel()
        }
        seen = await reader.value
        timeout.cancel()
        return seen
    }

    @Test func deliversRecordsWithKeysAndHeadersAndCommitsFinishedOffsets() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("roundtrip", partitions: 4)
        try await produce(200, to: "roundtrip", cluster: cluster)

        let first = try KafkaConsumer(configuration: consumerConfiguration(cluster, topic: "roundtrip", group: "g1"), logger: logger)
        let messages = await consume(first, count: 200)
        #expect(Set(messages.map { String(decoding: $0.value, as: UTF8.self) }).count == 200)
        let sample = try #require(messages.first)
        #expect(sample.header("ce_id")?.hasPrefix("id-") == true)
        #expect(sample.key.map { String(decoding: $0, as: UTF8.self) }?.hasPrefix("k") == true)
        await first.close()

        try await produce(10, to: "roundtrip", cluster: cluster)
        let second = try KafkaConsumer(configuration: consumerConfiguration(cluster, topic: "roundtrip", group: "g1"), logger: logger)
        let rest = await consume(second, count: 10)
        await second.close()
        #expect(rest.count == 10, "only the records after the committed offsets are read again")
        await cluster.shutdown()
    }

    @Test func unfinishedRecordsAreReadAgainByTheNextMember() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("redeliver", partitions: 1)
        try await produce(20, to: "redeliver", cluster: cluster)

        let first = try KafkaConsumer(configuration: consumerConfiguration(cluster, topic: "redeliver", group: "g2"), logger: logger)
        let messages = await consume(first, count: 20, finish: false)
        for message in messages where message.offset < 5 || message.offset == 7 { first.finish(message) }
        for message in messages where !(message.offset < 5 || message.offset == 7) { first.abandon(message) }
        await first.close()

        let second = try KafkaConsumer(configuration: consumerConfiguration(cluster, topic: "redeliver", group: "g2"), logger: logger)
        let again = await consume(second, count: 15)
        await second.close()
        #expect(again.map(\.offset).min() == 5, "the commit stopped at the first unfinished offset")
        #expect(again.count == 15)
        await cluster.shutdown()
    }

    /// A pause drops librdkafka's prefetched records and fetching resumes up to a second later, so a
    /// backlog read by a consumer at its in-flight limit must not pause while records finish promptly
    /// (it paused at every limit and ran at a fraction of its speed).
    @Test func readsABacklogAtTheInFlightLimitWithoutPausing() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("backlog", partitions: 2)
        try await produce(500, to: "backlog", cluster: cluster)
        let consumer = try KafkaConsumer(configuration: consumerConfiguration(cluster, topic: "backlog", group: "g4", maxInFlight: 20, pauseAfterHolding: .seconds(10)),
            logger: logger)

        let messages = await consume(consumer, count: 500)
        #expect(Set(messages.map { String(decoding: $0.value, as: UTF8.self) }).count == 500)
        #expect(consumer.backpressurePauses == 0, "no pause while records finished as they came")
        await consumer.close()
        await cluster.shutdown()
    }

    /// At the in-flight limit the consumer takes records again once a refill's room is free, in one batch:
    /// it took one record per finished record (a wake-up of the poll thread and a batch each).
    @Test func refillsTheInFlightLimitInOneBatch() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("refill", partitions: 2)
        try await produce(200, to: "refill", cluster: cluster)
        var configuration = consumerConfiguration(cluster, topic: "refill", group: "g5", maxInFlight: 40, pauseAfterHolding: .seconds(30))
        configuration.commitInterval = .seconds(1)  // the poll thread's waits last 100 ms
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        let batches = Mutex<[[KafkaMessage]]>([])
        let reader = Task {
            for await batch in consumer.batches { batches.withLock { $0.append(batch) } }
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while batches.withLock({ $0.joined().count }) < 40, clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(batches.withLock { $0.joined().count } == 40, "the limit handed out")
        let held = batches.withLock { Array($0.joined()) }
        let batchesAtLimit = batches.withLock { $0.count }

        for message in held.prefix(configuration.refillRoom) {
            consumer.finish(message)
            try await Task.sleep(for: .milliseconds(2))
        }
        while batches.withLock({ $0.joined().count }) < 40 + configuration.refillRoom, clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }

        let refills = batches.withLock { Array($0.dropFirst(batchesAtLimit)) }
        #expect(configuration.refillRoom == 10, "a quarter of the limit")
        #expect(refills.joined().count == 10)
        #expect(refills.count < 5, "the freed room refilled in one batch (two if a wait ran out), not one per record: \(refills.map(\.count))")
        consumer.stopFetching()
        await reader.value
        let unfinished = batches.withLock { $0.joined().dropFirst(configuration.refillRoom) }
        for message in unfinished { consumer.finish(message) }
        await consumer.close()
        await cluster.shutdown()
    }

    /// While the in-flight limit holds the poll thread, librdkafka fills its prefetch, then stops fetching and looks
    /// again only when its broker thread next wakes, up to a second later. Capped at 4 MB (about 8,000 tickets), the
    /// prefetch ran dry before that, and a saturated worker idled a third of the time (side_by_side's worker part
    /// over 200,000 tickets: 16,000 tickets/s, 26,000 once the prefetch held 30,000 records). The client must run
    /// with the record count of the configuration, bounded by 64 MB only.
    @Test func theClientPrefetchesTheConfiguredRecordCountBoundedBy64MB() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("prefetch", partitions: 1)
        for prefetch in [30_000, 5_000] {
            var configuration = consumerConfiguration(cluster, topic: "prefetch", group: "g-prefetch")
            configuration.prefetchMessages = prefetch
            let consumer = try KafkaConsumer(configuration: configuration, logger: logger)
            #expect(consumer.nativeProperty("queued.min.messages") == String(prefetch))
            #expect(consumer.nativeProperty("queued.max.messages.kbytes") == "65536")
            await consumer.close()
        }
        #expect(ConsumerConfiguration(kafka: KafkaConfiguration(bootstrapServers: ""), groupID: "g", topics: []).prefetchMessages == 30_000)
        await cluster.shutdown()
    }

    /// Records that stay in flight: the consumer takes no more than the limit, and pauses fetching
    /// once the limit was held longer than `pauseAfterHolding`.
    @Test func pausesFetchingWhileTooMuchIsInFlight() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("backpressure", partitions: 2)
        try await produce(500, to: "backpressure", cluster: cluster)
        let consumer = try KafkaConsumer(configuration: consumerConfiguration(cluster, topic: "backpressure", group: "g3", maxInFlight: 50, pauseAfterHolding: .milliseconds(200)),
            logger: logger)

        let held = Mutex<[KafkaMessage]>([])
        let reader = Task {
            for await batch in consumer.batches { held.withLock { $0.append(contentsOf: batch) } }
        }
        let clock = ContinuousClock()
        let joinDeadline = clock.now + .seconds(20)
        while held.withLock({ $0.count }) < 50 || consumer.backpressurePauses == 0, clock.now < joinDeadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(consumer.backpressurePauses == 1, "fetching paused once the limit was held for the hold period")
        let heldWhilePaused = held.withLock { $0.count }
        #expect(heldWhilePaused == 50, "no more than the in-flight limit handed out")
        #expect(consumer.inFlight == heldWhilePaused)

        var finished = 0
        let drainDeadline = clock.now + .seconds(30)
        while finished < 500, clock.now < drainDeadline {
            let batch = held.withLock { messages in
                defer { messages.removeAll() }
                return messages
            }
            for message in batch { consumer.finish(message) }
            finished += batch.count
            if batch.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(finished == 500, "fetching resumed as records finished")
        await consumer.close()
        reader.cancel()
        await cluster.shutdown()
    }
}
