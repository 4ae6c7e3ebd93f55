import CRdKafka
import Logging
import QuimbiResilience
import Synchronization

/// Settings of a ``KafkaProducer``.
public struct ProducerConfiguration: Sendable {
    public var kafka: KafkaConfiguration
    /// How long records wait to be batched, in milliseconds (`linger.ms`). 0 by default: each record
    /// leaves at once, for callers that wait on one record (the webhook's publish). The worker batches
    /// for 20 ms (`quimbi worker --linger-ms`): under load one produce request then carries many tickets'
    /// outputs instead of one each.
    public var lingerMilliseconds: Int
    /// For an ``AdaptiveProducer`` with a linger: while sends come at no more than this pace a second, their
    /// records leave at once, through a second librdkafka producer without linger. Below 20 (one send in the
    /// ``AdaptiveProducer``'s window of 50 ms): every record lingers. A ``KafkaProducer`` ignores it.
    public var promptSendsPerSecond: Int
    /// How long librdkafka tries to deliver a record before reporting failure.
    public var deliveryTimeoutMilliseconds: Int
    /// Largest record accepted, in bytes.
    public var maxMessageBytes: Int
    /// Called once, on the producer's poll thread, when the producer raises a fatal error (it
    /// delivers nothing any more), even when no record is being sent. Must return quickly.
    public var onFatalError: (@Sendable (KafkaError) -> Void)?

    public init(
        kafka: KafkaConfiguration, lingerMilliseconds: Int = 0, promptSendsPerSecond: Int = 0, deliveryTimeoutMilliseconds: Int = 30_000,
        maxMessageBytes: Int = 1_000_000, onFatalError: (@Sendable (KafkaError) -> Void)? = nil
    ) {
        self.kafka = kafka
        self.lingerMilliseconds = lingerMilliseconds
        self.promptSendsPerSecond = promptSendsPerSecond
        self.deliveryTimeoutMilliseconds = deliveryTimeoutMilliseconds
        self.maxMessageBytes = maxMessageBytes
        self.onFatalError = onFatalError
    }
}

/// An idempotent Kafka producer whose `send` returns when the broker has acknowledged the record.
///
/// Delivery reports are served by a dedicated thread (`rd_kafka_poll`), so no blocking librdkafka
/// call runs on Swift's cooperative pool, and `send` itself never blocks. A failed send throws a
/// ``KafkaError`` whose code says how to go on: ``KafkaError/Code/deliveryFailed`` (try again later),
/// ``KafkaError/Code/recordRejected`` (this record never goes through) or
/// ``KafkaError/Code/producerFatal`` (this producer delivers nothing any more).
public final class KafkaProducer: Sendable {
    private let handle: KafkaHandle
    private let logger: Logger
    /// Every use of the handle by a caller passes this gate, so that ``shutdown(timeout:)`` destroys
    /// the handle only once no `send` is inside librdkafka.
    private let gate = UseGate()
    private let pollerStopped: OneShotSignal
    private let released = OneShotSignal()
    /// Reached by librdkafka's error callback through its opaque pointer.
    private let errors: ProducerErrors

