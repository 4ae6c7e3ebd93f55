import Foundation

/// A `quimbi dev-broker` process and the workers started against it, cleaned up together.
final class Cluster: Sendable {
    let broker: QuimbiProcess
    let brokers: String

    static func start() async throws -> Cluster {
        let broker = try QuimbiProcess(["dev-broker", "--partitions", "12"])
        let brokers = try await broker.firstLine()
        return Cluster(broker: broker, brokers: brokers)
    }

    private init(broker: QuimbiProcess, brokers: String) {
        self.broker = broker
        self.brokers = brokers
    }

    /// Starts `quimbi worker` against this cluster with a small sample store and a short session timeout.
    func startWorker(extra: [String] = []) throws -> QuimbiProcess {
        try QuimbiProcess(
            ["worker", "--brokers", brokers, "--customers", "3000", "--shutdown-timeout-s", "10", "--fetch-wait-max-ms", "5"] + extra,
            environment: ["QUIMBI_KAFKA_SESSION_TIMEOUT_MS": "6000", "QUIMBI_KAFKA_HEARTBEAT_INTERVAL_MS": "500"])
    }

    func stop() async {
        broker.signal(SIGTERM)
        _ = try? await broker.waitForExit(timeout: .seconds(10))
        broker.stop()
    }
}

extension QuimbiProcess {
    /// How many partitions of the ticket topic each "partitions assigned" line of this worker's log
    /// names, oldest first.
    var ticketPartitionAssignments: [Int] {
        stderrText.split(separator: "\n").filter { $0.contains("partitions assigned") }
            .map { $0.components(separatedBy: "support.tickets.created[").count - 1 }
    }
}
