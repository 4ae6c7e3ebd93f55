import Foundation
import Logging
import QuimbiCore
import QuimbiKafka
import QuimbiResilience
import ServiceLifecycle

/// Settings of the ticket worker.
public struct WorkerConfiguration: Sendable {
    public var consumer: ConsumerConfiguration
    public var producer: ProducerConfiguration
    public var topics: WorkerTopics
    /// Tickets processed at the same time. A ticket whose outputs are queued no longer counts: its
    /// delivery reports finish it without a task (the consumer's ``ConsumerConfiguration/maxInFlight``
    /// bounds those).
    public var maxConcurrentTickets: Int
    /// Upper bound of a graceful shutdown: drain, flush, commit, close. A failure that stops the
    /// worker drains within the same bound.
    public var shutdownTimeout: Duration
    /// CloudEvents `source` of the published events.
    public var eventSource: String
    /// Back-off between attempts to publish a ticket's outputs after retriable failures (delivery timed
    /// out, brokers unreachable); attempts go on while the ticket's partition is still ours.
    public var publishRetry: RetryPolicy
    /// Waits out a publish back-off. The default sleeps; tests pass one that records the waits.
    public var publishBackoffSleep: @Sendable (Duration) async -> Void

    public init(
        consumer: ConsumerConfiguration, producer: ProducerConfiguration, topics: WorkerTopics,
        maxConcurrentTickets: Int = 128, shutdownTimeout: Duration = .seconds(20), eventSource: String = "/quimbi/worker",
        publishRetry: RetryPolicy = .untilStopped,
        publishBackoffSleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) {
        self.consumer = consumer
        self.producer = producer
        self.topics = topics
        self.maxConcurrentTickets = maxConcurrentTickets
        self.shutdownTimeout = shutdownTimeout
        self.eventSource = eventSource
        self.publishRetry = publishRetry
        self.publishBackoffSleep = publishBackoffSleep
    }
}

/// The ticket worker, a swift-service-lifecycle `Service`: consumes ticket-created events, processes
/// many at once (bounded), publishes drafts, escalations and dead letters, and marks a ticket's offset
/// finished only after every output is acknowledged by the brokers (in the producer's delivery report:
/// no task waits for a ticket's acknowledgements).
///
/// Publishing failures: a retriable one is retried with back-off (``WorkerConfiguration/publishRetry``); an output Kafka
/// refuses for good, or one that cannot be encoded, sends the ticket to the dead-letter topic
/// (`publish_failed`, `encode_failed`); a fatal producer error stops the worker: ``status`` turns
/// not ready, in-flight tickets drain within ``WorkerConfiguration/shutdownTimeout``, and `run` throws
/// a ``WorkerFailure``.
///
/// Graceful shutdown: stop fetching → finish in-flight tickets → flush → commit → close, within
/// ``WorkerConfiguration/shutdownTimeout``.
public struct TicketWorker: Service {
    private let configuration: WorkerConfiguration
    private let processor: any TicketProcessing
    private let records: EventRecords
    private let logger: Logger
    private let observer: (any TicketObserver)?
    /// Not ready once a failure began stopping the worker.
    public let status = WorkerStatus()

    public init(configuration: WorkerConfiguration, processor: any TicketProcessing, logger: Logger, observer: (any TicketObserver)? = nil) {
        self.configuration = configuration
        self.processor = processor
        self.records = EventRecords(topics: configuration.topics, source: configuration.eventSource)
        self.logger = logger
        self.observer = observer
    }

    public func run() async throws {
        logger.info("worker started", metadata: ["topic": "\(configuration.topics.ticketsCreated)", "group": "\(configuration.consumer.groupID)"])
        let lifecycle = ConsumerGroupRun(
            consumer: configuration.consumer, producer: configuration.producer, maxConcurrent: configuration.maxConcurrentTickets,
            shutdownTimeout: configuration.shutdownTimeout, status: status, logger: logger)
        do {
            try await lifecycle.run { message, clients in await self.handle(message, clients) }
        } catch let failure as WorkerFailure {
            logger.error("worker stopped by a failure", metadata: ["error": "\(failure)"])
            throw failure
        }
        logger.info("worker stopped")
    }

