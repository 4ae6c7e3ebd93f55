import CRdKafka

/// A Kafka failure with a stable code.
public struct KafkaError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Stable codes of Kafka failures.
    public enum Code: String, Sendable {
        /// A configuration property is unknown or has an invalid value.
        case invalidConfiguration = "kafka_config_invalid"
        /// librdkafka could not create the client.
        case clientCreationFailed = "kafka_client_failed"
        /// The record was not delivered this time (timeout, broker unreachable, leader moving): sending
        /// it again later may succeed.
        case deliveryFailed = "kafka_delivery_failed"
        /// The record can never be delivered as it is (too large, topic unknown or not authorized,
        /// invalid): sending it again fails the same way.
        case recordRejected = "kafka_record_rejected"
        /// The producer hit an unrecoverable error (for example a fatal idempotence error) and delivers
        /// nothing any more; only a new producer (a restarted process) can continue.
        case producerFatal = "kafka_producer_fatal"
        /// The task awaiting the delivery was cancelled; the record may still be delivered.
        case cancelled = "kafka_cancelled"
        /// An offset commit failed.
        case commitFailed = "kafka_commit_failed"
        /// Subscribing to the topics failed.
        case subscribeFailed = "kafka_subscribe_failed"
        /// The embedded broker could not be started or configured.
        case embeddedBrokerFailed = "kafka_embedded_broker_failed"
        /// The client is shutting down and takes no more work.
        case shuttingDown = "kafka_shutting_down"
    }

    public var reason: Code
    public var message: String
    /// The librdkafka error code, when there is one.
    public var rdkafkaCode: Int32?

    public var code: String { reason.rawValue }
    public var description: String { "\(code): \(message)" }

    public init(_ reason: Code, _ message: String, rdkafkaCode: Int32? = nil) {
        self.reason = reason
        self.message = message
        self.rdkafkaCode = rdkafkaCode
    }

    init(_ reason: Code, _ context: String, error: rd_kafka_resp_err_t) {
        let text = String(cString: rd_kafka_err2str(error))
        self.init(reason, "\(context): \(text)", rdkafkaCode: error.rawValue)
    }
}

/// A NUL-terminated buffer librdkafka filled (an error text, a property's value) as a Swift string.
func text(ofCBuffer buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
