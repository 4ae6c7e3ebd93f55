import Foundation

/// A value that writes its own JSON: the output events of the worker's hot path, without `Codable`'s
/// containers. Each conformance writes the bytes its `Encodable` conformance writes through
/// ``StreamingJSONEncoder`` (same members, same order, absent optionals left out); the tests hold the two
/// byte-equal, and the schema tests check the result.
protocol JSONWritable {
    /// Appends the value's JSON to `json`.
    ///
    /// - Throws: `EncodingError.invalidValue` for a number JSON cannot hold (NaN or an infinity).
    func writeJSON(to json: inout JSONByteWriter) throws
}

extension JSONWritable {
    /// The value's JSON bytes.
    func encodedJSON() throws -> [UInt8] {
        var json = JSONByteWriter(capacity: 4_096)
        try writeJSON(to: &json)
        return json.bytes
    }
}

extension JSONByteWriter {
    /// An object: `{`, the members `body` writes, `}`.
    mutating func object(_ body: (inout JSONByteWriter) throws -> Void) rethrows {
        write(0x7B)
        try body(&self)
        write(0x7D)
    }

    mutating func member(_ key: StaticString, _ value: String) {
        self.key(key)
        writeString(value)
    }

    mutating func member(_ key: StaticString, _ value: Int) {
        self.key(key)
        writeInteger(value)
    }

    mutating func member(_ key: StaticString, _ value: Bool) {
        self.key(key)
        writeLiteral(value ? "true" : "false")
    }

    mutating func member(_ key: StaticString, _ value: Date) {
        self.key(key)
        writeDate(value)
    }

    mutating func member(_ key: StaticString, _ value: Double) throws {
        self.key(key)
        try writeFloatingPoint(value, at: key.description)
    }

    mutating func member<Value: RawRepresentable<String>>(_ key: StaticString, _ value: Value) {
        member(key, value.rawValue)
    }

    mutating func member(_ key: StaticString, _ value: some JSONWritable) throws {
        self.key(key)
        try value.writeJSON(to: &self)
    }

    mutating func member(_ key: StaticString, _ values: [String]) {
        self.key(key)
        array(values) { $0.writeString($1) }
    }

    mutating func member<Value: RawRepresentable<String>>(_ key: StaticString, _ values: [Value]) {
        self.key(key)
        array(values) { $0.writeString($1.rawValue) }
    }

    mutating func member(_ key: StaticString, _ values: [some JSONWritable]) throws {
        self.key(key)
        try array(values) { try $1.writeJSON(to: &$0) }
    }

    /// Writes the member only when there is a value, as `encodeIfPresent` does.
    mutating func member(_ key: StaticString, ifPresent value: String?) {
        if let value { member(key, value) }
    }

    mutating func member(_ key: StaticString, ifPresent value: Double?) throws {
        if let value { try member(key, value) }
    }

    mutating func member(_ key: StaticString, ifPresent value: Bool?) {
        if let value { member(key, value) }
    }

    mutating func member(_ key: StaticString, ifPresent value: (some JSONWritable)?) throws {
        if let value { try member(key, value) }
    }

    mutating func member(_ key: StaticString, ifPresent values: [String]?) {
        if let values { member(key, values) }
    }

    /// An array of `elements`, each written by `write`.
    private mutating func array<Element>(_ elements: [Element], _ write: (inout JSONByteWriter, Element) throws -> Void) rethrows {
        self.write(0x5B)
        for (index, element) in elements.enumerated() {
            if index > 0 { self.write(0x2C) }
            try write(&self, element)
        }
        self.write(0x5D)
    }
}
