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
    /// Names of the statements prepared on the open connection.
    private var preparedNames: Set<String> = []
    /// Whether statements are prepared on the open connection: no longer once the server lost one it had
    /// prepared, for then a pooler (PgBouncer in transaction mode) hands each statement to whichever server
    /// connection is free, and a prepared statement may be on any or none of them. (A plan made stale by a
    /// table's change is prepared afresh instead.)
    private var prepares = true
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
        preparedNames = []
        prepares = true
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
    func interruptible(_ handle: OpaquePointer, _ call: () -> OpaquePointer?) throws(StoreError) -> OpaquePointer? {
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
        try retryingStale { () throws(StoreError) in try executeOnce(sql, parameters, reading: read) }
    }

    /// Runs `statement`, prepared on this connection at its first use, and returns what `read` reads of its
    /// result, in place; retried on a fresh connection as an unprepared statement is.
    ///
    /// When the server no longer has the statement (a pooler between, or `DISCARD ALL`), the call runs it
    /// unprepared instead, and the connection prepares nothing more until it is opened again. When the server
    /// can no longer run its plan (a table it reads changed its columns: "cached plan must not change result
    /// type"), the statement is dropped and the call runs it unprepared; the next call prepares it afresh. Not
    /// for use inside a transaction: the failed attempt would abort it.
    func execute<T>(_ statement: PreparedStatement, _ parameters: [String?], reading read: (PostgresResult) throws(StoreError) -> T) throws(StoreError) -> T {
        try retryingStale { () throws(StoreError) in
            guard prepares else { return try executeOnce(statement.sql, parameters, reading: read) }
            return try executePreparedOnce(statement, parameters, reading: read)
        }
    }

    /// `attempt`, and once more when it failed on a reused connection, idle outside a transaction, that the
    /// server had dropped.
    private func retryingStale<T>(_ attempt: () throws(StoreError) -> T) throws(StoreError) -> T {
        let reused = isHealthy
        let idle = handle.map { PQtransactionStatus($0) == PQTRANS_IDLE } ?? true
        do {
            return try attempt()
        } catch where reused && idle && error.code == "postgres_unavailable" {
            return try attempt()
        }
    }

    private func executeOnce<T>(_ sql: String, _ parameters: [String?], reading read: (PostgresResult) throws(StoreError) -> T) throws(StoreError) -> T {
        let handle = try readyHandle()
        let result = try interruptible(handle) {
            Self.withCStrings(parameters) { pointers in
                PQexecParams(handle, sql, Int32(pointers.count), nil, pointers, nil, nil, 0)
            }
        }
        defer { PQclear(result) }
        guard let result, Self.succeeded(result) else { throw classifyFailure(result) }
        return try read(PostgresResult(result))
    }

    private func executePreparedOnce<T>(
        _ statement: PreparedStatement, _ parameters: [String?], reading read: (PostgresResult) throws(StoreError) -> T
    ) throws(StoreError) -> T {
        let handle = try readyHandle()
        if !preparedNames.contains(statement.name) {
            let prepared = try interruptible(handle) { PQprepare(handle, statement.name, statement.sql, Int32(parameters.count), nil) }
            defer { PQclear(prepared) }
            // Already prepared on this server session, by another of our connections through a pooler: the
            // name stands for this very text.
            guard let prepared, Self.succeeded(prepared) || Self.sqlState(prepared) == Self.duplicatePreparedStatement else {
                throw classifyFailure(prepared)
            }
            preparedNames.insert(statement.name)
        }
        let result = try interruptible(handle) {
            Self.withCStrings(parameters) { pointers in
                PQexecPrepared(handle, statement.name, Int32(pointers.count), pointers, nil, nil, 0)
            }
        }
        defer { PQclear(result) }
        guard let result, Self.succeeded(result) else {
            switch result.flatMap(Self.sqlState) {
            case Self.undefinedPreparedStatement:
                preparedNames = []
                prepares = false
            case Self.stalePlan:
                PQclear(try interruptible(handle) { PQexec(handle, "DEALLOCATE \(statement.name)") })
                preparedNames.remove(statement.name)
            default:
                throw classifyFailure(result)
            }
            return try executeOnce(statement.sql, parameters, reading: read)
        }
        return try read(PostgresResult(result))
    }

    /// The server's release as libpq numbers it (150002 for 15.2); 0 when not connected.
    var serverVersion: Int32 {
        handle.map(PQserverVersion) ?? 0
    }

    /// The open connection, opened first when needed; throws when interrupted or unreachable.
    func readyHandle() throws(StoreError) -> OpaquePointer {
        try interrupter.check()
        try ensureConnected()
        guard let handle else { throw .postgresUnavailable("no connection") }
        return handle
    }

    private static func succeeded(_ result: OpaquePointer) -> Bool {
        [PGRES_COMMAND_OK, PGRES_TUPLES_OK].contains(PQresultStatus(result))
    }

    private static func sqlState(_ result: OpaquePointer) -> String? {
        PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
    }

    /// `duplicate_prepared_statement`.
    private static let duplicatePreparedStatement = "42P05"
    /// `invalid_sql_statement_name`: the statement is not there.
    private static let undefinedPreparedStatement = "26000"
    /// `feature_not_supported`, which a prepared statement meets as "cached plan must not change result type":
    /// a table it reads changed.
    private static let stalePlan = "0A000"

    /// A failed statement's error: transient (and the connection dropped, to be reopened on next use)
    /// when the server is unreachable, shutting down or out of resources; otherwise a query error.
    func classifyFailure(_ result: OpaquePointer?) -> StoreError {
        let detail = handle.map { String(cString: PQerrorMessage($0)) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "no connection"
        let sqlState = result.flatMap(Self.sqlState)
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
        let handle = try readyHandle()
        let result = try interruptible(handle) { PQexec(handle, sql) }
        defer { PQclear(result) }
        guard let result, Self.succeeded(result) else { throw classifyFailure(result) }
    }

    /// `body` over C copies of `values` (`nil` stays `nil`), freed when it returns.
    static func withCStrings<R>(
        _ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> R
    ) -> R {
        let duplicates = values.map { $0.map { strdup($0) } ?? nil }
        defer { duplicates.forEach { free($0) } }
        return body(duplicates.map { $0.map { UnsafePointer($0) } })
    }
}
