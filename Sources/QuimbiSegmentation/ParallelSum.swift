import Dispatch
import Foundation

/// Sums a per-range function over `0..<count`, on all cores when the input is large.
enum ParallelSum {
    static let parallelThreshold = 20_000

    static func sum<Value: AdditiveArithmetic & BitwiseCopyable & Sendable>(count: Int, _ body: @Sendable (Range<Int>) -> Value) -> Value {
        let chunks = count < parallelThreshold ? 1 : ProcessInfo.processInfo.activeProcessorCount * 2
        guard chunks > 1 else { return body(0..<count) }
        let partials = UnsafeMutableBufferPointer<Value>.allocate(capacity: chunks)
        partials.initialize(repeating: .zero)
        defer { partials.deallocate() }
        let size = (count + chunks - 1) / chunks
        // Each iteration writes only its own slot.
        nonisolated(unsafe) let slots = partials
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            slots[chunk] = body(min(count, chunk * size)..<min(count, (chunk + 1) * size))
        }
        return partials.reduce(.zero, +)
    }
}
