import Foundation
import QuimbiKafka
import QuimbiResilience

/// `quimbi dev-broker` run as a child of this process: the benchmark's embedded cluster, kept apart so that
/// the benchmark's own memory and threads are the worker's (with its publisher and reader), as in production,
/// and not the broker's, whose log keeps every ticket and draft of the run.
///
/// The child is told this process's id (`--parent-pid`) and stops by itself if this process dies first.
struct DevBrokerProcess: Sendable {
    /// `host:port,…` of its brokers.
    let bootstrapServers: String
    /// The child's process id.
    let processID: Int32
    private let exited: OneShotSignal
    /// Its standard output, held open so that the child can still write to it.
    private let output: Pipe

    /// Starts a cluster of `brokers` brokers whose topics `topics` have `partitions` partitions each, and
    /// returns once it prints its bootstrap servers.
    static func start(brokers: Int, partitions: Int, topics: [String]) async throws -> DevBrokerProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        process.arguments = ["dev-broker", "--broker-count", "\(brokers)", "--partitions", "\(partitions)", "--parent-pid", "\(getpid())"]
            + topics.flatMap { ["--topic", $0] }
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        let exited = OneShotSignal()
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let reading = output.fileHandleForReading
        let firstLine = await withCheckedContinuation { continuation in
            // A blocking read, kept off Swift's cooperative thread pool.
            NamedThread.start(name: "dev-broker-out") { continuation.resume(returning: Self.firstLine(of: reading)) }
        }
        let broker = DevBrokerProcess(bootstrapServers: firstLine, processID: process.processIdentifier, exited: exited, output: output)
        guard !firstLine.isEmpty else {
            await broker.stop()
            throw CommandFailure("quimbi dev-broker exited without printing its bootstrap servers")
        }
        return broker
    }

    /// The child's peak resident set size in megabytes (`VmHWM`), or nil once it has exited.
    func peakMemoryMegabytes() -> Double? {
        exited.isSet ? nil : PeakMemory.megabytes(ofProcess: processID)
    }

    /// Stops the child as on Ctrl-C (SIGTERM) and waits for it to exit; one that has not exited after
    /// `timeout` is killed.
    func stop(timeout: Duration = .seconds(10)) async {
        // Once reaped, its id may be another process's.
        guard !exited.isSet else { return }
        kill(processID, SIGTERM)
        let exited = exited
        guard (try? await Deadline.run(until: .now + timeout) { await exited.wait() }) == nil else { return }
        kill(processID, SIGKILL)
        await exited.wait()
    }

    /// Reads up to the first newline (or the end); empty when the child printed nothing.
    private static func firstLine(of handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        while true {
            guard let chunk = try? handle.read(upToCount: 1), let byte = chunk.first, byte != 0x0A else { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