    /// Processes one record and queues its outputs; it ends finished (its outputs or its dead letter
    /// acknowledged) or abandoned (left to a redelivery: cancelled, revoked, or the worker is failing).
    ///
    /// The task ends once the outputs are queued. Their delivery reports finish the ticket on the
    /// producer's thread; only when one failed does the rest (retries, dead letter) run as follow-up work
    /// of the run, so that no task waits for each ticket's acknowledgements.
    private func handle(_ message: KafkaMessage, _ clients: ConsumerGroupClients) async {
        guard clients.consumer.beginProcessing(message) else { return }
        let result = await processor.process(message.value, receivedAt: Date())
        let finished = FinishedTicket(result)
        let outputs: [ProducerRecord]
        do {
            outputs = try records.records(for: result, original: message)
        } catch {
            await conclude(.rejected(code: .encodeFailed, reason: "\(error)"), message, finished, clients)
            return
        }
        guard !Task.isCancelled, clients.consumer.isCurrent(message) else {
            clients.consumer.abandon(message)
            return
        }
        clients.deliveries.begin()
        // The completion keeps the consumed record and the ticket's summary, not its draft, and not its outputs:
        // librdkafka keeps a copy of each until its report, and hands back those it could not deliver.
        await clients.producer.send(all: outputs) { outcomes in
            let failures = outcomes.compactMap { outcome -> UndeliveredRecord? in
                guard case .failure(let undelivered) = outcome else { return nil }
                return undelivered
            }
            guard !failures.isEmpty else {
                finishDelivered(message, finished, clients)
                clients.deliveries.end()
                return
            }
            let followedUp = clients.deliveries.end {
                await conclude(await settle(failures, for: message, clients), message, finished, clients)
            }
            if !followedUp { clients.consumer.abandon(message) }
        }
    }

    /// Ends a ticket after what became of its outputs: finished when delivered, dead-lettered when Kafka
    /// refused them or they could not be encoded, abandoned otherwise; a fatal error stops the worker.
    private func conclude(_ outcome: PublishOutcome, _ message: KafkaMessage, _ finished: FinishedTicket, _ clients: ConsumerGroupClients) async {
        var settled = false
        defer { if !settled { clients.consumer.abandon(message) } }
        switch outcome {
        case .delivered:
            finishDelivered(message, finished, clients)
            settled = true
        case .gaveUp:
            return
        case .rejected(let code, let reason):
            settled = await deadLetter(message, code: code, reason: reason, clients)
        case .fatal(let error):
            clients.stop.fail(WorkerFailure(.producerFatal, error.description))
        }
    }

    /// Marks a ticket whose outputs were all acknowledged finished, and tells the observer.
    private func finishDelivered(_ message: KafkaMessage, _ finished: FinishedTicket, _ clients: ConsumerGroupClients) {
        clients.consumer.finish(message)
        observer?.ticketFinished(finished)
    }

    /// Publishes the dead letter of a ticket the worker could not encode or publish; returns whether
    /// it was acknowledged. A dead letter Kafka refuses stops the worker: the ticket can go nowhere.
    private func deadLetter(_ message: KafkaMessage, code: WorkerDeadLetterCode, reason: String, _ clients: ConsumerGroupClients) async -> Bool {
        logger.error("dead-lettering a ticket the worker could not publish", metadata: [
            "code": "\(code.rawValue)", "error": "\(reason)", "partition": "\(message.topicPartition)", "offset": "\(message.offset)",
        ])
        let letter: ProducerRecord
        do {
            letter = try records.deadLetter(for: message, code: code.rawValue, message: reason)
        } catch {
            clients.stop.fail(WorkerFailure(.deadLetterFailed, "could not encode the dead letter of \(message.topicPartition)@\(message.offset): \(error)"))
            return false
        }
        switch await publish([letter], for: message, clients) {
        case .delivered:
            clients.consumer.finish(message)
            observer?.ticketDeadLettered(code: code.rawValue)
            return true
        case .gaveUp:
            return false
        case .rejected(_, let reason):
            clients.stop.fail(WorkerFailure(.deadLetterFailed, "dead letter of \(message.topicPartition)@\(message.offset) refused: \(reason)"))
            return false
        case .fatal(let error):
            clients.stop.fail(WorkerFailure(.producerFatal, error.description))
            return false
        }
    }

