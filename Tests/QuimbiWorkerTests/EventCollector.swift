import Foundation
import Logging
import QuimbiCore
import QuimbiKafka
import QuimbiWorker
import Synchronization

/// Reads the worker's output topics from the beginning, in the background, for assertions.
final class EventCollector: Sendable {
    struct Received: Sendable {
        var topic: String
        var key: String?
        var value: Data
        var headers: [KafkaHeader]
        /// When this collector read it.
        var receivedAt: Date
    }

    private let received = Locked<[Received]>([])
    private let consumer: KafkaConsumer
    private let task: Task<Void, Never>
    let topics: WorkerTopics

    init(brokers: String, topics: WorkerTopics = WorkerTopics(), properties: [String: String] = [:]) throws {
        self.topics = topics
        let consumer = try KafkaConsumer(
            configuration: ConsumerConfiguration(
                kafka: KafkaConfiguration(bootstrapServers: brokers, properties: properties), groupID: "collector-\(UUID().uuidString)",
                topics: [topics.drafts, topics.escalations, topics.deadLetters], maxInFlight: 1_000_000,
                sessionTimeout: .seconds(6), fetchWaitMax: .milliseconds(5)),
            logger: Logger(label: "collector"))
        self.consumer = consumer
        let received = received
        task = Task {
            for await batch in consumer.batches {
                for message in batch {
                    consumer.finish(message)
                    received.withLock {
                        $0.append(Received(
                            topic: message.topicPartition.topic, key: message.key.map { String(decoding: $0, as: UTF8.self) },
                            value: Data(message.value), headers: message.headers, receivedAt: Date()))
                    }
                }
            }
        }
    }

    func all(_ topic: String) -> [Received] {
        received.withLock { $0.filter { $0.topic == topic } }
    }

    func drafts() throws -> [DraftResponse] {
        let decoder = QuimbiJSON.makeDecoder()
        return try all(topics.drafts).map { try decoder.decode(DraftResponse.self, from: $0.value) }
    }

    func escalations() throws -> [Escalation] {
        let decoder = QuimbiJSON.makeDecoder()
        return try all(topics.escalations).map { try decoder.decode(Escalation.self, from: $0.value) }
    }

    func deadLetters() throws -> [DeadLetter] {
        let decoder = QuimbiJSON.makeDecoder()
        return try all(topics.deadLetters).map { try decoder.decode(DeadLetter.self, from: $0.value) }
    }

    /// Ticket ids with at least one draft.
    func draftedTicketIDs() -> Set<String> {
        Set(all(topics.drafts).compactMap(\.key))
    }

    func close() async {
        await consumer.close()
        task.cancel()
    }
}

/// Publishes ticket events the way a helpdesk webhook would.
struct TicketPublisher {
    let producer: KafkaProducer
    let topic: String

    init(brokers: String, topic: String = WorkerTopics().ticketsCreated, properties: [String: String] = [:]) throws {
        producer = try KafkaProducer(
            configuration: ProducerConfiguration(kafka: KafkaConfiguration(bootstrapServers: brokers, properties: properties), maxMessageBytes: 4_000_000),
            logger: Logger(label: "publisher"))
        self.topic = topic
    }

    @discardableResult
    func publish(_ ticket: TicketCreated, headers: [KafkaHeader] = []) async throws -> DeliveryReport {
        try await producer.send(ProducerRecord(
            topic: topic, key: Array(ticket.ticketID.utf8), value: Array(try QuimbiJSON.makeEncoder().encode(ticket)), headers: headers))
    }

    func publishRaw(_ payload: [UInt8], key: String) async throws {
        _ = try await producer.send(ProducerRecord(topic: topic, key: Array(key.utf8), value: payload))
    }

    /// Publishes tickets at about `perSecond`, so that a stream is still flowing while a test acts on it.
    func publishPaced(_ tickets: [TicketCreated], perSecond: Int) async throws {
        let chunk = max(1, perSecond / 10)
        for start in stride(from: 0, to: tickets.count, by: chunk) {
            try await publish(Array(tickets[start..<min(start + chunk, tickets.count)]))
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Publishes tickets concurrently in chunks.
    func publish(_ tickets: [TicketCreated]) async throws {
        for chunk in stride(from: 0, to: tickets.count, by: 200).map({ Array(tickets[$0..<min($0 + 200, tickets.count)]) }) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for ticket in chunk { group.addTask { try await self.publish(ticket) } }
                try await group.waitForAll()
            }
        }
    }
}
