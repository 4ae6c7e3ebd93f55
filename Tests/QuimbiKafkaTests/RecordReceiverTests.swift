import Logging
import Synchronization
import Testing
@testable import QuimbiKafka

/// A consumer made with a ``RecordReceiver`` hands it every record, on the poll thread, and tells it when fetching stopped.
@Suite struct RecordReceiverTests {
    /// Collects what the poll thread hands it; signals once `expected` records came, and when finished.
    final class CollectingReceiver: RecordReceiver {
        let records = Mutex<[KafkaMessage]>([])
        let allReceived = OneShotSignal()
        let finished = OneShotSignal()
        let expected: Int

        init(expected: Int) { self.expected = expected }

        func receive(_ batch: [KafkaMessage]) {
            let count = records.withLock { $0.append(contentsOf: batch); return $0.count }
            if count >= expected { allReceived.signal() }
        }

        func finish() { finished.signal() }
    }

    /// Waits for `signal`, at most 30 seconds; returns whether it came.
    private func waitFor(_ signal: OneShotSignal) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await signal.wait(); return true }
            group.addTask { try? await Task.sleep(for: .seconds(30)); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    @Test func theReceiverGetsEveryRecordAndIsToldWhenFetchingStops() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        let kafka = KafkaConfiguration(
            bootstrapServers: cluster.bootstrapServers, properties: ["session.timeout.ms": "6000", "heartbeat.interval.ms": "500"])
        try cluster.createTopic("received", partitions: 3)
        let producer = try KafkaProducer(configuration: ProducerConfiguration(kafka: kafka), logger: Logger(label: "test"))
        let outcomes = await producer.send(all: (0..<60).map { ProducerRecord(topic: "received", key: nil, value: Array("v\($0)".utf8)) })
        #expect(outcomes.allSatisfy { (try? $0.get()) != nil })
        await producer.shutdown()

        let receiver = CollectingReceiver(expected: 60)
        let consumer = try KafkaConsumer(
            configuration: ConsumerConfiguration(kafka: kafka, groupID: "receiver", topics: ["received"]), logger: Logger(label: "test"),
            receiver: receiver)
        #expect(await waitFor(receiver.allReceived), "every record reached the receiver")
        let received = receiver.records.withLock { $0 }
        #expect(Set(received.map { String(decoding: $0.value, as: UTF8.self) }) == Set((0..<60).map { "v\($0)" }))
        for record in received { consumer.finish(record) }
        #expect(!receiver.finished.isSet)

        consumer.stopFetching()
        #expect(await waitFor(receiver.finished), "stopping fetching finishes the receiver")
        var streamed = 0
        for await batch in consumer.batches { streamed += batch.count }
        #expect(streamed == 0, "records go to the receiver, not to the stream")
        await consumer.close()
        await cluster.shutdown()
    }
}
