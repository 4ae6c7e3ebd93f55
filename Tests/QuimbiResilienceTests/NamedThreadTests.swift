import Foundation
import QuimbiResilience
import Testing

@Suite struct NamedThreadTests {
    /// The kernel names of this process's threads.
    static func threadNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").map {
            try String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8).trimmingCharacters(in: .newlines)
        }
    }

    @Test func theKernelKnowsTheThreadByItsNameCutToFifteenBytes() throws {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        NamedThread.start(name: "named-thread-test-poll") {
            started.signal()
            release.wait()
        }
        started.wait()
        defer { release.signal() }
        #expect(try Self.threadNames().contains("named-thread-te"))
    }

    @Test func namesAreCutAtACharacterBoundary() {
        #expect(NamedThread.kernelName(for: "e5-0") == "e5-0")
        #expect(NamedThread.kernelName(for: "producer-close-now") == "producer-close-")
        // "é" takes two bytes: the 15th byte would split it.
        #expect(NamedThread.kernelName(for: "abcdefghijklmné") == "abcdefghijklmn")
    }
}
