import Foundation
import QuimbiCore

/// Text encodings of bound parameters and decodings of result columns.
enum PostgresValues {
    /// A `text[]` literal for `= ANY($1::text[])`; every element quoted, so any content is a plain value.
    /// Written byte by byte: only `"` and `\` need a backslash inside quotes.
    static func textArray(_ values: [String]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(2 + values.reduce(0) { $0 + $1.utf8.count + 3 })
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            for byte in value.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Seconds since 1970 as text, for `to_timestamp($n::float8)`.
    static func epoch(_ date: Date) -> String {
        String(date.timeIntervalSince1970)
    }

    static func date(_ text: String?, column: String) throws(StoreError) -> Date {
        try date(text.flatMap(DecimalNumber.double), column: column)
    }

    /// A date from its seconds since 1970, read as ``PostgresResult/number(_:_:)`` reads them.
    static func date(_ seconds: Double?, column: String) throws(StoreError) -> Date {
        Date(timeIntervalSince1970: try double(seconds, column: column))
    }

    /// A finite number: NaN and ±infinity (which no draft can encode) make the row corrupt.
    static func double(_ text: String?, column: String) throws(StoreError) -> Double {
        try double(text.flatMap(DecimalNumber.double), column: column)
    }

    /// A finite number, read as ``PostgresResult/number(_:_:)`` reads it (`nil`: NULL, or text that is no number).
    static func double(_ value: Double?, column: String) throws(StoreError) -> Double {
        guard let value else { throw .corruptRow("\(column) is not a number") }
        guard value.isFinite else { throw .corruptRow("\(column) is \(value), not a finite number") }
        return value
    }

    /// A nullable number as text: NaN and ±infinity are written as NULL (the columns' CHECK refuses them).
    static func finite(_ value: Double?) -> String? {
        value.flatMap { $0.isFinite ? String($0) : nil }
    }

    /// A finite number of a nullable column; NULL, NaN and ±infinity read as absent.
    static func optionalDouble(_ text: String?) -> Double? {
        optionalDouble(text.flatMap(DecimalNumber.double))
    }

    /// A finite number of a nullable column, read as ``PostgresResult/number(_:_:)`` reads it; NaN and ±infinity
    /// read as absent.
    static func optionalDouble(_ value: Double?) -> Double? {
        value.flatMap { $0.isFinite ? $0 : nil }
    }

    static func int(_ text: String?, column: String) throws(StoreError) -> Int {
        try int(text.flatMap { Int($0) }, column: column)
    }

    /// An integer, read as ``PostgresResult/integer(_:_:)`` reads it (`nil`: NULL, or text that is none).
    static func int(_ value: Int?, column: String) throws(StoreError) -> Int {
        guard let value else { throw .corruptRow("\(column) is not an integer") }
        return value
    }

    static func string(_ text: String?, column: String) throws(StoreError) -> String {
        guard let text else { throw .corruptRow("\(column) is NULL") }
        return text
    }

    static func json<T: Decodable>(_ type: T.Type, _ text: String?, column: String) throws(StoreError) -> T {
        guard let data = text?.data(using: .utf8) else { throw .corruptRow("\(column) is NULL") }
        return try json(type, data, column: column)
    }

    static func json<T: Decodable>(_ type: T.Type, _ data: Data, column: String) throws(StoreError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw .corruptRow("\(column) is not valid JSON: \(error)")
        }
    }

    static func jsonText<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Encoding plain Codable values with string keys cannot fail.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
