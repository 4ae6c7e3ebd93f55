/// A header of a Kafka record.
public struct KafkaHeader: Sendable, Hashable {
    public var name: String
    public var value: [UInt8]

    public init(name: String, value: [UInt8]) {
        self.name = name
        self.value = value
    }

    public init(name: String, text: String) {
        self.init(name: name, value: Array(text.utf8))
    }
}

/// Where a record lives: topic, partition and offset.
public struct TopicPartition: Sendable, Hashable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)[\(partition)]" }

    /// Hashes the partition and the topic name's length, not its bytes: the consumer's ledger looks a
    /// record's partition up several times, and hashing the name was most of each lookup. Equality
    /// still compares the names, so partitions of different topics stay apart.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(partition)
        hasher.combine(topic.utf8.count)
    }
}

/// A record read by a ``KafkaConsumer``. Its bytes are copied out of librdkafka.
public struct KafkaMessage: Sendable {
    public var topicPartition: TopicPartition
    public var offset: Int64
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [KafkaHeader]
    /// Broker or producer timestamp in milliseconds since 1970, when present.
    public var timestampMilliseconds: Int64?
    /// The assignment generation this record was fetched in; a later revoke makes it stale.
    var generation: UInt64

    public init(
        topicPartition: TopicPartition, offset: Int64, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader],
        timestampMilliseconds: Int64?, generation: UInt64 = 0
    ) {
        self.topicPartition = topicPartition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMilliseconds = timestampMilliseconds
        self.generation = generation
    }

    /// The value of the first header with this name, as UTF-8 text.
    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }.map { String(decoding: $0.value, as: UTF8.self) }
    }
}

/// A record to send with a ``KafkaProducer``.
public struct ProducerRecord: Sendable {
    public var topic: String
    /// `nil` lets the partitioner choose by key.
    public var partition: Int32?
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [KafkaHeader]

    public init(topic: String, partition: Int32? = nil, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader] = []) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
    }
}

/// Where the broker stored an acknowledged record.
public struct DeliveryReport: Sendable, Hashable {
    public var topicPartition: TopicPartition
    public var offset: Int64
}
