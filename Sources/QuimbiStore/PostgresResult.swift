import CLibPQ
import Foundation
import QuimbiCore

/// A statement's result read in place, inside the closure that reads it (``PostgresPool/query(_:_:reading:)``)
/// only: its values are libpq's own buffers, freed once that closure returns, so neither it nor a buffer
/// ``withBytes(_:_:_:)`` hands out may be kept. The hot lookups read numbers and JSON straight from them,
/// without first copying every row into an array of strings. The connection asks for UTF-8.
struct PostgresResult {
    private let result: OpaquePointer

    init(_ result: OpaquePointer) {
        self.result = result
    }

    /// Rows in the result.
    var rowCount: Int { Int(PQntuples(result)) }

    /// The value at `row`, `column` as text; `nil` for NULL.
    func text(_ row: Int, _ column: Int) -> String? {
        withBytes(row, column) { String(decoding: $0, as: UTF8.self) }
    }

    /// The number at `row`, `column`, read in place as `Double(String)` reads it (``DecimalNumber``); `nil` for NULL
    /// or text that is no number.
    func number(_ row: Int, _ column: Int) -> Double? {
        withBytes(row, column) { DecimalNumber.double($0) } ?? nil
    }

    /// The integer at `row`, `column`, read in place as `Int(String)` reads it; `nil` for NULL or text that is none.
    func integer(_ row: Int, _ column: Int) -> Int? {
        withBytes(row, column) { DecimalNumber.integer($0) } ?? nil
    }

    /// Whether the value at `row`, `column` is NULL.
    func isNull(_ row: Int, _ column: Int) -> Bool {
        PQgetisnull(result, Int32(row), Int32(column)) == 1
    }

    /// `body` over the bytes of the value at `row`, `column` (valid during the call only); `nil` for NULL.
    func withBytes<R, E: Error>(_ row: Int, _ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R? {
        guard !isNull(row, column), let value = PQgetvalue(result, Int32(row), Int32(column)) else { return nil }
        let count = Int(PQgetlength(result, Int32(row), Int32(column)))
        return try value.withMemoryRebound(to: UInt8.self, capacity: count) { bytes throws(E) in
            try body(UnsafeBufferPointer(start: bytes, count: count))
        }
    }

    /// The JSON value at `row`, `column` as read by `plain` when it is of the plain shape that reader knows,
    /// else as `JSONDecoder` decodes it (which gives the verdict on anything else).
    func json<T: Decodable>(
        _ row: Int, _ column: Int, named name: String, plain: (UnsafeBufferPointer<UInt8>) -> T?
    ) throws(StoreError) -> T {
        let value = try withBytes(row, column) { bytes throws(StoreError) -> T in
            if let value = plain(bytes) { return value }
            return try PostgresValues.json(T.self, Data(buffer: bytes), column: name)
        }
        guard let value else { throw .corruptRow("\(name) is NULL") }
        return value
    }

    /// The values of `row` as text, `nil` for NULL.
    func texts(ofRow row: Int) -> [String?] {
        (0..<Int(PQnfields(result))).map { text(row, $0) }
    }

    /// Every row as text, with the column names and the count of rows the statement changed.
    var allRows: PostgresRows {
        let columns = (0..<PQnfields(result)).map { String(cString: PQfname(result, $0)) }
        let rows = (0..<rowCount).map(texts(ofRow:))
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PostgresRows(columns: columns, rows: rows, affectedRows: affected)
    }
}
