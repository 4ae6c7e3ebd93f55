import Foundation

/// Splits text into its non-empty lines, chunk by chunk, so that a file is never held whole: each
/// line (surrounding spaces, tabs and carriage returns removed) is handed over with its 1-based
/// number; a line cut by a chunk boundary is carried to the next chunk. Works on the UTF-8 bytes.
struct TextLines {
    private var carried: [UInt8] = []
    private var number = 0

    /// Hands over the complete lines of `chunk`; keeps its unfinished last line for the next call.
    mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        guard let newline = chunk.firstIndex(of: 0x0A) else {
            carried.append(contentsOf: chunk)
            return
        }
        if carried.isEmpty {
            emit(UnsafeBufferPointer(rebasing: chunk[..<newline]), body)
        } else {
            carried.append(contentsOf: chunk[..<newline])
            carried.withUnsafeBufferPointer { emit($0, body) }
            carried.removeAll(keepingCapacity: true)
        }
        var start = newline + 1
        while let end = chunk[start...].firstIndex(of: 0x0A) {
            emit(UnsafeBufferPointer(rebasing: chunk[start..<end]), body)
            start = end + 1
        }
        carried.append(contentsOf: chunk[start...])
    }

    /// Hands over the last line, which has no newline after it.
    mutating func finish(_ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        carried.withUnsafeBufferPointer { emit($0, body) }
        carried.removeAll()
    }

    private mutating func emit(_ line: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        number += 1
        var low = 0
        var high = line.count
        while low < high, Self.isBlank(line[low]) { low += 1 }
        while high > low, Self.isBlank(line[high - 1]) { high -= 1 }
        if high > low { body(UnsafeBufferPointer(rebasing: line[low..<high]), number) }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
}
