import Logging
import QuimbiKafka
import ServiceLifecycle

/// The clients and stop control of one run of a consumer-group service, handed to every record's task.
struct ConsumerGroupClients: Sendable {
    let consumer: KafkaConsumer
    let producer: AdaptiveProducer
    let stop: WorkerStop
    /// Records whose outputs' delivery reports are still due; the run drains them with its tasks.
    let deliveries: PendingDeliveries
}

/// The lifecycle the ticket worker and the note deliverer share: open the consumer and the producer, handle
/// up to `maxConcurrent` records at once until the consumer stops handing them out, and on graceful shutdown (or a failure) stop fetching, let in-flight
/// records finish (their deliveries reported, their follow-ups done) within two thirds of `shutdownTimeout`, then flush, commit and close.
struct ConsumerGroupRun: Sendable {
    let consumer: ConsumerConfiguration
    let producer: ProducerConfiguration
    let maxConcurrent: Int
    let shutdownTimeout: Duration
    let status: WorkerStatus
    let logger: Logger

    /// Runs `handle` for every record, up to `maxConcurrent` at once; throws the ``WorkerFailure`` that stopped the run, if any.
    func run(_ handle: @escaping @Sendable (KafkaMessage, ConsumerGroupClients) async -> Void) async throws {
        let lanes = RecordLanes(maxLanes: maxConcurrent)
        let consumer = try KafkaConsumer(configuration: self.consumer, logger: logger, receiver: lanes)
        let stop = WorkerStop(consumer: consumer, status: status)
        var producerConfiguration = self.producer
        producerConfiguration.onFatalError = { error in stop.fail(WorkerFailure(.producerFatal, error.description)) }
        let producer: AdaptiveProducer
        do {
            producer = try await AdaptiveProducer.start(configuration: producerConfiguration, logger: logger)
        } catch {
            await consumer.close()
            throw error
        }
        let clients = ConsumerGroupClients(consumer: consumer, producer: producer, stop: stop, deliveries: PendingDeliveries())
        let handling = Task { await Self.handleRecords(clients, on: lanes, handle) }
        let timeout = shutdownTimeout
        // Leave a third of the bound for flushing and closing.
        let drainBound = Task {
            await stop.requested.wait()
            try? await Task.sleep(for: timeout * 2 / 3)
            handling.cancel()
        }
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await handling.value
            } onGracefulShutdown: {
                stop.request()
            }
        } onCancel: {
            consumer.stopFetching()
            handling.cancel()
        }
        stop.requested.signal()
        drainBound.cancel()
        let remaining = stop.remaining(of: timeout)
        await producer.shutdown(timeout: max(.milliseconds(100), remaining / 2))
        await consumer.close()
        if let failure = status.failure { throw failure }
    }

    /// Runs `handle` on every record the consumer hands `lanes`, on as many lanes as they ask for (child tasks
    /// that handle one record after another, see ``RecordLanes``); returns once the records are handled and
    /// every delivery they left pending is settled, its follow-up work included (or at once when cancelled).
    private static func handleRecords(
        _ clients: ConsumerGroupClients, on lanes: RecordLanes, _ handle: @escaping @Sendable (KafkaMessage, ConsumerGroupClients) async -> Void
    ) async {
        await withTaskGroup(of: Void.self) { group in
            for await _ in lanes.laneRequests {
                group.addTask { await lanes.runLane { message in await handle(message, clients) } }
            }
            // Ended by the consumer's finish, or cancelled: idle lanes end now, busy ones after their record.
            lanes.finish()
        }
        await clients.deliveries.waitUntilSettled()
        clients.deliveries.close()
    }
}
