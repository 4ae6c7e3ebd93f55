import Foundation
import Logging
import QuimbiCore
import QuimbiKafka
import QuimbiResilience
import QuimbiWorker
import Testing

/// A processor whose draft for one ticket holds a non-finite number, which JSON cannot encode.
struct NonFiniteDraft: TicketProcessing {
    let ticketID: String
    let inner = EmbeddedWorker.sampleProcessor()

    func process(_ payload: [UInt8], receivedAt: Date) async -> TicketResult {
        let result = await inner.process(payload, receivedAt: receivedAt)
        guard case .drafted(var draft, let escalation) = result, draft.ticketID == ticketID else { return result }
        draft.timing.totalMs = .nan
        return .drafted(draft, escalation)
    }
}

/// A processor that reports each ticket it processed, so a test knows when publishing began, and
/// which tickets it drafted, so a test can tell a ticket the worker never read from one it lost later.
struct ReportingProcessor: TicketProcessing {
    let processed = Locked(0)
    let drafted = DraftedTicketIDs()
    let inner = EmbeddedWorker.sampleProcessor()

    func process(_ payload: [UInt8], receivedAt: Date) async -> TicketResult {
        let result = await inner.process(payload, receivedAt: receivedAt)
        drafted.ticketFinished(FinishedTicket(result))
        processed.withLock { $0 += 1 }
        return result
    }
}

/// The ticket ids of the drafts among the results noted; as a worker's observer, of the drafts the brokers
/// acknowledged.
final class DraftedTicketIDs: TicketObserver {
    private let ids = Locked<Set<String>>([])

    func ticketFinished(_ ticket: FinishedTicket) {
        if let ticketID = ticket.ticketID { ids.withLock { _ = $0.insert(ticketID) } }
    }

    var all: Set<String> { ids.withLock { $0 } }
}

/// The value of `operation`, or a failure when it takes longer than `limit` (so that a worker that
/// never ends fails the test instead of hanging it; the operation is then left running).
func within<T: Sendable>(_ limit: Duration, _ what: String, _ operation: @escaping @Sendable () async -> T) async throws -> T {
    let outcome = Locked<T?>(nil)
    Task {
        let value = await operation()
        outcome.withLock { $0 = value }
    }
    try await waitUntil(timeout: limit, what) { outcome.withLock { $0 != nil } }
    return outcome.withLock { $0 }!
}

/// How the worker copes when its outputs cannot be encoded or Kafka refuses them: dead letters for
/// what can never go through, back-off for what may later, a non-zero end when the producer is lost.
@Suite(.serialized) struct WorkerPublishFailureTests {
    /// Publishes `tickets` one after another (so their offsets follow their order).
    private func publishInOrder(_ tickets: [TicketCreated], _ publisher: TicketPublisher) async throws {
        for ticket in tickets { try await publisher.publish(ticket) }
    }

    /// After the worker of `group` stopped: publishes a sentinel ticket and returns the id of the first
    /// ticket a new member of the group reads (the sentinel when every earlier offset was committed).
    private func firstTicketReadAgain(_ cluster: EmbeddedKafkaCluster, group: String, _ publisher: TicketPublisher) async throws -> String? {
        try await publisher.publish(seedTickets(1, prefix: "SENTINEL")[0])
        let consumer = try KafkaConsumer(
            configuration: ConsumerConfiguration(
                kafka: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers), groupID: group,
                topics: [WorkerTopics().ticketsCreated], fetchWaitMax: .milliseconds(5)),
            logger: Logger(label: "reader"))
        let first = try await within(.seconds(30), "reading the tickets topic again") { () -> KafkaMessage? in
            for await batch in consumer.batches {
                for message in batch { consumer.abandon(message) }
                if let message = batch.first { return message }
            }
            return nil
        }
        await consumer.close()
        return first?.key.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Two brokers: the tickets topic and `group`'s coordinator on broker 1, the output topics on
    /// broker 2, so that taking broker 2 down stops publishing but not consuming.
    private func outputsOnTheirOwnBroker(group: String) throws -> EmbeddedKafkaCluster {
        let cluster = try EmbeddedKafkaCluster.withWorkerTopics(brokers: 2, partitions: 1)
        for topic in WorkerTopics().all {
            try cluster.setPartitionLeader(topic: topic, partition: 0, broker: topic == WorkerTopics().ticketsCreated ? 1 : 2)
        }
        try cluster.setGroupCoordinator(group: group, broker: 1)
        return cluster
    }

