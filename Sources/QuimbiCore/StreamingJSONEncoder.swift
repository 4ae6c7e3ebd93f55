import Foundation

/// Encodes an `Encodable` value straight into JSON bytes, as ``QuimbiJSON/makeEncoder()`` would
/// (dates as RFC 3339 strings, `Data` as base64, slashes unescaped, non-finite numbers refused), but
/// without building Foundation's intermediate tree of values. The worker writes its dead letters with it;
/// drafts and escalations write their own JSON (``JSONWritable``), which the tests hold byte-equal to it.
///
/// Keys come out in the order the value encodes them. Containers must be used the way synthesized
/// `Codable` code uses them: a nested container or value is finished before its parent goes on;
/// writing to a container after that throws. `codingPath` is not tracked (always empty); errors name
/// the key instead.
public struct StreamingJSONEncoder: Sendable {
    public init() {}

    /// The JSON bytes of `value`.
    ///
    /// - Throws: `EncodingError.invalidValue` for a non-finite number, a container used out of order,
    ///   or a value that encodes nothing at the top level.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let output = JSONOutput()
        guard try output.encodeValue(value) else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(T.self) did not encode any value"))
        }
        return output.writer.bytes
    }
}

/// The state of one encoding: the bytes written and the objects and arrays still open.
final class JSONOutput {
    var writer = JSONByteWriter(capacity: 2_048)

    /// An open object or array.
    private struct Frame {
        let id: Int
        let isObject: Bool
        var count = 0
    }

    private var frames: [Frame] = []
    private var nextFrameID = 0
    /// A member opened for a super encoder and not written yet: it gets `{}` if its parent goes on first.
    private var pendingSlot: Int?

    /// Writes `value`; returns whether it wrote anything (a value that asks for no container writes nothing).
    @discardableResult
    func encodeValue<T: Encodable>(_ value: T) throws -> Bool {
        if T.self == Date.self {
            writer.writeDate(value as! Date)
            return true
        }
        if T.self == Data.self {
            writer.writeString((value as! Data).base64EncodedString())
            return true
        }
        let entryDepth = frames.count
        let encoder = ValueEncoder(output: self)
        try value.encode(to: encoder)
        closeFrames(above: entryDepth)
        return encoder.wrote
    }

    /// Writes a nested value; one that encodes nothing is written `{}`, as Foundation does.
    func encodeNested<T: Encodable>(_ value: T) throws {
        if try !encodeValue(value) { writer.writeLiteral("{}") }
    }

    /// Marks the member just begun as the slot of a super encoder; returns the slot's id.
    func reserveSlot() -> Int {
        nextFrameID += 1
        pendingSlot = nextFrameID
        return nextFrameID
    }

    /// Whether the super encoder of `slot` may still write its value (then the slot is taken).
    func takeSlot(_ slot: Int) -> Bool {
        guard pendingSlot == slot else { return false }
        pendingSlot = nil
        return true
    }

    /// Opens an object or array; returns its frame's id.
    func open(object: Bool) -> (depth: Int, id: Int) {
        writer.write(object ? 0x7B : 0x5B)
        nextFrameID += 1
        frames.append(Frame(id: nextFrameID, isObject: object))
        return (frames.count - 1, nextFrameID)
    }

    /// Prepares the frame at `depth` for its next element: closes what was nested in it and writes
    /// the separator, and the key when given.
    func beginElement(depth: Int, id: Int, key: String?) throws {
        fillPendingSlot()
        closeFrames(above: depth + 1)
        guard depth < frames.count, frames[depth].id == id else {
            throw EncodingError.invalidValue(
                key ?? "", .init(codingPath: [], debugDescription: "a JSON container was written to after it was finished"))
        }
        if frames[depth].count > 0 { writer.write(0x2C) }
        frames[depth].count += 1
        if let key {
            writer.writeString(key)
            writer.write(0x3A)
        }
    }

    func writeNumber<T: BinaryFloatingPoint & LosslessStringConvertible>(_ value: T, key: String?) throws {
        try writer.writeFloatingPoint(value, at: key ?? "a value")
    }

    private func fillPendingSlot() {
        guard pendingSlot != nil else { return }
        pendingSlot = nil
        writer.writeLiteral("{}")
    }

    private func closeFrames(above depth: Int) {
        fillPendingSlot()
        while frames.count > depth {
            writer.write(frames.removeLast().isObject ? 0x7D : 0x5D)
        }
    }
}

/// The `Encoder` handed to one value's `encode(to:)`, or a super encoder writing into a member.
final class ValueEncoder: Encoder {
    let output: JSONOutput
    /// Whether the value wrote anything.
    private(set) var wrote = false
    /// The member a super encoder writes into; `nil` for a plain value, `-1` when it could not be opened.
    private let slot: Int?
    private var keyedFrame: (depth: Int, id: Int)?

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(output: JSONOutput) {
        self.output = output
        slot = nil
    }

    /// A super encoder for the member just begun (`opened`), or an unusable one when beginning it failed.
    init(superOf output: JSONOutput, opened: Bool) {
        self.output = output
        slot = opened ? output.reserveSlot() : -1
    }

    /// Whether the value may be written now.
    private func start() -> Bool {
        defer { wrote = true }
        guard let slot, !wrote else { return true }
        return output.takeSlot(slot)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if keyedFrame == nil { keyedFrame = start() ? output.open(object: true) : (depth: 0, id: -1) }
        let frame = keyedFrame ?? (depth: 0, id: -1)
        return KeyedEncodingContainer(StreamingKeyedContainer<Key>(output: output, depth: frame.depth, id: frame.id))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let frame = start() ? output.open(object: false) : (depth: 0, id: -1)
        return StreamingUnkeyedContainer(output: output, depth: frame.depth, id: frame.id)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StreamingSingleValueContainer(output: output, open: start())
    }
}
