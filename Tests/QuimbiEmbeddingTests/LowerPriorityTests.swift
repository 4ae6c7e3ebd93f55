import Foundation
@testable import QuimbiEmbedding
import QuimbiResilience
import Testing

/// The engine threads run in the idle scheduling class, so that a saturated pipeline keeps the processors.
struct LowerPriorityTests {
    @Test func aThreadLoweredRunsInTheIdleSchedulingClass() async throws {
        let (before, applied, policy) = await withCheckedContinuation { (done: CheckedContinuation<(Int?, LowerPriority.Applied, Int?), Never>) in
            NamedThread.start(name: "lowered") {
                let before = Self.currentThreadPolicy()
                let applied = LowerPriority.applyToCurrentThread()
                done.resume(returning: (before, applied, Self.currentThreadPolicy()))
            }
        }
        #expect(before == Self.normalPolicy, "a new thread starts in the normal class")
        #expect(applied == .idleClass)
        #expect(policy == Self.idlePolicy, "the kernel reports SCHED_IDLE for the thread")
    }

    @Test func otherThreadsKeepTheirClass() async throws {
        let lowered = await withCheckedContinuation { (done: CheckedContinuation<LowerPriority.Applied, Never>) in
            NamedThread.start(name: "lowered") { done.resume(returning: LowerPriority.applyToCurrentThread()) }
        }
        #expect(lowered == .idleClass)
        let policy = await withCheckedContinuation { (done: CheckedContinuation<Int?, Never>) in
            NamedThread.start(name: "normal") { done.resume(returning: Self.currentThreadPolicy()) }
        }
        #expect(policy == Self.normalPolicy)
    }

    private static let normalPolicy = 0
    private static let idlePolicy = 5

    /// The calling thread's scheduling policy as the kernel reports it: field 41 of `/proc/thread-self/stat`,
    /// counted after the command name's closing parenthesis (field 2, which may hold spaces).
    private static func currentThreadPolicy() -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/thread-self/stat", encoding: .utf8),
              let nameEnd = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
        return fields.count > 38 ? Int(fields[38]) : nil
    }
}
