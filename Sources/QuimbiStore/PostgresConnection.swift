import CLibPQ
import Foundation

/// Rows of a query result in libpq's text format (`nil` is SQL NULL).
public struct PostgresRows: Sendable {
    /// Column names in result order.
    public var columns: [String]
    /// Each row's values as text, `nil` for NULL.
    public var rows: [[String?]]
    /// Rows inserted, updated or deleted by the statement (0 for other statements).
    public var affectedRows: Int
}

/// One libpq connection. Not thread-safe: its owner calls it from a single serial queue; only
/// its ``interrupter`` may be used from other threads.
final class PostgresConnection {
    private let conninfo: String
    private let options: PostgresConnectionOptions
    private var handle: OpaquePointer?
    private var cancelKey: CancelKey?
    /// Stops the statement this connection is blocked in, from another thread.
    let interrupter = QueryInterrupter()

    init(conninfo: String, options: PostgresConnectionOptions) {
        self.conninfo = conninfo
        self.options = options
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Whether the connection is open and its last known state is healthy.
    var isHealthy: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Opens the connection when it is closed or broken (after a server restart, for example).
    func ensureConnected() throws(StoreError) {
        if isHealthy { return }
        close()
        guard let fresh = Self.connect(options.keywords + [("dbname", conninfo)]) else {
            throw .postgresUnavailable("libpq could not allocate a connection")
        }
        guard PQstatus(fresh) == CONNECTION_OK else {
            let detail = String(cString: PQerrorMessage(fresh)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(fresh)
            throw .postgresUnavailable(detail)
        }
        // Server notices ("relation already exists, skipping") are not errors; keep stderr clean.
        PQsetNoticeProcessor(fresh, { _, _ in }, nil)
        handle = fresh
        cancelKey = CancelKey(fresh)
    }

    /// Closes the connection; the next statement opens a new one.
    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        cancelKey = nil
    }

    /// `PQconnectdbParams` with `pairs` in order; `dbname` (a URL or conninfo) is expanded in place, so
    /// its settings override the pairs before it.
    private static func connect(_ pairs: [(String, String)]) -> OpaquePointer? {
        let keywords = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer { (keywords + values).forEach { free($0) } }
        let keywordPointers = keywords.map { UnsafePointer($0) } + [nil]
        let valuePointers = values.map { UnsafePointer($0) } + [nil]
        return PQconnectdbParams(keywordPointers, valuePointers, 1)
    }

    /// Runs `call` as a statement that ``interrupter`` can stop; an interrupted statement drops the connection.
    private func interruptible(_ handle: OpaquePointer, _ call: () -> OpaquePointer?) throws(StoreError) -> OpaquePointer? {
        guard let cancelKey else { return call() }
        try interrupter.begin(socket: PQsocket(handle), cancelKey: cancelKey)
        let result = call()
        guard interrupter.end() else { return result }
        PQclear(result)
        close()
        throw .postgresInterrupted
    }

    /// Runs one statement with bound text parameters.
    func execute(_ sql: String, _ parameters: [String?]) throws(StoreError) -> PostgresRows {
        try execute(sql, parameters) { result throws(StoreError) in result.allRows }
    }

    /// Runs one statement with bound text parameters and returns what `read` reads of its result, in place.
    ///
    /// Outside a transaction, a statement that fails because a reused connection went stale (server
    /// restarted) is retried once on a fresh connection, so the pool recovers by itself.
    func execute<T>(_ sql: String, _ parameters: [String?], reading read: (PostgresResult) throws(StoreError) -> T) throws(StoreError) -> T {
        let reused = isHealthy
        let idle = handle.map { PQtransactionStatus($0) == PQTRANS_IDLE } ?? true
        do {
            return try executeOnce(sql, parameters, reading: read)
        } catch where reused && idle && error.code == "postgres_unavailable" {
            return try executeOnce(sql, parameters, reading: read)
        }
    }

    private func executeOnce<T>(_ sql: String, _ parameters: [String?], reading read: (PostgresResult) throws(StoreError) -> T) throws(StoreError) -> T {
        try interrupter.check()
        try ensureConnected()
        guard let handle else { throw .postgresUnavailable("no connection") }
        let result = try interruptible(handle) {
            Self.withCStrings(parameters) { pointers in
                PQexecParams(handle, sql, Int32(pointers.count), nil, pointers, nil, nil, 0)
            }
        }
        defer { PQclear(result) }
        guard let result, [PGRES_COMMAND_OK, PGRES_TUPLES_OK].contains(PQresultStatus(result)) else { throw classifyFailure(result) }
        return try read(PostgresResult(result))
    }

    /// Runs one statement with bound text parameters and hands each result row to `row` as it
    /// arrives (libpq's single-row mode): memory stays flat however many rows there are. A failing
    /// `row` stops the handling of rows; the rest of the result is read and dropped, so the
    /// connection stays usable.
    func stream(_ sql: String, _ parameters: [String?], row: ([String?]) throws(StoreError) -> Void) throws(StoreError) {
        try interrupter.check()
        try ensureConnected()
        guard let handle else { throw .postgresUnavailable("no connection") }
        let sent = Self.withCStrings(parameters) { pointers in
            PQsendQueryParams(handle, sql, Int32(pointers.count), nil, pointers, nil, nil, 0)
        }
        guard sent == 1, PQsetSingleRowMode(handle) == 1 else { throw classifyFailure(nil) }
        var rowFailure: StoreError?
        let failed = try interruptible(handle) { () -> OpaquePointer? in
            var failed: OpaquePointer?
            while let result = PQgetResult(handle) {
                switch PQresultStatus(result) {
                case PGRES_SINGLE_TUPLE where rowFailure == nil && failed == nil:
                    do throws(StoreError) { try row(PostgresResult(result).texts(ofRow: 0)) } catch { rowFailure = error }
                case PGRES_SINGLE_TUPLE, PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                    break
                default:
                    if failed == nil { failed = result; continue }
                }
                PQclear(result)
            }
            return failed
        }
        if let failed {
            defer { PQclear(failed) }
            throw classifyFailure(failed)
        }
        if let rowFailure { throw rowFailure }
    }

    /// Runs `COPY … FROM STDIN` and sends `rows` in the text format (`\N` for NULL; backslash, tab,
    /// line feed and carriage return escaped), a megabyte at a time.
    func copy(_ sql: String, rows: [[String?]]) throws(StoreError) {
        try interrupter.check()
        try ensureConnected()
        guard let handle else { throw .postgresUnavailable("no connection") }
        let started = try interruptible(handle) { PQexec(handle, sql) }
        guard PQresultStatus(started) == PGRES_COPY_IN else {
            defer { PQclear(started) }
            throw classifyFailure(started)
        }
        PQclear(started)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.copyChunkSize + 4_096)
        var sent = true
        for row in rows where sent {
            CopyText.append(row, to: &buffer)
            if buffer.count >= Self.copyChunkSize {
                sent = buffer.withUnsafeBufferPointer { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) } == 1
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if sent, !buffer.isEmpty {
            sent = buffer.withUnsafeBufferPointer { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) } == 1
        }
        guard PQputCopyEnd(handle, nil) == 1, sent else { throw classifyFailure(nil) }
        let result = try interruptible(handle) { PQgetResult(handle) }
        while let extra = PQgetResult(handle) { PQclear(extra) }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw classifyFailure(result) }
    }

    /// Bytes sent per `PQputCopyData`.
    static let copyChunkSize = 1 << 20

    /// A failed statement's error: transient (and the connection dropped, to be reopened on next use)
    /// when the server is unreachable, shutting down or out of resources; otherwise a query error.
    private func classifyFailure(_ result: OpaquePointer?) -> StoreError {
        let detail = handle.map { String(cString: PQerrorMessage($0)) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "no connection"
        let sqlState = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
        let transientStates = ["08", "53", "57P01", "57P02", "57P03"]
        let isTransient = sqlState.map { state in transientStates.contains { state.hasPrefix($0) } } ?? true
        guard isTransient || (handle.map { PQstatus($0) != CONNECTION_OK } ?? true) else {
            return .postgresQuery(detail)
        }
        close()
        return .postgresUnavailable(detail)
    }

    /// Runs a script of several statements without parameters (migrations only).
    func executeScript(_ sql: String) throws(StoreError) {
        try interrupter.check()
        try ensureConnected()
        guard let handle else { throw .postgresUnavailable("no connection") }
        let result = try interruptible(handle) { PQexec(handle, sql) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw classifyFailure(result)
        }
    }

    private static func withCStrings<R>(
        _ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> R
    ) -> R {
        let duplicates = values.map { $0.map { strdup($0) } ?? nil }
        defer { duplicates.forEach { free($0) } }
        return body(duplicates.map { $0.map { UnsafePointer($0) } })
    }
}
