/// Reads little-endian fields from a byte buffer, never past its end: a truncated or garbled file
/// ends in an error, not a read out of bounds.
struct ByteCursor {
    /// What ran past the end, for the error message.
    struct Overrun: Error { let field: String }

    private let bytes: UnsafeRawBufferPointer
    /// The offset of the next field.
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Bytes in the buffer.
    var count: Int { bytes.count }

    mutating func read<T: FixedWidthInteger>(_: T.Type, _ field: String) throws(Overrun) -> T {
        let size = MemoryLayout<T>.size
        guard offset <= bytes.count - size else { throw Overrun(field: field) }
        defer { offset += size }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    mutating func readFloat(_ field: String) throws(Overrun) -> Float {
        Float(bitPattern: try read(UInt32.self, field))
    }

    /// The next `count` bytes.
    mutating func bytes(_ count: Int, _ field: String) throws(Overrun) -> UnsafeRawBufferPointer {
        guard count >= 0, offset <= bytes.count - count else { throw Overrun(field: field) }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    /// Moves past `count` bytes.
    mutating func skip(_ count: Int, _ field: String) throws(Overrun) {
        _ = try bytes(count, field)
    }
}
