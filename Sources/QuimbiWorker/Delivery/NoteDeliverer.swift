import Foundation
import Logging
import QuimbiHelpdesk
import QuimbiKafka
import ServiceLifecycle

/// `quimbi deliver`, a swift-service-lifecycle `Service`: a consumer group on the drafts and escalations
/// topics that writes each event as an internal note into the helpdesk its ticket came from.
///
/// A record's offset is marked finished only once its note is written (or found written before, see
/// ``DeliveryDeduplication``), or its dead letter acknowledged (`helpdesk_unauthorized`, `helpdesk_forbidden`,
/// `ticket_not_found`, `note_rejected`, `invalid_event`, and `helpdesk_rate_limited` / `helpdesk_unavailable` after
/// the sender's retry bound or when the helpdesk is failing with its backlog full). Records of tickets from no
/// configured helpdesk are skipped and counted. Offsets are committed per partition up to the first unfinished
/// record, and records finish in any order, so each helpdesk is a lane of its own (``DeliveryLane``): its own
/// ``DeliveryConfiguration/maxConcurrentNotes`` slots, its own backlog and its sender's own retry bound. A helpdesk
/// that is down holds back only its own notes (and the commit point, which costs a replay, not a duplicate).
public struct NoteDeliverer: Service {
    private let configuration: DeliveryConfiguration
    /// A lane per helpdesk, keyed by `source.system`.
    private let lanes: [String: DeliveryLane]
    private let records: EventRecords
    private let observer: (any DeliveryObserver)?
    private let logger: Logger
    private let deduplication: DeliveryDeduplication
    /// Not ready once a failure began stopping the deliverer.
    public let status = WorkerStatus()

    /// A deliverer writing through `senders`, keyed by helpdesk (`source.system`), recording deliveries in `log`
    /// when given (else relying on the markers in the helpdesks' notes).
    public init(
        configuration: DeliveryConfiguration, senders: [HelpdeskSystem: any NoteDelivering], log: (any DeliveryLog)? = nil,
        logger: Logger, observer: (any DeliveryObserver)? = nil
    ) {
        self.configuration = configuration
        self.lanes = Dictionary(uniqueKeysWithValues: senders.map { system, sender in
            (system.rawValue, DeliveryLane(sender: sender, concurrency: configuration.maxConcurrentNotes, backlog: configuration.maxQueuedNotes))
        })
        self.records = EventRecords(topics: configuration.topics, source: configuration.eventSource)
        self.observer = observer
        self.logger = logger
        self.deduplication = DeliveryDeduplication(
            log: log, logRetry: configuration.logRetry, logWait: configuration.logWait, clock: configuration.clock, logger: logger)
    }

    public func run() async throws {
        logger.info("deliverer started", metadata: ["helpdesks": "\(lanes.keys.sorted())", "group": "\(configuration.consumer.groupID)"])
        // Room for every lane's backlog and for the records that pass no lane (skipped, dead-lettered), so a full
        // lane never stops the consumer fetching for the others.
        var consumer = configuration.consumer
        consumer.maxInFlight = lanes.values.reduce(configuration.maxConcurrentNotes) { $0 + $1.backlog }
        let lifecycle = ConsumerGroupRun(
            consumer: consumer, producer: configuration.producer, maxConcurrent: consumer.maxInFlight,
            shutdownTimeout: configuration.shutdownTimeout, status: status, logger: logger)
        try await lifecycle.run { message, clients in await self.handle(message, clients) }
        logger.info("deliverer stopped")
    }

    /// Writes, skips or dead-letters one record; it stays unfinished (redelivered to the next owner) when the
    /// task is cancelled or the dead letter is not acknowledged.
    private func handle(_ message: KafkaMessage, _ clients: ConsumerGroupClients) async {
        let consumer = clients.consumer
        guard consumer.beginProcessing(message) else { return }
        switch DeliveryRoute.of(message, topics: configuration.topics, lanes: lanes) {
        case .skip(let system):
            observer?.noteSkipped(system: system)
            consumer.finish(message)
        case .deadLetter(let error, let system):
            await deadLetter(message, error, system: system, clients)
        case .write(let note, let system, let lane):
            switch await lane.run({ await write(note, system: system, lane: lane, message, clients) }) {
            case .ran: break
            case .cancelled: consumer.abandon(message)
            case .full:
                let error = DeliveryError(.unavailable, "\(system) is failing and holds \(lane.backlog) notes already")
                await deadLetter(message, error, system: system, clients)
            }
        }
    }

    /// Writes `note` with `lane`'s sender unless it was written before, and finishes or dead-letters its record; `lane`
    /// hears how the helpdesk answers.
    private func write(_ note: HelpdeskNote, system: String, lane: DeliveryLane, _ message: KafkaMessage, _ clients: ConsumerGroupClients) async {
        do throws(DeliveryError) {
            if try await deduplication.wasDelivered(note, sender: lane.sender, attempts: lane.attempted) {
                observer?.noteDelivered(system: system, duplicate: true)
                clients.consumer.finish(message)
                return
            }
            try await lane.sender.deliver(note, attempts: lane.attempted)
            await deduplication.recordDelivery(of: note, system: system)
            observer?.noteDelivered(system: system, duplicate: false)
            clients.consumer.finish(message)
        } catch {
            guard !Task.isCancelled, clients.consumer.isCurrent(message) else {
                clients.consumer.abandon(message)
                return
            }
            await deadLetter(message, error, system: system, clients)
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
        "NoteDeliverer(group: \(configuration.consumer.groupID), helpdesks: \(lanes.keys.sorted()))"
    }
}
