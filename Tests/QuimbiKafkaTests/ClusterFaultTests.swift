import Testing
@testable import QuimbiKafka

/// `quimbi dev-broker`'s fault commands: parsed strictly, applied to the mock cluster.
@Suite struct ClusterFaultTests {
    @Test func parsesEveryCommand() throws {
        #expect(try ClusterFault(parsing: "broker-down 2") == .brokerDown(2))
        #expect(try ClusterFault(parsing: "broker-up  2") == .brokerUp(2))
        #expect(try ClusterFault(parsing: "rtt 1 250") == .roundTrip(broker: 1, milliseconds: 250))
        #expect(try ClusterFault(parsing: "leader support.drafts 3 2") == .leader(topic: "support.drafts", partition: 3, broker: 2))
        #expect(try ClusterFault(parsing: "coordinator quimbi-worker 1") == .coordinator(group: "quimbi-worker", broker: 1))
        #expect(try ClusterFault(parsing: "errors init-producer-id 1 CLUSTER_AUTHORIZATION_FAILED")
            == .requestErrors(.initProducerID, count: 1, error: "CLUSTER_AUTHORIZATION_FAILED"))
        #expect(KafkaRequestKind.allCases.allSatisfy { KafkaRequestKind(name: $0.name) == $0 })
        #expect(KafkaRequestKind.listOffsets.name == "list-offsets")
    }

    @Test(arguments: ["", "broker-down", "broker-down one", "broker-down -1", "rtt 1", "leader t x 1", "errors nothing 1 _TRANSPORT", "reboot 1"])
    func rejectsMalformedCommands(line: String) {
        #expect(throws: ClusterFault.ParseError.self) { try ClusterFault(parsing: line) }
    }

    @Test func appliesToTheCluster() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 2)
        try cluster.createTopic("t", partitions: 1)
        for line in ["broker-down 2", "broker-up 2", "rtt 1 5", "leader t 0 2", "coordinator g 1", "errors produce 2 _TRANSPORT"] {
            try ClusterFault(parsing: line).apply(to: cluster)
        }
        #expect(throws: KafkaError.self) { try ClusterFault(parsing: "errors produce 1 NO_SUCH_ERROR").apply(to: cluster) }
        #expect(throws: KafkaError.self) { try ClusterFault(parsing: "broker-down 7").apply(to: cluster) }
        await cluster.shutdown()
        #expect(throws: KafkaError.self) { try ClusterFault(parsing: "broker-up 1").apply(to: cluster) }
    }
}