    @Test func aTicketWhoseDraftCannotBeEncodedIsDeadLetteredAndItsPartitionKeepsCommitting() async throws {
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(partitions: 1))
        let (cluster, publisher, collector) = (rig.cluster, rig.publisher, rig.collector)
        let worker = EmbeddedWorker(cluster: cluster, groupID: "encode", processor: NonFiniteDraft(ticketID: "ENC-1"))
        try await publishInOrder(seedTickets(3, prefix: "ENC"), publisher)
        try await waitUntil(timeout: .seconds(30), "two drafts and a dead letter") {
            collector.draftedTicketIDs() == ["ENC-0", "ENC-2"] && !collector.all(collector.topics.deadLetters).isEmpty
        }
        let letter = try #require(try collector.deadLetters().first)
        #expect(letter.error.code == "encode_failed" && letter.original.key == "ENC-1" && letter.original.offset == 1)
        #expect(try SchemaValidator.validate(collector.all(collector.topics.deadLetters).map(\.value), schema: "dead-letter.v1.json").allSatisfy { $0 == nil })
        #expect(await worker.stop() == nil)
        #expect(try await firstTicketReadAgain(cluster, group: "encode", publisher) == "SENTINEL-0", "committed past the dead-lettered ticket")
        await rig.close()
    }

    @Test func draftsKafkaRefusesForGoodSendTheirTicketsToTheDeadLetterTopic() async throws {
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(partitions: 1))
        let (cluster, publisher, collector) = (rig.cluster, rig.publisher, rig.collector)
        let tickets = seedTickets(4, prefix: "AUTH")
        try await publishInOrder(tickets, publisher)
        // The worker's first Produce request (drafts) is refused; librdkafka then refuses the topic for good.
        try cluster.pushRequestErrors(.produce, ["TOPIC_AUTHORIZATION_FAILED"])
        let worker = EmbeddedWorker(cluster: cluster, groupID: "refused")
        try await waitUntil(timeout: .seconds(30), "a dead letter per ticket") {
            collector.all(collector.topics.deadLetters).count >= tickets.count
        }
        let letters = try collector.deadLetters()
        #expect(Set(letters.compactMap(\.original.key)) == Set(tickets.map(\.ticketID)))
        #expect(letters.allSatisfy { $0.error.code == "publish_failed" && $0.error.message.contains("kafka_record_rejected") })
        #expect(try SchemaValidator.validate(collector.all(collector.topics.deadLetters).map(\.value), schema: "dead-letter.v1.json").allSatisfy { $0 == nil })
        #expect(worker.worker.status.failure == nil, "one refused topic does not stop the worker")
        #expect(await worker.stop() == nil)
        #expect(try await firstTicketReadAgain(cluster, group: "refused", publisher) == "SENTINEL-0")
        await rig.close()
    }

    @Test func aDraftOverTheRecordSizeLimitSendsItsTicketToTheDeadLetterTopic() async throws {
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(partitions: 1))
        let (cluster, publisher, collector) = (rig.cluster, rig.publisher, rig.collector)
        // A draft (with its prompt) is several KiB; the ticket's dead letter is far smaller.
        let worker = EmbeddedWorker(cluster: cluster, groupID: "oversized", maxMessageBytes: 2_500)
        try await publishInOrder(seedTickets(2, prefix: "BIG"), publisher)
        try await waitUntil(timeout: .seconds(30), "two dead letters") { collector.all(collector.topics.deadLetters).count >= 2 }
        let letters = try collector.deadLetters()
        #expect(letters.allSatisfy { $0.error.code == "publish_failed" }, "\(letters.map(\.error))")
        #expect(collector.all(collector.topics.drafts).isEmpty)
        #expect(await worker.stop() == nil)
        await rig.close()
    }

    @Test func produceErrorsLibrdkafkaRetriesEndInDrafts() async throws {
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(partitions: 2))
        let (cluster, publisher, collector) = (rig.cluster, rig.publisher, rig.collector)
        let tickets = seedTickets(20, prefix: "LEAD")
        try await publisher.publish(tickets)
        try cluster.pushRequestErrors(.produce, ["NOT_LEADER_FOR_PARTITION", "NOT_ENOUGH_REPLICAS", "_TRANSPORT", "REQUEST_TIMED_OUT"])
        let worker = EmbeddedWorker(cluster: cluster, groupID: "leaders")
        try await waitUntil(timeout: .seconds(30), "every ticket drafted") {
            collector.draftedTicketIDs().isSuperset(of: tickets.map(\.ticketID))
        }
        #expect(collector.all(collector.topics.deadLetters).isEmpty)
        #expect(await worker.stop() == nil)
        await rig.close()
    }

    @Test func timedOutDeliveriesAreSentAgainAfterAGrowingBackOff() async throws {
        let rig = try KafkaRig(try outputsOnTheirOwnBroker(group: "backoff"))
        let (cluster, publisher, collector) = (rig.cluster, rig.publisher, rig.collector)
        try await publisher.publish(seedTickets(1, prefix: "SLOW")[0])
        try cluster.setBrokerDown(2)
        let waits = Locked<[Duration]>([])
        let retry = RetryPolicy(
            maxAttempts: .max, initialBackoff: .milliseconds(100), maximumBackoff: .milliseconds(250), jitter: .proportional(0.5...1.0),
            random: RandomSource { 0.5 })
        // The injected sleep: no real wait; the outage ends after the fourth back-off (the reconnection
        // may cost another attempt).
        let sleep: @Sendable (Duration) async -> Void = { wait in
            if waits.withLock({ $0.append(wait); return $0.count }) == 4 { try? cluster.setBrokerUp(2) }
        }
        let worker = EmbeddedWorker(cluster: cluster, groupID: "backoff", deliveryTimeoutMilliseconds: 300, publishRetry: retry, publishBackoffSleep: sleep)
        try await waitUntil(timeout: .seconds(30), "the draft after the outage") { collector.draftedTicketIDs() == ["SLOW-0"] }
        let recorded = waits.withLock { $0 }
        #expect(recorded.prefix(4) == [.milliseconds(75), .milliseconds(150), .milliseconds(187.5), .milliseconds(187.5)], "\(recorded)")
        #expect(recorded.allSatisfy { $0 == .milliseconds(187.5) || $0 < .milliseconds(187.5) }, "capped")
        #expect(await worker.stop() == nil)
        await rig.close()
    }

    @Test func aFatalProducerErrorEndsTheWorkerWithAnErrorAndANewWorkerLosesNoTicket() async throws {
        let rig = try KafkaRig(try EmbeddedKafkaCluster.withWorkerTopics(partitions: 2))
        let (cluster, publisher, collector) = (rig.cluster, rig.publisher, rig.collector)
        let tickets = seedTickets(10, prefix: "FATAL")
        try await publisher.publish(tickets)
        try cluster.pushRequestErrors(.initProducerID, ["CLUSTER_AUTHORIZATION_FAILED"])
        let doomed = EmbeddedWorker(cluster: cluster, groupID: "fatal", shutdownTimeout: .seconds(3))
        let error = try await within(.seconds(30), "the worker's end") { await doomed.ended() }
        #expect((error as? WorkerFailure)?.reason == .producerFatal, "\(String(describing: error))")
        #expect(doomed.worker.status.failure?.reason == .producerFatal, "not ready")
        #expect(collector.all(collector.topics.drafts).isEmpty)

        let successor = EmbeddedWorker(cluster: cluster, groupID: "fatal")
        try await waitUntil(timeout: .seconds(30), "every ticket drafted by the successor") {
            collector.draftedTicketIDs().isSuperset(of: tickets.map(\.ticketID))
        }
        #expect(await successor.stop() == nil)
        await rig.close()
    }

    @Test func anIdleWorkerEndsWithAnErrorWhenItsProducerRaisesAFatalError() async throws {
        // No other producer on this cluster: the injected error must reach the worker's.
        let cluster = try EmbeddedKafkaCluster.withWorkerTopics(partitions: 1)
        try cluster.pushRequestErrors(.initProducerID, ["CLUSTER_AUTHORIZATION_FAILED"])
        let idle = EmbeddedWorker(cluster: cluster, groupID: "idle", shutdownTimeout: .seconds(3))
        let error = try await within(.seconds(30), "the worker's end") { await idle.ended() }
        #expect((error as? WorkerFailure)?.reason == .producerFatal, "\(String(describing: error))")
        await cluster.shutdown()
    }

    @Test func theShutdownBoundHoldsWhileADeliveryIsAwaited() async throws {
        let rig = try KafkaRig(try outputsOnTheirOwnBroker(group: "bound"))
        let (cluster, publisher) = (rig.cluster, rig.publisher)
        try await publisher.publish(seedTickets(1, prefix: "HELD")[0])
        try cluster.setBrokerDown(2)
        let processor = ReportingProcessor()
        let worker = EmbeddedWorker(
            cluster: cluster, groupID: "bound", processor: processor, deliveryTimeoutMilliseconds: 20_000, shutdownTimeout: .seconds(2))
        try await waitUntil(timeout: .seconds(30), "the ticket processed") { processor.processed.withLock { $0 } == 1 }
        let started = ContinuousClock.now
        let error = try await within(.seconds(15), "the graceful shutdown") { await worker.stop() }
        #expect(error == nil)
        #expect(ContinuousClock.now - started < .seconds(5), "the 2 s bound (with slack), not the 20 s delivery timeout")
        await rig.close()
    }
}
