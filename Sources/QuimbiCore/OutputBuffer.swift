/// Bytes appended to memory the buffer owns, grown by doubling: an append is a capacity check and a copy.
///
/// The worker's output events (``JSONByteWriter``) and its LLM prompts are written into one, piece by
/// piece: an `Array` checks its uniqueness and goes through a generic append on every call, and
/// `String.append` costs some 340 instructions a piece, where a prompt has more than a hundred pieces.
/// Noncopyable, because it frees its memory.
public struct OutputBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written so far.
    public private(set) var count = 0

    /// An empty buffer with room for `capacity` bytes.
    public init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The bytes written so far.
    public var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes written so far as text (UTF-8; an invalid sequence, which only bytes appended as bytes
    /// can make, is repaired).
    public var string: String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// The last byte written, if any.
    public var lastByte: UInt8? {
        count > 0 ? base[count - 1] : nil
    }

    /// Appends one byte.
    public mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends `bytes` as they are.
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends the UTF-8 bytes of `text`.
    public mutating func append(_ text: String) {
        text.withContiguousUTF8 { append($0) }
    }

    /// Appends the UTF-8 bytes of `text`.
    public mutating func append(_ text: Substring) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends the UTF-8 bytes of `literal`.
    public mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    /// Appends `parts` with `separator` between them, as `parts.joined(separator:)` would read.
    public mutating func append(joining parts: [String], separator: String) {
        for (index, part) in parts.enumerated() {
            if index > 0 { append(separator) }
            append(part)
        }
    }

    /// Appends `count` bytes that `body` writes in place, from the pointer it is given.
    public mutating func append(count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        append(atMost: count) { out in
            body(out)
            return count
        }
    }

    /// Appends the bytes that `body` writes in place, from the pointer it is given: it may write up to
    /// `maxCount` and returns how many it wrote.
    public mutating func append(atMost maxCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maxCount)
        let written = body(base + count)
        precondition((0...maxCount).contains(written), "wrote \(written) bytes where \(maxCount) were reserved")
        count += written
    }

    /// Makes room for `extra` more bytes.
    public mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toHold: count + extra) }
    }

    @inline(never)
    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
