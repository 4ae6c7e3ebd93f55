import CRdKafka
import Logging
import Synchronization

/// Settings of a ``KafkaProducer``.
public struct ProducerConfiguration: Sendable {
    public var kafka: KafkaConfiguration
    /// How long records wait to be batched, in milliseconds.
    public var lingerMilliseconds: Int
    /// How long librdkafka tries to deliver a record before reporting failure.
    public var deliveryTimeoutMilliseconds: Int
    /// Largest record accepted, in bytes.
    public var maxMessageBytes: Int

    public init(kafka: KafkaConfiguration, lingerMilliseconds: Int = 2, deliveryTimeoutMilliseconds: Int = 30_000, maxMessageBytes: Int = 1_000_000) {
        self.kafka = kafka
        self.lingerMilliseconds = lingerMilliseconds
        self.deliveryTimeoutMilliseconds = deliveryTimeoutMilliseconds
        self.maxMessageBytes = maxMessageBytes
    }
}

/// An idempotent Kafka producer whose `send` returns when the broker has acknowledged the record.
///
/// Delivery reports are served by a dedicated thread (`rd_kafka_poll`), so no blocking librdkafka
/// call runs on Swift's cooperative pool, and `send` itself never blocks.
public final class KafkaProducer: Sendable {
    private let handle: KafkaHandle
    private let logger: Logger
    private let closing = StopFlag()
    private let pollerStopped: OneShotSignal

    /// Creates the producer and starts its delivery-report thread.
    public init(configuration: ProducerConfiguration, logger: Logger) throws(KafkaError) {
        let conf = try configuration.kafka.makeNativeConfiguration(defaults: [
            ("enable.idempotence", "true"),
            ("linger.ms", String(configuration.lingerMilliseconds)),
            ("delivery.timeout.ms", String(configuration.deliveryTimeoutMilliseconds)),
            ("message.max.bytes", String(configuration.maxMessageBytes)),
        ])
        rd_kafka_conf_set_dr_msg_cb(conf, { _, message, _ in
            guard let message, let opaque = message.pointee._private else { return }
            let promise = Unmanaged<DeliveryPromise>.fromOpaque(opaque).takeRetainedValue()
            let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
            let error = message.pointee.err
            if error == RD_KAFKA_RESP_ERR_NO_ERROR {
                let where_ = TopicPartition(topic: topic, partition: message.pointee.partition)
                promise.complete(.success(DeliveryReport(topicPartition: where_, offset: message.pointee.offset)))
            } else {
                promise.complete(.failure(KafkaError(.deliveryFailed, "delivery to \(topic)", error: error)))
            }
        })
        handle = try KafkaHandle(type: RD_KAFKA_PRODUCER, configuration: conf)
        self.logger = logger
        let handle = handle
        let closing = closing
        pollerStopped = DedicatedThread.run(name: "quimbi-producer-poll") {
            while !closing.isSet {
                rd_kafka_poll(handle.pointer, 100)
            }
        }
    }

    /// Sends a record and returns once the broker acknowledged it (acks=all, idempotent).
    ///
    /// While librdkafka's local queue is full, waits (without blocking a thread) for space.
    public func send(_ record: ProducerRecord) async throws(KafkaError) -> DeliveryReport {
        let promise = DeliveryPromise()
        while true {
            guard !closing.isSet else {
                throw KafkaError(.shuttingDown, "producer is closed")
            }
            let error = enqueue(record, promise: promise)
            if error == RD_KAFKA_RESP_ERR_NO_ERROR { break }
            guard error == RD_KAFKA_RESP_ERR__QUEUE_FULL else {
                throw KafkaError(.produceFailed, "produce to \(record.topic)", error: error)
            }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return try await promise.result().get()
    }

    private func enqueue(_ record: ProducerRecord, promise: DeliveryPromise) -> rd_kafka_resp_err_t {
        let opaque = Unmanaged.passRetained(promise).toOpaque()
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
            Unmanaged<DeliveryPromise>.fromOpaque(opaque).release()
        }
        return error
    }

    /// Records queued but not yet acknowledged.
    public var outstanding: Int { Int(rd_kafka_outq_len(handle.pointer)) }

    /// Stops accepting records, waits up to `timeout` for outstanding deliveries, fails the rest,
    /// and releases the client.
    public func shutdown(timeout: Duration = .seconds(10)) async {
        guard !closing.set() else {
            await pollerStopped.wait()
            return
        }
        await pollerStopped.wait()
        let handle = handle
        let milliseconds = Int32(clamping: timeout.milliseconds)
        let logger = logger
        await DedicatedThread.run(name: "quimbi-producer-close") {
            let error = rd_kafka_flush(handle.pointer, milliseconds)
            if error != RD_KAFKA_RESP_ERR_NO_ERROR {
                logger.warning("producer flush timed out; failing undelivered records", metadata: ["outstanding": "\(rd_kafka_outq_len(handle.pointer))"])
                rd_kafka_purge(handle.pointer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
                rd_kafka_poll(handle.pointer, 0)
            }
            handle.destroy()
        }.wait()
    }
}

/// Hands a delivery report to the `send` awaiting it, whichever of the two comes first.
final class DeliveryPromise: Sendable {
    private enum State {
        case pending
        case waiting(CheckedContinuation<Result<DeliveryReport, KafkaError>, Never>)
        case done(Result<DeliveryReport, KafkaError>)
    }

    private let state = Mutex(State.pending)

    /// Called from the delivery-report callback.
    func complete(_ result: Result<DeliveryReport, KafkaError>) {
        let waiter = state.withLock { state -> CheckedContinuation<Result<DeliveryReport, KafkaError>, Never>? in
            switch state {
            case .pending:
                state = .done(result)
                return nil
            case .waiting(let continuation):
                state = .done(result)
                return continuation
            case .done:
                return nil
            }
        }
        waiter?.resume(returning: result)
    }

    /// The delivery result, once reported.
    func result() async -> Result<DeliveryReport, KafkaError> {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Result<DeliveryReport, KafkaError>? in
                if case .done(let result) = state { return result }
                state = .waiting(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
