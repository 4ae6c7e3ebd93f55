import Logging
import QuimbiResilience
import Synchronization
import Testing
@testable import QuimbiKafka

/// How `KafkaProducer.send` fails: classified (retry later, give the record up, stop), and promptly
/// when its task is cancelled.
@Suite(.serialized) struct ProducerFailureTests {
    let logger = Logger(label: "test")

    private func producer(_ cluster: EmbeddedKafkaCluster, maxMessageBytes: Int = 1_000_000, deliveryTimeoutMilliseconds: Int = 30_000, properties: [String: String] = [:]) throws -> KafkaProducer {
        try KafkaProducer(
            configuration: ProducerConfiguration(
                kafka: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers, properties: properties),
                deliveryTimeoutMilliseconds: deliveryTimeoutMilliseconds, maxMessageBytes: maxMessageBytes),
            logger: logger)
    }

    private func record(_ topic: String, bytes: Int = 10) -> ProducerRecord {
        ProducerRecord(topic: topic, key: Array("k".utf8), value: Array(repeating: 0x61, count: bytes))
    }

    /// The code `send` failed with, or "delivered".
    private func outcome(_ producer: KafkaProducer, _ record: ProducerRecord) async -> String {
        do {
            _ = try await producer.send(record)
            return "delivered"
        } catch {
            return error.code
        }
    }

    @Test func aRecordOverTheSizeLimitIsRejectedForGood() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("sizes", partitions: 1)
        let producer = try producer(cluster, maxMessageBytes: 1_000)
        #expect(await outcome(producer, record("sizes", bytes: 2_000)) == "kafka_record_rejected")
        #expect(await outcome(producer, record("sizes", bytes: 100)) == "delivered")
        await producer.shutdown(timeout: .seconds(1))
        await cluster.shutdown()
    }

    @Test func recordsSentTogetherEachGetTheirOwnOutcomeInOrder() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("together", partitions: 1)
        let producer = try producer(cluster, maxMessageBytes: 1_000)
        let outcomes = await producer.send(all: [record("together"), record("together", bytes: 2_000), record("together")])
        #expect(outcomes.map { (try? $0.get()) != nil } == [true, false, true])
        #expect((try? outcomes[0].get().offset) == 0)
        #expect((try? outcomes[2].get().offset) == 1, "the rejected record took no offset")
        if case .failure(let error) = outcomes[1] { #expect(error.code == "kafka_record_rejected") }
        await producer.shutdown(timeout: .seconds(1))
        await cluster.shutdown()
    }

    /// Runs `body` with a producer on a fresh one-broker cluster holding `topic`, then shuts both down.
    private func withProducer(topic: String, maxMessageBytes: Int = 1_000_000, _ body: (KafkaProducer) async throws -> Void) async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic(topic, partitions: 1)
        let producer = try producer(cluster, maxMessageBytes: maxMessageBytes)
        try await body(producer)
        await producer.shutdown(timeout: .seconds(1))
        await cluster.shutdown()
    }

    @Test func recordsSentWithACompletionReportEveryOutcomeOnceInOrderWithoutAWaitingTask() async throws {
        try await withProducer(topic: "reported", maxMessageBytes: 1_000) { producer in
            let calls = CallCount()
            let reported = OneShot<[Result<DeliveryReport, UndeliveredRecord>]>()
            await producer.send(all: [record("reported"), record("reported", bytes: 2_000), record("reported")]) { outcomes in
                calls.add()
                reported.resume(with: .success(outcomes))
            }
            let outcomes = try await reported.value()
            #expect(outcomes.map { (try? $0.get().offset) ?? -1 } == [0, -1, 1])
            if case .failure(let undelivered) = outcomes[1] {
                #expect(undelivered.error.code == "kafka_record_rejected")
                #expect(undelivered.record.value.count == 2_000, "the record that could not be queued is handed back")
            }
            await producer.shutdown(timeout: .seconds(1))
            #expect(calls.value == 1, "the completion ran once")
        }
    }

    @Test func aCompletionOfNoRecordsRunsAtOnce() async throws {
        try await withProducer(topic: "none") { producer in
            let calls = CallCount()
            await producer.send(all: []) { outcomes in if outcomes.isEmpty { calls.add() } }
            #expect(calls.value == 1)
        }
    }

    @Test func recordsNotYetQueuedWhenTheirTaskIsCancelledAreReportedCancelled() async throws {
        try await withProducer(topic: "cancelled") { producer in
            let outcomes = OneShot<[Result<DeliveryReport, UndeliveredRecord>]>()
            let sending = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                await producer.send(all: [record("cancelled"), record("cancelled")]) { outcomes.resume(with: .success($0)) }
            }
            await sending.value
            let reported = try await outcomes.value()
            #expect(reported.map { result -> String in
                guard case .failure(let undelivered) = result else { return "delivered" }
                return undelivered.error.code
            } == ["kafka_cancelled", "kafka_cancelled"])
        }
    }

    /// A sender that learns of its records' outcomes in a completion does not keep them (the worker's tickets
    /// waiting for acknowledgements would hold every output twice): a record the brokers refuse comes back from
    /// librdkafka's copy as it was sent, to be sent again or dead-lettered.
    @Test func aRecordTheBrokersRefuseIsHandedBackAsItWasSent() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("refused", partitions: 2)
        let producer = try producer(cluster)
        let sent = [
            ProducerRecord(
                topic: "refused", partition: 1, key: Array("ticket-7".utf8), value: Array(#"{"draft":"é"}"#.utf8),
                headers: [KafkaHeader(name: "ce_id", text: "draft:7"), KafkaHeader(name: "empty", value: [])]),
            ProducerRecord(topic: "refused", key: nil, value: Array("unkeyed".utf8)),
        ]
        try cluster.pushRequestErrors(.produce, ["TOPIC_AUTHORIZATION_FAILED", "TOPIC_AUTHORIZATION_FAILED"])
        let reported = OneShot<[Result<DeliveryReport, UndeliveredRecord>]>()
        await producer.send(all: sent) { reported.resume(with: .success($0)) }
        let handedBack = try await reported.value().map { outcome -> UndeliveredRecord? in
            guard case .failure(let undelivered) = outcome else { return nil }
            return undelivered
        }
        #expect(handedBack.map { $0?.error.code } == ["kafka_record_rejected", "kafka_record_rejected"])
        for (original, returned) in zip(sent, handedBack.map { $0?.record }) {
            #expect(returned?.topic == original.topic)
            #expect(returned?.partition == original.partition, "the partition asked for, not the one chosen")
            #expect(returned?.key == original.key)
            #expect(returned?.value == original.value)
            #expect(returned?.headers == original.headers)
        }
        await producer.shutdown(timeout: .seconds(1))
        await cluster.shutdown()
    }

    @Test(arguments: ["MSG_SIZE_TOO_LARGE", "TOPIC_AUTHORIZATION_FAILED"])
    func aPermanentBrokerErrorRejectsTheRecord(error: String) async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("rejects", partitions: 1)
        try cluster.createTopic("others", partitions: 1)
        let producer = try producer(cluster)
        #expect(await outcome(producer, record("rejects")) == "delivered")
        #expect(await outcome(producer, record("others")) == "delivered")
        try cluster.pushRequestErrors(.produce, [error])
        #expect(await outcome(producer, record("rejects")) == "kafka_record_rejected")
        #expect(await outcome(producer, record("others")) == "delivered", "the producer goes on")
        #expect(producer.raisedFatalError == nil)
        await producer.shutdown(timeout: .seconds(1))
        await cluster.shutdown()
    }

    @Test func aMovingLeaderIsRetriedByLibrdkafkaAndTheRecordDelivered() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("leaders", partitions: 1)
        let producer = try producer(cluster)
        #expect(await outcome(producer, record("leaders")) == "delivered")
        try cluster.pushRequestErrors(.produce, ["NOT_LEADER_FOR_PARTITION", "NOT_LEADER_FOR_PARTITION", "_TRANSPORT"])
        #expect(await outcome(producer, record("leaders")) == "delivered")
        await producer.shutdown(timeout: .seconds(1))
        await cluster.shutdown()
    }

    @Test func aFatalIdempotenceErrorFailsEverySendAsFatal() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("fatal", partitions: 1)
        try cluster.pushRequestErrors(.initProducerID, ["CLUSTER_AUTHORIZATION_FAILED"])
        let producer = try producer(cluster)
        #expect(await outcome(producer, record("fatal")) == "kafka_producer_fatal")
        #expect(await outcome(producer, record("fatal")) == "kafka_producer_fatal")
        #expect(producer.raisedFatalError?.code == "kafka_producer_fatal")
        await producer.shutdown(timeout: .seconds(1))
        await cluster.shutdown()
    }

    @Test func cancellingASendThatAwaitsItsDeliveryEndsItAtOnce() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("down", partitions: 1)
        let producer = try producer(cluster, deliveryTimeoutMilliseconds: 8_000)
        #expect(await outcome(producer, record("down")) == "delivered")
        try cluster.setBrokerDown(1)
        let waiting = Task { await outcome(producer, record("down")) }
        while producer.outstanding == 0 { try await Task.sleep(for: .milliseconds(5)) }
        waiting.cancel()
        #expect(await waiting.value == "kafka_cancelled", "not the delivery timeout 8 s later")
        await producer.shutdown(timeout: .milliseconds(100))
        await cluster.shutdown()
    }

    @Test func cancellingASendThatWaitsForQueueSpaceEndsItAtOnce() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("full", partitions: 1)
        let producer = try producer(cluster, deliveryTimeoutMilliseconds: 4_000, properties: ["queue.buffering.max.messages": "1"])
        #expect(await outcome(producer, record("full")) == "delivered")
        try cluster.setBrokerDown(1)
        let first = Task { await outcome(producer, record("full")) }
        while producer.outstanding == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let queued = Task { await outcome(producer, record("full")) }
        try await Task.sleep(for: .milliseconds(50))
        queued.cancel()
        #expect(await queued.value == "kafka_cancelled", "not queued once the first times out, then timed out itself")
        first.cancel()
        _ = await first.value
        await producer.shutdown(timeout: .milliseconds(100))
        await cluster.shutdown()
    }

    /// Sends racing the shutdown must each end (delivered, or refused as shutting down or cancelled)
    /// and never reach librdkafka after the client is destroyed.
    @Test func sendsRacingTheShutdownEndCleanly() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("race", partitions: 4)
        for _ in 0..<5 {
            let producer = try producer(cluster)
            let senders = (0..<8).map { _ in
                Task {
                    var seen: [String: Int] = [:]
                    while true {
                        let result = await outcome(producer, record("race"))
                        seen[result, default: 0] += 1
                        if result == "kafka_shutting_down" { return seen }
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(30))
            await producer.shutdown(timeout: .milliseconds(200))
            var seen: [String: Int] = [:]
            for sender in senders { seen.merge(await sender.value, uniquingKeysWith: +) }
            #expect(Set(seen.keys).isSubset(of: ["delivered", "kafka_shutting_down", "kafka_delivery_failed"]), "\(seen)")
            #expect(seen["kafka_shutting_down"] == 8)
        }
        await cluster.shutdown()
    }
}

/// Counts the calls of a completion, from any thread.
private final class CallCount: Sendable {
    private let count = Atomic<Int>(0)

    func add() { count.add(1, ordering: .relaxed) }

    var value: Int { count.load(ordering: .relaxed) }
}
