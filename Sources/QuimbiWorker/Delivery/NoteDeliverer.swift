import Foundation
import Logging
import QuimbiHelpdesk
import QuimbiKafka
import ServiceLifecycle

/// `quimbi deliver`, a swift-service-lifecycle `Service`: a consumer group on the drafts and escalations
/// topics that writes each event as an internal note into the helpdesk its ticket came from.
///
/// A record's offset is marked finished only once its note is written, or its dead letter acknowledged
/// (`helpdesk_unauthorized`, `helpdesk_forbidden`, `ticket_not_found`, `note_rejected`, `invalid_event`, and
/// `helpdesk_rate_limited` / `helpdesk_unavailable` after the sender's retry bound). Records of tickets from no
/// configured helpdesk are skipped and counted. Notes are written concurrently, up to
/// ``DeliveryConfiguration/maxConcurrentNotes`` from one pool: a helpdesk that is down keeps its notes' slots for
/// up to its sender's retry bound, slowing the others; a deliverer per helpdesk (own group) isolates them.
public struct NoteDeliverer: Service {
    private let configuration: DeliveryConfiguration
    private let senders: [String: any NoteDelivering]
    private let records: EventRecords
    private let observer: (any DeliveryObserver)?
    private let logger: Logger
    private let delivered = DeliveredEvents(capacity: 100_000)
    /// Not ready once a failure began stopping the deliverer.
    public let status = WorkerStatus()

    /// A deliverer writing through `senders`, keyed by helpdesk (`source.system`).
    public init(
        configuration: DeliveryConfiguration, senders: [HelpdeskSystem: any NoteDelivering], logger: Logger,
        observer: (any DeliveryObserver)? = nil
    ) {
        self.configuration = configuration
        self.senders = Dictionary(uniqueKeysWithValues: senders.map { ($0.key.rawValue, $0.value) })
        self.records = EventRecords(topics: configuration.topics, source: configuration.eventSource)
        self.observer = observer
        self.logger = logger
    }

    public func run() async throws {
        logger.info("deliverer started", metadata: ["helpdesks": "\(senders.keys.sorted())", "group": "\(configuration.consumer.groupID)"])
        let lifecycle = ConsumerGroupRun(
            consumer: configuration.consumer, producer: configuration.producer, maxConcurrent: configuration.maxConcurrentNotes,
            shutdownTimeout: configuration.shutdownTimeout, status: status, logger: logger)
        try await lifecycle.run { message, clients in await self.handle(message, clients) }
        logger.info("deliverer stopped")
    }

    /// Writes, skips or dead-letters one record; it stays unfinished (redelivered to the next owner) when the
    /// task is cancelled or the dead letter is not acknowledged.
    private func handle(_ message: KafkaMessage, _ clients: ConsumerGroupClients) async {
        let consumer = clients.consumer
        guard consumer.beginProcessing(message) else { return }
        switch DeliveryRoute.of(message, topics: configuration.topics, senders: senders) {
        case .skip(let system):
            observer?.noteSkipped(system: system)
            consumer.finish(message)
        case .deadLetter(let error, let system):
            await deadLetter(message, error, system: system, clients)
        case .write(let note, let system, let sender):
            if delivered.contains(note.eventID) {
                observer?.noteDelivered(system: system, duplicate: true)
                consumer.finish(message)
                return
            }
            do throws(DeliveryError) {
                try await sender.deliver(note)
                delivered.insert(note.eventID)
                observer?.noteDelivered(system: system, duplicate: false)
                consumer.finish(message)
            } catch {
                guard !Task.isCancelled, consumer.isCurrent(message) else {
                    consumer.abandon(message)
                    return
                }
                await deadLetter(message, error, system: system, clients)
            }
        }
    }

    private func deadLetter(_ message: KafkaMessage, _ error: DeliveryError, system: String, _ clients: ConsumerGroupClients) async {
        logger.error("dead-lettering an event whose note could not be written", metadata: [
            "code": "\(error.code)", "error": "\(error.message)", "helpdesk": "\(system)", "partition": "\(message.topicPartition)",
            "offset": "\(message.offset)",
        ])
        do {
            _ = try await clients.producer.send(try records.deadLetter(for: message, code: error.code, message: error.message))
            observer?.noteDeadLettered(system: system, code: error.code)
            clients.consumer.finish(message)
        } catch {
            clients.consumer.abandon(message)
            clients.stop.fail(WorkerFailure(.deadLetterFailed, "dead letter of \(message.topicPartition)@\(message.offset) not sent: \(error)"))
        }
    }
}

extension NoteDeliverer: CustomStringConvertible {
    public var description: String {
        "NoteDeliverer(group: \(configuration.consumer.groupID), helpdesks: \(senders.keys.sorted()))"
    }
}
