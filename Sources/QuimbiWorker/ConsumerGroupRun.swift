import Logging
import QuimbiKafka
import ServiceLifecycle

/// The clients and stop control of one run of a consumer-group service, handed to every record's task.
struct ConsumerGroupClients: Sendable {
    let consumer: KafkaConsumer
    let producer: KafkaProducer
    let stop: WorkerStop
    /// Records whose outputs' delivery reports are still due; the run drains them with its tasks.
    let deliveries: PendingDeliveries
}

/// The lifecycle the ticket worker and the note deliverer share: open the consumer and the producer, handle
/// up to `maxConcurrent` records at once until the stream ends, and on graceful shutdown (or a failure) stop fetching, let in-flight
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
        let consumer = try KafkaConsumer(configuration: self.consumer, logger: logger)
        let stop = WorkerStop(consumer: consumer, status: status)
        var producerConfiguration = self.producer
        producerConfiguration.onFatalError = { error in stop.fail(WorkerFailure(.producerFatal, error.description)) }
        let producer: KafkaProducer
        do {
            producer = try KafkaProducer(configuration: producerConfiguration, logger: logger)
        } catch {
            await consumer.close()
            throw error
        }
        let clients = ConsumerGroupClients(consumer: consumer, producer: producer, stop: stop, deliveries: PendingDeliveries())
        let maxConcurrent = maxConcurrent
        let pumping = Task { await Self.pump(clients, maxConcurrent: maxConcurrent, handle) }
        let timeout = shutdownTimeout
        // Leave a third of the bound for flushing and closing.
        let drainBound = Task {
            await stop.requested.wait()
            try? await Task.sleep(for: timeout * 2 / 3)
            pumping.cancel()
        }
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await pumping.value
            } onGracefulShutdown: {
                stop.request()
            }
        } onCancel: {
            consumer.stopFetching()
            pumping.cancel()
        }
        stop.requested.signal()
        drainBound.cancel()
        let remaining = stop.remaining(of: timeout)
        await producer.shutdown(timeout: max(.milliseconds(100), remaining / 2))
        await consumer.close()
        if let failure = status.failure { throw failure }
    }

    /// Hands every record to `handle`, at most `maxConcurrent` at once, on up to as many lanes (child tasks
    /// that handle one record after another, see ``RecordLanes``; a lane is started when a record finds none
    /// idle); returns once the records are handled and every delivery they left pending is settled, its
    /// follow-up work included (or at once when cancelled).
    private static func pump(
        _ clients: ConsumerGroupClients, maxConcurrent: Int, _ handle: @escaping @Sendable (KafkaMessage, ConsumerGroupClients) async -> Void
    ) async {
        await withTaskGroup(of: Void.self) { group in
            let lanes = RecordLanes(capacity: maxConcurrent)
            var started = 0
            for await batch in clients.consumer.batches {
                for message in batch {
                    await lanes.waitForRoom()
                    if !lanes.push(message), started < maxConcurrent {
                        started += 1
                        group.addTask {
                            while let message = await lanes.next() {
                                await handle(message, clients)
                                lanes.done()
                            }
                        }
                    }
                }
            }
            lanes.finish()
        }
        await clients.deliveries.waitUntilSettled()
        clients.deliveries.close()
    }
}
