import CRdKafka

/// A record that was not delivered, with the reason, handed back so that it can be sent again: a sender that
/// learns of its records' outcomes in a completion need not keep its own copy of every record until then.
public struct UndeliveredRecord: Error, Sendable {
    public let error: KafkaError
    public let record: ProducerRecord

    public init(error: KafkaError, record: ProducerRecord) {
        self.error = error
        self.record = record
    }
}

extension UndeliveredRecord: CustomStringConvertible {
    /// The error and where the record went, without its bytes (a value may be a megabyte).
    public var description: String {
        "\(error) (\(record.topic)\(record.partition.map { "[\($0)]" } ?? ""), key \(record.key?.count ?? 0) bytes, value \(record.value.count) bytes)"
    }
}

extension ProducerRecord {
    /// The record librdkafka reports undelivered, copied from its own copy (key, value, headers) before it
    /// frees it; `topic` and `partition` are those it was sent with (the report names the partition chosen).
    init(reported message: UnsafePointer<rd_kafka_message_t>, topic: String, partition: Int32?) {
        self.init(
            topic: topic, partition: partition, key: NativeMessage.key(of: message), value: NativeMessage.value(of: message),
            headers: NativeHeaders.read(message))
    }
}
