import Foundation
import Logging
import QuimbiCore
import QuimbiKafka
import ServiceLifecycle

/// Settings of the ticket worker.
public struct WorkerConfiguration: Sendable {
    public var consumer: ConsumerConfiguration
    public var producer: ProducerConfiguration
    public var topics: WorkerTopics
    /// Tickets processed at the same time.
    public var maxConcurrentTickets: Int
    /// Upper bound of a graceful shutdown: drain, flush, commit, close.
    public var shutdownTimeout: Duration
    /// CloudEvents `source` of the published events.
    public var eventSource: String

    public init(
        consumer: ConsumerConfiguration, producer: ProducerConfiguration, topics: WorkerTopics,
        maxConcurrentTickets: Int = 512, shutdownTimeout: Duration = .seconds(20), eventSource: String = "/quimbi/worker"
    ) {
        self.consumer = consumer
        self.producer = producer
        self.topics = topics
        self.maxConcurrentTickets = maxConcurrentTickets
        self.shutdownTimeout = shutdownTimeout
        self.eventSource = eventSource
    }
}

/// The ticket worker, a swift-service-lifecycle `Service`: consumes ticket-created events, processes
/// many at once (bounded), publishes drafts, escalations and dead letters, and marks a ticket's offset
/// finished only after every output is acknowledged by the brokers.
///
/// Graceful shutdown: stop fetching → finish in-flight tickets → flush → commit → close, within
/// ``WorkerConfiguration/shutdownTimeout``.
public struct TicketWorker: Service {
    private let configuration: WorkerConfiguration
    private let processor: TicketProcessor
    private let records: EventRecords
    private let logger: Logger
    private let observer: (any TicketObserver)?

    public init(configuration: WorkerConfiguration, processor: TicketProcessor, logger: Logger, observer: (any TicketObserver)? = nil) {
        self.configuration = configuration
        self.processor = processor
        self.records = EventRecords(topics: configuration.topics, source: configuration.eventSource)
        self.logger = logger
        self.observer = observer
    }

    public func run() async throws {
        let producer = try KafkaProducer(configuration: configuration.producer, logger: logger)
        let consumer: KafkaConsumer
        do {
            consumer = try KafkaConsumer(configuration: configuration.consumer, logger: logger)
        } catch {
            await producer.shutdown(timeout: .seconds(1))
            throw error
        }
        logger.info("worker started", metadata: ["topic": "\(configuration.topics.ticketsCreated)", "group": "\(configuration.consumer.groupID)"])
        let pump = Task { await self.pump(consumer: consumer, producer: producer) }
        let timeout = configuration.shutdownTimeout
        let clock = ContinuousClock()
        let shutdownStarted = ShutdownClock()
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await pump.value
            } onGracefulShutdown: {
                shutdownStarted.mark(clock.now)
                consumer.stopFetching()
                Task {
                    // Leave a third of the bound for flushing and closing.
                    try? await Task.sleep(for: timeout * 2 / 3)
                    pump.cancel()
                }
            }
        } onCancel: {
            consumer.stopFetching()
            pump.cancel()
        }
        let remaining = shutdownStarted.remaining(of: timeout, now: clock.now)
        await producer.shutdown(timeout: max(.milliseconds(100), remaining / 2))
        await consumer.close()
        logger.info("worker stopped")
    }

    private func pump(consumer: KafkaConsumer, producer: KafkaProducer) async {
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for await batch in consumer.batches {
                for message in batch {
                    if running >= configuration.maxConcurrentTickets {
                        await group.next()
                        running -= 1
                    }
                    group.addTask { await self.handle(message, consumer: consumer, producer: producer) }
                    running += 1
                }
            }
        }
    }

    /// Processes one record; it ends finished (outputs acknowledged) or abandoned (left to a redelivery).
    private func handle(_ message: KafkaMessage, consumer: KafkaConsumer, producer: KafkaProducer) async {
        guard consumer.beginProcessing(message) else { return }
        var finished = false
        defer { if !finished { consumer.abandon(message) } }

        let result = await processor.process(message.value, receivedAt: Date())
        let outputs: [ProducerRecord]
        do {
            outputs = try records.records(for: result, original: message)
        } catch {
            logger.error("could not encode the outputs of a ticket", metadata: ["error": "\(error)", "offset": "\(message.offset)"])
            return
        }
        guard await publish(outputs, for: message, consumer: consumer, producer: producer) else { return }
        consumer.finish(message)
        finished = true
        observer?.ticketFinished(result)
    }

    /// Sends every output and awaits the acknowledgements, retrying failed sends with back-off.
    /// Returns false when the ticket was given up (cancelled, or its partition revoked).
    private func publish(_ outputs: [ProducerRecord], for message: KafkaMessage, consumer: KafkaConsumer, producer: KafkaProducer) async -> Bool {
        var pending = outputs
        var backoff = Duration.milliseconds(100)
        while !pending.isEmpty {
            guard !Task.isCancelled, consumer.isCurrent(message) else { return false }
            let failed = await withTaskGroup(of: ProducerRecord?.self) { group in
                for record in pending {
                    group.addTask {
                        do {
                            _ = try await producer.send(record)
                            return nil
                        } catch {
                            logger.warning("publish failed; retrying", metadata: ["topic": "\(record.topic)", "error": "\(error)"])
                            return record
                        }
                    }
                }
                var failed: [ProducerRecord] = []
                for await record in group { if let record { failed.append(record) } }
                return failed
            }
            pending = failed
            if !pending.isEmpty {
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
        return true
    }
}

/// Told about every ticket the worker finished (for the demo's printout and for metrics).
public protocol TicketObserver: Sendable {
    func ticketFinished(_ result: TicketResult)
}

/// When the graceful shutdown began, set once from the shutdown handler.
final class ShutdownClock: @unchecked Sendable {
    private let lock = NSLock()
    private var started: ContinuousClock.Instant?

    func mark(_ instant: ContinuousClock.Instant) {
        lock.withLock { if started == nil { started = instant } }
    }

    /// What is left of `bound` since the shutdown began (all of it when it has not begun).
    func remaining(of bound: Duration, now: ContinuousClock.Instant) -> Duration {
        lock.withLock { started.map { max(.zero, bound - (now - $0)) } ?? bound }
    }
}

extension TicketWorker: CustomStringConvertible {
    /// One line naming the group and topic: swift-service-lifecycle describes every service it runs,
    /// and the reflected default would describe every customer and order of an in-memory store.
    public var description: String {
        "TicketWorker(group: \(configuration.consumer.groupID), topic: \(configuration.topics.ticketsCreated))"
    }
}