    /// Creates the producer and starts its delivery-report thread.
    public init(configuration: ProducerConfiguration, logger: Logger) throws(KafkaError) {
        let conf = try configuration.kafka.makeNativeConfiguration(defaults: [
            ("enable.idempotence", "true"),
            ("linger.ms", String(configuration.lingerMilliseconds)),
            ("delivery.timeout.ms", String(configuration.deliveryTimeoutMilliseconds)),
            ("message.max.bytes", String(configuration.maxMessageBytes)),
        ])
        rd_kafka_conf_set_dr_msg_cb(conf, { rk, message, _ in
            guard let rk, let message, let opaque = message.pointee._private else { return }
            let slot = Unmanaged<DeliverySlot>.fromOpaque(opaque).takeRetainedValue()
            let topic = slot.topic
            let error = message.pointee.err
            if error == RD_KAFKA_RESP_ERR_NO_ERROR {
                let where_ = TopicPartition(topic: topic, partition: message.pointee.partition)
                slot.batch.report(.success(DeliveryReport(topicPartition: where_, offset: message.pointee.offset)), at: slot.index)
            } else {
                let undelivered = UndeliveredRecord(
                    error: KafkaError(delivering: "delivery to \(topic)", error: error, producer: rk),
                    record: ProducerRecord(reported: message, topic: topic, partition: slot.partition))
                slot.batch.report(.failure(undelivered), at: slot.index)
            }
        })
        let errors = ProducerErrors(logger: logger, onFatalError: configuration.onFatalError)
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(errors).toOpaque())
        rd_kafka_conf_set_error_cb(conf, { rk, error, reason, opaque in
            guard let rk, let opaque else { return }
            Unmanaged<ProducerErrors>.fromOpaque(opaque).takeUnretainedValue()
                .report(rk, rd_kafka_resp_err_t(rawValue: error), reason.map { String(cString: $0) } ?? "")
        })
        handle = try KafkaHandle(type: RD_KAFKA_PRODUCER, configuration: conf)
        self.errors = errors
        self.logger = logger
        let handle = handle
        let gate = gate
        pollerStopped = DedicatedThread.run(name: "producer-poll") { [errors] in
            while !gate.isClosed {
                withExtendedLifetime(errors) { _ = rd_kafka_poll(handle.pointer, 100) }
            }
        }
    }

    private enum Enqueued {
        case queued
        case queueFull
        case failed(KafkaError)
    }

    /// Sends a record and returns once the broker acknowledged it (acks=all, idempotent).
    ///
    /// While librdkafka's local queue is full, waits (without blocking a thread) for space. Cancelling
    /// the calling task ends the wait with ``KafkaError/Code/cancelled`` at once; a record already
    /// queued may still be delivered.
    public func send(_ record: ProducerRecord) async throws(KafkaError) -> DeliveryReport {
        try await send(all: [record])[0].get()
    }

    /// Sends records together and returns, in their order, each one's outcome once every one was
    /// acknowledged or failed: one wait for the lot, no task per record.
    ///
    /// Queue-full waits and cancellation behave as in ``send(_:)``; a record that could not be queued
    /// fails on its own, and the others are still sent.
    public func send(all records: [ProducerRecord]) async -> [Result<DeliveryReport, KafkaError>] {
        let outcomes = OneShot<[Result<DeliveryReport, KafkaError>]>()
        let batch = DeliveryBatch(count: records.count) { outcomes.resume(with: .success($0.map { $0.mapError(\.error) })) }
        await queue(records, into: batch)
        return await withTaskCancellationHandler {
            switch await outcomes.result() {
            case .success(let reports): reports
            case .failure: preconditionFailure("a delivery batch delivers only its outcomes")
            }
        } onCancel: {
            batch.failUnreported(KafkaError(.cancelled, "stopped waiting for a delivery"), records: records)
        }
    }

    /// Sends records together and returns once they are queued; `completion` then runs once, with each
    /// record's outcome in their order, when every one was acknowledged or failed: a record that failed is
    /// handed back with its error (copied from librdkafka's copy when the brokers failed it), so the caller need
    /// not keep the records to send them again. It runs on the producer's delivery-report thread, and must
    /// return quickly (the reports of other records wait for
    /// it); when the last outcome is a record that could not be queued (or there is no record), it runs at
    /// once, on the calling task.
    ///
    /// For callers that need not wait: the worker finishes a ticket in `completion` instead of keeping
    /// a task suspended for each ticket until its outputs are acknowledged. Queue-full waits behave as in
    /// ``send(_:)``; cancelling the calling task fails the records not queued yet with
    /// ``KafkaError/Code/cancelled``, and the records already queued are reported as they are delivered.
    public func send(
        all records: [ProducerRecord], whenDelivered completion: @escaping @Sendable ([Result<DeliveryReport, UndeliveredRecord>]) -> Void
    ) async {
        await queue(records, into: DeliveryBatch(count: records.count, completion: completion))
    }

    /// Hands each record to librdkafka as the record at its index of `batch`; a record that cannot be
    /// queued is reported failed at once.
    private func queue(_ records: [ProducerRecord], into batch: DeliveryBatch) async {
        for (index, record) in records.enumerated() {
            do throws(KafkaError) {
                try await queue(record, slot: DeliverySlot(batch: batch, index: index, record: record))
            } catch {
                batch.report(.failure(UndeliveredRecord(error: error, record: record)), at: index)
            }
        }
    }

    /// Hands `record` to librdkafka, waiting for space while its queue is full.
    private func queue(_ record: ProducerRecord, slot: DeliverySlot) async throws(KafkaError) {
        while true {
            guard !Task.isCancelled else {
                throw KafkaError(.cancelled, "send to \(record.topic) cancelled before the record was queued")
            }
            let attempt = gate.use { () -> Enqueued in
                let error = enqueue(record, slot: slot)
                switch error {
                case RD_KAFKA_RESP_ERR_NO_ERROR: return .queued
                case RD_KAFKA_RESP_ERR__QUEUE_FULL: return .queueFull
                default: return .failed(KafkaError(delivering: "produce to \(record.topic)", error: error, producer: handle.pointer))
                }
            }
            switch attempt {
            case nil: throw KafkaError(.shuttingDown, "producer is closed")
            case .queued?: return
            case .failed(let error)?: throw error
            case .queueFull?: try? await Task.sleep(for: .milliseconds(1))
            }
        }
    }

    private func enqueue(_ record: ProducerRecord, slot: DeliverySlot) -> rd_kafka_resp_err_t {
        let opaque = Unmanaged.passRetained(slot).toOpaque()
        let headers = NativeHeaders.make(record.headers)
        let key = record.key
        let error = record.value.withUnsafeBytes { value in
            (key ?? []).withUnsafeBytes { keyBytes in
                quimbi_produce(
                    handle.pointer, record.topic, record.partition ?? RD_KAFKA_PARTITION_UA,
                    key == nil ? nil : keyBytes.baseAddress, key == nil ? 0 : keyBytes.count,
                    value.baseAddress, value.count, headers, opaque)
            }
        }
        if error != RD_KAFKA_RESP_ERR_NO_ERROR {
            if let headers { rd_kafka_headers_destroy(headers) }
            Unmanaged<DeliverySlot>.fromOpaque(opaque).release()
        }
        return error
    }

    /// Records queued but not yet acknowledged (0 once shut down).
    public var outstanding: Int { gate.use { Int(rd_kafka_outq_len(handle.pointer)) } ?? 0 }

    /// The fatal error this producer raised, if any: it then delivers nothing any more.
    public var raisedFatalError: KafkaError? { gate.use { KafkaError.fatal(of: handle.pointer) } ?? nil }

    /// Stops accepting records, waits up to `timeout` for outstanding deliveries, fails the rest,
    /// and releases the client once no `send` is using it. A second call waits for the first.
    public func shutdown(timeout: Duration = .seconds(10)) async {
        guard !gate.close() else {
            await released.wait()
            return
        }
        await pollerStopped.wait()
        let handle = handle
        let gate = gate
        let milliseconds = Int32(clamping: timeout.milliseconds)
        let logger = logger
        await DedicatedThread.run(name: "producer-close") {
            gate.waitUntilUnused()
            let error = rd_kafka_flush(handle.pointer, milliseconds)
            if error != RD_KAFKA_RESP_ERR_NO_ERROR {
                logger.warning("producer flush timed out; failing undelivered records", metadata: ["outstanding": "\(rd_kafka_outq_len(handle.pointer))"])
                rd_kafka_purge(handle.pointer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
                rd_kafka_poll(handle.pointer, 0)
            }
            handle.destroy()
        }.wait()
        released.signal()
    }
}

/// Errors librdkafka reports outside any record (its error callback): a fatal one is handed on
/// once, the others (brokers unreachable, authentication) are logged; librdkafka recovers from them.
final class ProducerErrors: Sendable {
    private let logger: Logger
    private let onFatalError: (@Sendable (KafkaError) -> Void)?
    private let fatalReported = Mutex(false)

    init(logger: Logger, onFatalError: (@Sendable (KafkaError) -> Void)?) {
        self.logger = logger
        self.onFatalError = onFatalError
    }

    /// Runs on the thread serving librdkafka's callbacks.
    func report(_ rk: OpaquePointer, _ error: rd_kafka_resp_err_t, _ reason: String) {
        guard error == RD_KAFKA_RESP_ERR__FATAL, let fatal = KafkaError.fatal(of: rk) else {
            logger.warning("producer error", metadata: ["error": "\(String(cString: rd_kafka_err2name(error)))", "reason": "\(reason)"])
            return
        }
        guard !fatalReported.withLock({ reported in defer { reported = true }; return reported }) else { return }
        logger.error("producer raised a fatal error", metadata: ["error": "\(fatal)"])
        onFatalError?(fatal)
    }
}
