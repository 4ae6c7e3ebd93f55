/// One fault-injection command for an ``EmbeddedKafkaCluster``, as `quimbi dev-broker` reads them
/// (one a line, words separated by spaces):
///
/// - `broker-down BROKER`, `broker-up BROKER` — take a broker off the network and back;
/// - `rtt BROKER MILLISECONDS` — delay a broker's answers;
/// - `leader TOPIC PARTITION BROKER` — move a partition's leadership;
/// - `coordinator GROUP BROKER` — move a consumer group's coordinator;
/// - `errors REQUEST COUNT ERROR` — fail the next COUNT requests of a kind (`produce`, `fetch`,
///   `init-producer-id`, …) with a librdkafka error name (`NOT_LEADER_FOR_PARTITION`, `_TRANSPORT`).
///
/// Brokers are numbered from 1.
public enum ClusterFault: Sendable, Equatable {
    case brokerDown(Int32)
    case brokerUp(Int32)
    case roundTrip(broker: Int32, milliseconds: Int32)
    case leader(topic: String, partition: Int32, broker: Int32)
    case coordinator(group: String, broker: Int32)
    case requestErrors(KafkaRequestKind, count: Int, error: String)

    /// Why a command line is not a fault.
    public struct ParseError: Error, CustomStringConvertible, Sendable, Equatable {
        public var description: String
    }

    /// Parses one command line.
    public init(parsing line: String) throws(ParseError) {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        func number<N: FixedWidthInteger>(_ index: Int, _ what: String) throws(ParseError) -> N {
            guard let value = N(words[index]), value >= 0 else { throw ParseError(description: "\(what) must be a number: \(words[index])") }
            return value
        }
        switch (words.first, words.count) {
        case ("broker-down", 2): self = .brokerDown(try number(1, "BROKER"))
        case ("broker-up", 2): self = .brokerUp(try number(1, "BROKER"))
        case ("rtt", 3): self = .roundTrip(broker: try number(1, "BROKER"), milliseconds: try number(2, "MILLISECONDS"))
        case ("leader", 4): self = .leader(topic: words[1], partition: try number(2, "PARTITION"), broker: try number(3, "BROKER"))
        case ("coordinator", 3): self = .coordinator(group: words[1], broker: try number(2, "BROKER"))
        case ("errors", 4):
            guard let kind = KafkaRequestKind(name: words[1]) else {
                throw ParseError(description: "unknown request \(words[1]); one of \(KafkaRequestKind.allCases.map(\.name).joined(separator: ", "))")
            }
            self = .requestErrors(kind, count: try number(2, "COUNT"), error: words[3])
        default:
            throw ParseError(description: "not a fault command: \(line) (broker-down B | broker-up B | rtt B MS | leader TOPIC P B | coordinator GROUP B | errors REQUEST COUNT ERROR)")
        }
    }

    /// Applies the fault to `cluster`.
    public func apply(to cluster: EmbeddedKafkaCluster) throws(KafkaError) {
        switch self {
        case .brokerDown(let broker): try cluster.setBrokerDown(broker)
        case .brokerUp(let broker): try cluster.setBrokerUp(broker)
        case .roundTrip(let broker, let milliseconds): try cluster.setBrokerRoundTrip(broker, milliseconds: milliseconds)
        case .leader(let topic, let partition, let broker): try cluster.setPartitionLeader(topic: topic, partition: partition, broker: broker)
        case .coordinator(let group, let broker): try cluster.setGroupCoordinator(group: group, broker: broker)
        case .requestErrors(let kind, let count, let error): try cluster.pushRequestErrors(kind, Array(repeating: error, count: count))
        }
    }
}