    /// What became of a ticket's outputs.
    private enum PublishOutcome {
        /// Every output acknowledged.
        case delivered
        /// Given up: the task was cancelled, the partition revoked, or the producer closed.
        case gaveUp
        /// The outputs go nowhere: Kafka refuses one for good (`publish_failed`), or they could not be
        /// encoded (`encode_failed`).
        case rejected(code: WorkerDeadLetterCode, reason: String)
        /// The producer can deliver nothing any more.
        case fatal(KafkaError)
    }

    /// The records among `records` whose outcome (in `outcomes`, in their order) is a failure, with its error.
    private static func undelivered(_ records: [ProducerRecord], _ outcomes: [Result<DeliveryReport, KafkaError>]) -> [UndeliveredRecord] {
        zip(records, outcomes).compactMap { record, outcome in
            guard case .failure(let error) = outcome else { return nil }
            return UndeliveredRecord(error: error, record: record)
        }
    }

    /// Sends every output and awaits the acknowledgements, sending those that failed retriably again
    /// after a back-off.
    private func publish(_ outputs: [ProducerRecord], for message: KafkaMessage, _ clients: ConsumerGroupClients) async -> PublishOutcome {
        guard !Task.isCancelled, clients.consumer.isCurrent(message) else { return .gaveUp }
        return await settle(Self.undelivered(outputs, await clients.producer.send(all: outputs)), for: message, clients)
    }

    /// What the `failures` of an attempt mean; those that may be retried are sent again after a back-off,
    /// while the ticket's partition is still ours, until every output is delivered.
    private func settle(_ failures: [UndeliveredRecord], for message: KafkaMessage, _ clients: ConsumerGroupClients) async -> PublishOutcome {
        var failures = failures
        var failedAttempts = 0
        while true {
            if let fatal = failures.first(where: { $0.error.reason == .producerFatal }) { return .fatal(fatal.error) }
            if let rejected = failures.first(where: { $0.error.reason == .recordRejected }) {
                return .rejected(code: .publishFailed, reason: rejected.error.description)
            }
            if failures.contains(where: { $0.error.reason != .deliveryFailed }) { return .gaveUp }
            guard let first = failures.first else { return .delivered }
            failedAttempts += 1
            let wait = configuration.publishRetry.backoff(afterFailures: failedAttempts)
            logger.warning("publish failed; retrying", metadata: [
                "topic": "\(first.record.topic)", "error": "\(first.error)", "attempt": "\(failedAttempts)", "backoff": "\(wait)",
            ])
            await configuration.publishBackoffSleep(wait)
            guard !Task.isCancelled, clients.consumer.isCurrent(message) else { return .gaveUp }
            let retried = failures.map(\.record)
            failures = Self.undelivered(retried, await clients.producer.send(all: retried))
        }
    }
}

/// Told about every ticket the worker finished (for metrics and the benchmark).
public protocol TicketObserver: Sendable {
    /// Told once the ticket's outputs were acknowledged: on the producer's delivery-report thread, or after a
    /// retried publish on the worker's follow-up task; must return quickly.
    func ticketFinished(_ ticket: FinishedTicket)
    /// Told when the worker itself dead-lettered a ticket whose outputs it could not encode or
    /// publish; `code` is `encode_failed` or `publish_failed`.
    func ticketDeadLettered(code: String)
}

extension TicketObserver {
    /// Observers that follow drafts only need not count the worker's own dead letters.
    public func ticketDeadLettered(code: String) {}
}

extension TicketWorker: CustomStringConvertible {
    /// One line naming the group and topic: swift-service-lifecycle describes every service it runs,
    /// and the reflected default would describe every customer and order of an in-memory store.
    public var description: String {
        "TicketWorker(group: \(configuration.consumer.groupID), topic: \(configuration.topics.ticketsCreated))"
    }
}
