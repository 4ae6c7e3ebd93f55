/// Writes an object's members straight to the output, in the order they are encoded.
struct StreamingKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let output: JSONOutput
    let depth: Int
    let id: Int

    var codingPath: [any CodingKey] { [] }

    private func begin(_ key: Key) throws {
        try output.beginElement(depth: depth, id: id, key: key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws { try begin(key); output.writer.writeLiteral("null") }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try begin(key); output.writer.writeLiteral(value ? "true" : "false") }
    mutating func encode(_ value: String, forKey key: Key) throws { try begin(key); output.writer.writeString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try begin(key); try output.writeNumber(value, key: key.stringValue) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try begin(key); try output.writeNumber(value, key: key.stringValue) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try begin(key); output.writer.writeInteger(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try begin(key); output.writer.writeInteger(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try begin(key); output.writer.writeInteger(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try begin(key); output.writer.writeInteger(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try begin(key); output.writer.writeInteger(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try begin(key); output.writer.writeInteger(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try begin(key); output.writer.writeInteger(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try begin(key); output.writer.writeInteger(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try begin(key); output.writer.writeInteger(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try begin(key); output.writer.writeInteger(value) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try begin(key)
        try output.encodeNested(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        output.nestedKeyedContainer(in: depth) { try begin(key) }
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        output.nestedUnkeyedContainer(in: depth) { try begin(key) }
    }

    mutating func superEncoder() -> any Encoder {
        ValueEncoder(superOf: output, opened: (try? output.beginElement(depth: depth, id: id, key: "super")) != nil)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        ValueEncoder(superOf: output, opened: (try? begin(key)) != nil)
    }
}

/// Writes an array's elements straight to the output.
struct StreamingUnkeyedContainer: UnkeyedEncodingContainer, StreamingValueSlot {
    let output: JSONOutput
    let depth: Int
    let id: Int
    private(set) var count = 0

    init(output: JSONOutput, depth: Int, id: Int) {
        self.output = output
        self.depth = depth
        self.id = id
    }

    var codingPath: [any CodingKey] { [] }

    mutating func begin() throws {
        try output.beginElement(depth: depth, id: id, key: nil)
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        output.nestedKeyedContainer(in: depth) { try begin() }
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        output.nestedUnkeyedContainer(in: depth) { try begin() }
    }

    mutating func superEncoder() -> any Encoder {
        ValueEncoder(superOf: output, opened: (try? begin()) != nil)
    }
}

/// Writes one value in the slot its encoder was given; a second value in the same slot throws.
struct StreamingSingleValueContainer: SingleValueEncodingContainer, StreamingValueSlot {
    let output: JSONOutput
    /// Cleared once the slot holds its value (or when the slot could not be opened).
    private var open: Bool

    init(output: JSONOutput, open: Bool) {
        self.output = output
        self.open = open
    }

    var codingPath: [any CodingKey] { [] }

    mutating func begin() throws {
        guard open else {
            throw EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "a single-value container holds one value"))
        }
        open = false
    }
}

/// A container whose values each go into a slot it prepares with `begin()`: an array's next element,
/// or a single value. Writes every kind of value the same way for both.
protocol StreamingValueSlot {
    var output: JSONOutput { get }
    /// Prepares the slot of the next value (separator), or throws when no value may go there.
    mutating func begin() throws
}

extension StreamingValueSlot {
    mutating func encodeNil() throws { try begin(); output.writer.writeLiteral("null") }
    mutating func encode(_ value: Bool) throws { try begin(); output.writer.writeLiteral(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { try begin(); output.writer.writeString(value) }
    mutating func encode(_ value: Double) throws { try begin(); try output.writeNumber(value, key: nil) }
    mutating func encode(_ value: Float) throws { try begin(); try output.writeNumber(value, key: nil) }
    mutating func encode(_ value: Int) throws { try begin(); output.writer.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { try begin(); output.writer.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { try begin(); output.writer.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { try begin(); output.writer.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { try begin(); output.writer.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { try begin(); output.writer.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { try begin(); output.writer.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { try begin(); output.writer.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { try begin(); output.writer.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { try begin(); output.writer.writeInteger(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try begin()
        try output.encodeNested(value)
    }
}

extension JSONOutput {
    /// An object nested in the element `begin` prepares in the container at `depth`; when `begin`
    /// fails, a container that throws on every write.
    func nestedKeyedContainer<Key: CodingKey>(in depth: Int, begin: () throws -> Void) -> KeyedEncodingContainer<Key> {
        let frame = (try? begin()).map { open(object: true) } ?? (depth: depth, id: -1)
        return KeyedEncodingContainer(StreamingKeyedContainer<Key>(output: self, depth: frame.depth, id: frame.id))
    }

    /// An array nested in the element `begin` prepares in the container at `depth`; when `begin`
    /// fails, a container that throws on every write.
    func nestedUnkeyedContainer(in depth: Int, begin: () throws -> Void) -> any UnkeyedEncodingContainer {
        let frame = (try? begin()).map { open(object: false) } ?? (depth: depth, id: -1)
        return StreamingUnkeyedContainer(output: self, depth: frame.depth, id: frame.id)
    }
}
