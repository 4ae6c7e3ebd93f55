import CRdKafka

/// An in-process Kafka cluster: librdkafka's mock cluster, reachable on loopback by any Kafka
/// client, for the demo, the benchmark, local development and tests.
///
/// Not durable, and each partition keeps only about its newest 5 MB (older records are dropped
/// silently): use many partitions and stream rather than preloading large backlogs.
public final class EmbeddedKafkaCluster: Sendable {
    private let handle: KafkaHandle
    nonisolated(unsafe) private let cluster: OpaquePointer
    /// Fault injection may come from another thread than the shutdown (`quimbi dev-broker` reads
    /// commands from standard input): no mock call runs on a destroyed cluster.
    private let gate = UseGate()
    /// `host:port,…` of the cluster's brokers.
    public let bootstrapServers: String

    /// Starts a cluster of `brokers` brokers on loopback.
    public init(brokers: Int = 3) throws(KafkaError) {
        let conf = try KafkaConfiguration(bootstrapServers: "", clientID: "quimbi-embedded-broker")
            .makeNativeConfiguration(defaults: [("log_level", "3")])
        handle = try KafkaHandle(type: RD_KAFKA_PRODUCER, configuration: conf)
        guard let cluster = rd_kafka_mock_cluster_new(handle.pointer, Int32(brokers)) else {
            handle.destroy()
            throw KafkaError(.embeddedBrokerFailed, "could not start the mock cluster")
        }
        self.cluster = cluster
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    /// Creates a topic (idempotent for the same partition count).
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int = 1) throws(KafkaError) {
        let error = try withCluster("create topic \(name)") { rd_kafka_mock_topic_create($0, name, Int32(partitions), Int32(replicationFactor)) }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR || error == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS else {
            throw KafkaError(.embeddedBrokerFailed, "create topic \(name)", error: error)
        }
    }

    /// Runs a mock-cluster call unless the cluster was shut down.
    func withCluster<T>(_ what: String, _ body: (OpaquePointer) -> T) throws(KafkaError) -> T {
        nonisolated(unsafe) let cluster = cluster
        guard let result = gate.use({ body(cluster) }) else {
            throw KafkaError(.embeddedBrokerFailed, "\(what): the cluster was shut down")
        }
        return result
    }

    /// Stops the cluster. Connected clients see their brokers disappear.
    public func shutdown() async {
        guard !gate.close() else { return }
        nonisolated(unsafe) let cluster = cluster
        let handle = handle
        let gate = gate
        await DedicatedThread.run(name: "mock-kafka-stop") {
            gate.waitUntilUnused()
            rd_kafka_mock_cluster_destroy(cluster)
            handle.destroy()
        }.wait()
    }
}
