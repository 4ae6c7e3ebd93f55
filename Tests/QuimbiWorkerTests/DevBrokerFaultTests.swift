import Foundation
import Testing

/// `quimbi dev-broker` takes fault commands on standard input and from a `--faults` schedule.
@Suite(.serialized) struct DevBrokerFaultTests {
    private func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quimbi-faults-\(UUID().uuidString)")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func commandsOnStandardInputAreAppliedAndAnswered() async throws {
        let commands = try file("broker-down 2\nbroker-up 2\n\nerrors produce 2 _TRANSPORT\nreboot 2\nbroker-down 9\n")
        let broker = try QuimbiProcess(["dev-broker", "--broker-count", "2", "--partitions", "1"], standardInput: commands)
        try await waitUntil(timeout: .seconds(30), "three answers") { broker.stdoutLines.count >= 4 }
        #expect(Array(broker.stdoutLines.dropFirst()) == ["ok broker-down 2", "ok broker-up 2", "ok errors produce 2 _TRANSPORT"])
        try await waitUntil(timeout: .seconds(10), "two errors") { broker.stderrText.components(separatedBy: "error: ").count == 3 }
        #expect(broker.stderrText.contains("error: not a fault command: reboot 2"))
        try await expectGracefulExit(broker, within: .seconds(10))
    }

    @Test func aScheduleIsAppliedInTimeOrder() async throws {
        let schedule = try file("# outage\n0.3 broker-up 1\n0.1 broker-down 1   # first\n")
        let broker = try QuimbiProcess(["dev-broker", "--broker-count", "1", "--partitions", "1", "--faults", schedule.path])
        try await waitUntil(timeout: .seconds(30), "both commands") { broker.stdoutLines.count >= 3 }
        #expect(Array(broker.stdoutLines.dropFirst()) == ["ok broker-down 1", "ok broker-up 1"])
        try await expectGracefulExit(broker, within: .seconds(10))
    }

    /// `quimbi bench` starts its broker with its own process id: a broker whose parent is gone stops by itself
    /// (one whose parent lives on is every `quimbi bench` run's, in `BenchReportTests`).
    @Test func aBrokerWhoseNamedParentIsGoneStopsByItself() async throws {
        let orphan = try QuimbiProcess(["dev-broker", "--broker-count", "1", "--partitions", "1", "--parent-pid", "1"])
        #expect(try await orphan.firstLine().contains("127.0.0.1:"), "it started before it stopped")
        #expect(try await orphan.waitForExit(timeout: .seconds(30)) == 0, "\(orphan.stderrText)")
    }

    @Test func aMalformedScheduleIsRefusedWithItsLine() async throws {
        let schedule = try file("1 broker-down 1\nsoon broker-up 1\n")
        let broker = try QuimbiProcess(["dev-broker", "--faults", schedule.path])
        #expect(try await broker.waitForExit(timeout: .seconds(30)) != 0)
        #expect(broker.stderrText.contains(":2: expected `SECONDS COMMAND`"), "\(broker.stderrText)")
    }
}
