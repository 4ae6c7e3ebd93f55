import Dispatch
import Foundation

/// Splits `0..<count` into ranges run on all cores when the input is large, in one range otherwise.
enum ParallelChunks {
    static let parallelThreshold = 20_000

    /// `body` of each range, in the ranges' order.
    static func map<Value: Sendable>(count: Int, _ body: @Sendable (Range<Int>) -> Value) -> [Value] {
        let chunks = count < parallelThreshold ? 1 : ProcessInfo.processInfo.activeProcessorCount * 2
        guard chunks > 1 else { return [body(0..<count)] }
        let partials = UnsafeMutableBufferPointer<Value?>.allocate(capacity: chunks)
        partials.initialize(repeating: nil)
        defer {
            partials.deinitialize()
            partials.deallocate()
        }
        let size = (count + chunks - 1) / chunks
        // Each iteration writes only its own slot.
        nonisolated(unsafe) let slots = partials
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            slots[chunk] = body(min(count, chunk * size)..<min(count, (chunk + 1) * size))
        }
        return partials.map { $0! }
    }

    /// `element` of each index of `0..<count`, in order, written in place (no array of ranges' arrays to join).
    static func elements<Element: Sendable>(count: Int, _ element: @Sendable (Int) -> Element) -> [Element] {
        Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each range initialises only its own elements.
            nonisolated(unsafe) let slots = buffer
            _ = map(count: count) { range in
                for index in range { (slots.baseAddress! + index).initialize(to: element(index)) }
            }
            initialized = count
        }
    }

    /// The sum of `body` over the ranges.
    static func sum<Value: AdditiveArithmetic & Sendable>(count: Int, _ body: @Sendable (Range<Int>) -> Value) -> Value {
        map(count: count, body).reduce(.zero, +)
    }
}
