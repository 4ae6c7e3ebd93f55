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

            Fault injection, for chaos tests: each line on standard input is a command, applied at once and \
            answered `ok COMMAND` on stdout (`error: …` on stderr). Brokers are numbered from 1.
              broker-down B | broker-up B          take broker B off the network, and back
              rtt B MS                             delay broker B's answers by MS milliseconds
              leader TOPIC P B                     make broker B the leader of TOPIC's partition P
              coordinator GROUP B                  make broker B the coordinator of consumer group GROUP
              errors REQUEST N ERROR               fail the next N requests of REQUEST (produce, fetch, \
            init-producer-id, …) with librdkafka error ERROR (NOT_LEADER_FOR_PARTITION, _TRANSPORT, …)
            --faults FILE applies the same commands on a schedule: lines `SECONDS COMMAND`, SECONDS after start \
            (`#` starts a comment).
            """
    )

    @Option(help: "Brokers in the cluster.")
    var brokerCount: Int = 3

    @Option(help: "Partitions of each default topic.")
    var partitions: Int = 12

    @Option(name: .customLong("topic"), help: "An extra topic to create (repeatable).")
    var extraTopics: [String] = []

    @Option(help: "A schedule of fault commands: lines `SECONDS COMMAND` (see below).")
    var faults: String?

    @Option(help: "Stop, as on SIGTERM, once this is no longer the parent process's id (for a program that starts the broker, such as quimbi bench, and may die before stopping it).")
    var parentPid: Int32?

    func validate() throws {
        guard (1...9).contains(brokerCount) else { throw ValidationError("--broker-count must be 1…9") }
        guard (1...1_000).contains(partitions) else { throw ValidationError("--partitions must be 1…1000") }
    }

    func run() async throws {
        let logger = CommandLogging.logger("quimbi.dev-broker")
        let schedule = try faults.map(FaultSchedule.init(contentsOf:))?.entries ?? []
        let cluster = try EmbeddedKafkaCluster(brokers: brokerCount)
        for topic in WorkerTopics().all + extraTopics {
            try cluster.createTopic(topic, partitions: partitions)
        }
        print(cluster.bootstrapServers)
        fflush(nil)
        let started = ContinuousClock.now
        let scheduled = Task {
            for entry in schedule {
                try? await Task.sleep(until: started + entry.after, clock: .continuous)
                guard !Task.isCancelled else { return }
                Self.apply(entry.command, to: cluster)
            }
        }
        let commands = Task {
            for await line in StandardInputLines.stream() { Self.apply(line, to: cluster) }
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: IdleUntilShutdown())]
        if let parentPid {
            services.append(.init(service: ParentProcessWatch(parentID: parentPid), successTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
        scheduled.cancel()
        commands.cancel()
        await cluster.shutdown()
    }

    /// Applies one fault command and answers on stdout (`ok …`) or stderr (`error: …`).
    private static func apply(_ line: String, to cluster: EmbeddedKafkaCluster) {
        let command = line.trimmingCharacters(in: .whitespaces)
        guard !command.isEmpty, !command.hasPrefix("#") else { return }
        do {
            try ClusterFault(parsing: command).apply(to: cluster)
            print("ok \(command)")
            fflush(nil)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        }
    }
}

/// A `--faults` file: lines `SECONDS COMMAND`, in any order; `#` starts a comment.
struct FaultSchedule {
    var entries: [(after: Duration, command: String)]

    init(contentsOf path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var entries: [(after: Duration, command: String)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, let seconds = Double(parts[0]), seconds >= 0 else {
                throw ValidationError("\(path):\(index + 1): expected `SECONDS COMMAND`")
            }
            do {
                _ = try ClusterFault(parsing: parts[1])
            } catch {
                throw ValidationError("\(path):\(index + 1): \(error)")
            }
            entries.append((.seconds(seconds), parts[1]))
        }
        self.entries = entries.sorted { $0.after < $1.after }
    }
}

/// A service that does nothing until the graceful shutdown begins.
struct IdleUntilShutdown: Service {
    func run() async throws {
        try? await gracefulShutdown()
    }
}
