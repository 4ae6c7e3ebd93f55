import CRdKafka

/// Kafka protocol requests whose handling the embedded cluster can make fail.
public enum KafkaRequestKind: Int16, Sendable, CaseIterable {
    case produce = 0
    case fetch = 1
    case listOffsets = 2
    case metadata = 3
    case offsetCommit = 8
    case offsetFetch = 9
    case findCoordinator = 10
    case joinGroup = 11
    case heartbeat = 12
    case leaveGroup = 13
    case syncGroup = 14
    case initProducerID = 22

    /// The request's name as commands spell it: `produce`, `list-offsets`, `init-producer-id`, …
    public var name: String {
        var name = ""
        var previous: Character = "-"
        for character in String(describing: self) {
            if character.isUppercase, previous.isLowercase { name.append("-") }
            name.append(Character(character.lowercased()))
            previous = character
        }
        return name
    }

    /// The kind named `name` (as ``name`` spells it).
    public init?(name: String) {
        guard let kind = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = kind
    }
}

/// Fault injection of librdkafka's mock cluster, for chaos tests and `quimbi dev-broker`. Brokers are
/// numbered from 1; error names are librdkafka's without the `RD_KAFKA_RESP_ERR_` prefix
/// (`NOT_LEADER_FOR_PARTITION`, `MSG_SIZE_TOO_LARGE`, `_TRANSPORT`).
extension EmbeddedKafkaCluster {
    /// Disconnects broker `id` and refuses new connections until ``setBrokerUp(_:)``.
    public func setBrokerDown(_ id: Int32) throws(KafkaError) {
        try check("broker \(id) down") { rd_kafka_mock_broker_set_down($0, id) }
    }

    /// Lets broker `id` accept connections again.
    public func setBrokerUp(_ id: Int32) throws(KafkaError) {
        try check("broker \(id) up") { rd_kafka_mock_broker_set_up($0, id) }
    }

    /// Delays every answer of broker `id` by `milliseconds`.
    public func setBrokerRoundTrip(_ id: Int32, milliseconds: Int32) throws(KafkaError) {
        try check("broker \(id) rtt") { rd_kafka_mock_broker_set_rtt($0, id, milliseconds) }
    }

    /// Makes broker `broker` the leader of `topic`'s partition `partition`.
    public func setPartitionLeader(topic: String, partition: Int32, broker: Int32) throws(KafkaError) {
        try check("leader of \(topic)[\(partition)]") { rd_kafka_mock_partition_set_leader($0, topic, partition, broker) }
    }

    /// Makes broker `broker` the coordinator of consumer group `group`.
    public func setGroupCoordinator(group: String, broker: Int32) throws(KafkaError) {
        try check("coordinator of \(group)") { rd_kafka_mock_coordinator_set($0, "group", group, broker) }
    }

    /// The next `errors.count` requests of `kind`, on any broker, fail with these errors in order.
    public func pushRequestErrors(_ kind: KafkaRequestKind, _ errors: [String]) throws(KafkaError) {
        var codes: [rd_kafka_resp_err_t] = []
        for name in errors { codes.append(try Self.requireErrorCode(named: name)) }
        try withCluster("push \(kind.name) errors") { cluster in
            codes.withUnsafeBufferPointer { rd_kafka_mock_push_request_errors_array(cluster, kind.rawValue, codes.count, $0.baseAddress) }
        }
    }

    /// The librdkafka error code named `name` (without the `RD_KAFKA_RESP_ERR_` prefix).
    static func requireErrorCode(named name: String) throws(KafkaError) -> rd_kafka_resp_err_t {
        var descriptions: UnsafePointer<rd_kafka_err_desc>?
        var count = 0
        rd_kafka_get_err_descs(&descriptions, &count)
        if let descriptions {
            for index in 0..<count {
                if let entry = descriptions[index].name, String(cString: entry) == name { return descriptions[index].code }
            }
        }
        throw KafkaError(.embeddedBrokerFailed, "unknown Kafka error \(name)")
    }

    private func check(_ what: String, _ call: (OpaquePointer) -> rd_kafka_resp_err_t) throws(KafkaError) {
        let error = try withCluster(what, call)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(.embeddedBrokerFailed, what, error: error) }
    }
}
