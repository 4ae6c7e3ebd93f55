import CRdKafka

/// A Kafka failure with a stable code.
public struct KafkaError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Stable codes of Kafka failures.
    public enum Code: String, Sendable {
        /// A configuration property is unknown or has an invalid value.
        case invalidConfiguration = "kafka_config_invalid"
        /// librdkafka could not create the client.
        case clientCreationFailed = "kafka_client_failed"
        /// The message could not be queued for sending.
        case produceFailed = "kafka_produce_failed"
        /// The broker did not acknowledge the message.
        case deliveryFailed = "kafka_delivery_failed"
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

/// A librdkafka error-text buffer as a Swift string.
func errorText(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
