import ArgumentParser
import Foundation
import Logging
import QuimbiKafka
import QuimbiWorker
import ServiceLifecycle

/// `quimbi dev-broker`: an embedded Kafka cluster for local development.
struct DevBrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-broker",
        abstract: "Run an embedded Kafka (librdkafka mock cluster) on loopback; prints its bootstrap servers first.",
        discussion: """
            Not durable, and each partition keeps only about its newest 5 MB (older records are dropped silently). \
            Runs until SIGINT or SIGTERM.
            """
    )

    @Option(help: "Brokers in the cluster.")
    var brokerCount: Int = 3

    @Option(help: "Partitions of each default topic.")
    var partitions: Int = 12

    @Option(name: .customLong("topic"), help: "An extra topic to create (repeatable).")
    var extraTopics: [String] = []

    func validate() throws {
        guard (1...9).contains(brokerCount) else { throw ValidationError("--broker-count must be 1…9") }
        guard (1...1_000).contains(partitions) else { throw ValidationError("--partitions must be 1…1000") }
    }

    func run() async throws {
        let logger = CommandLogging.logger("quimbi.dev-broker")
        let cluster = try EmbeddedKafkaCluster(brokers: brokerCount)
        for topic in WorkerTopics().all + extraTopics {
            try cluster.createTopic(topic, partitions: partitions)
        }
        print(cluster.bootstrapServers)
        fflush(nil)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: IdleUntilShutdown())],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
        await cluster.shutdown()
    }
}

/// A service that does nothing until the graceful shutdown begins.
struct IdleUntilShutdown: Service {
    func run() async throws {
        try? await gracefulShutdown()
    }
}
