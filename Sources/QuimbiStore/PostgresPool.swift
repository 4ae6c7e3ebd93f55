import Dispatch
import Logging
import QuimbiResilience
import ServiceLifecycle

/// A bounded pool of libpq connections.
///
/// Each connection lives on its own serial `DispatchQueue`, so blocking libpq calls never run on
/// Swift's cooperative pool. A broken connection (server restart) is reopened before its next use.
/// Waits honour cancellation: a cancelled caller returns at once, and the statement it was running
/// is interrupted (cancelled on the server, its connection dropped). A connection returns to the
/// pool only once its thread is free again. Run the pool as a `Service` to close every connection
/// on graceful shutdown.
public final class PostgresPool: Service, Sendable {
    private let slots: SlotQueue<PostgresSlot>
    private let allSlots: [PostgresSlot]
    private let logger: Logger

    /// Creates a pool of `size` connections to `url` (a libpq conninfo URI such as
    /// `postgres://user@host:5432/db` or `postgresql:///db?host=/socket/dir`). Connects lazily.
    public init(
        url: String, size: Int = 4, options: PostgresConnectionOptions = PostgresConnectionOptions(),
        logger: Logger = Logger(label: "quimbi.postgres")
    ) {
        let slots = (0..<max(1, size)).map { PostgresSlot(conninfo: url, options: options, index: $0) }
        self.allSlots = slots
        self.slots = SlotQueue(slots)
        self.logger = logger
    }

    /// Runs `body` with exclusive use of one connection, on that connection's own thread.
    /// Failures to reach the server throw a transient ``StoreError``; cancellation throws
    /// `CancellationError` at once and interrupts `body`'s statements.
    public func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnectionHandle) throws -> T
    ) async throws -> T {
        let slot = try await slots.take()
        return try await slot.run(body) { [slots] in slots.give(slot) }
    }

    /// Runs one statement with bound parameters.
    public func query(_ sql: String, _ parameters: [String?] = []) async throws -> PostgresRows {
        try await withConnection { try $0.execute(sql, parameters) }
    }

    /// Runs one statement and returns what `read` reads of its result in place, on the connection's thread.
    func query<T: Sendable>(
        _ sql: String, _ parameters: [String?], reading read: @escaping @Sendable (PostgresResult) throws(StoreError) -> T
    ) async throws -> T {
        try await withConnection { try $0.execute(sql, parameters, reading: read) }
    }

    /// Runs `statement`, prepared on each connection at its first use there, and returns what `read` reads of
    /// its result in place, on the connection's thread.
    func query<T: Sendable>(
        _ statement: PreparedStatement, _ parameters: [String?], reading read: @escaping @Sendable (PostgresResult) throws(StoreError) -> T
    ) async throws -> T {
        try await withConnection { try $0.connection.execute(statement, parameters, reading: read) }
    }

    /// Runs `SELECT 1`: returns when the server answers, throws when it cannot be reached.
    public func ping() async throws {
        _ = try await query("SELECT 1")
    }

    /// Runs `body` inside BEGIN … COMMIT, rolling back when it throws.
    public func transaction<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnectionHandle) throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            _ = try connection.execute("BEGIN", [])
            do {
                let value = try body(connection)
                _ = try connection.execute("COMMIT", [])
                return value
            } catch {
                _ = try? connection.execute("ROLLBACK", [])
                throw error
            }
        }
    }

    /// Waits for graceful shutdown, then closes every connection.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
        logger.info("postgres pool closed")
    }

    /// Closes every connection now (a later use reconnects).
    public func close() async {
        for slot in allSlots { await slot.close() }
    }
}

/// Exclusive access to one pooled connection inside ``PostgresPool/withConnection(_:)``.
public struct PostgresConnectionHandle {
    fileprivate let connection: PostgresConnection

    /// Runs one statement with bound text parameters (`nil` is NULL).
    public func execute(_ sql: String, _ parameters: [String?]) throws(StoreError) -> PostgresRows {
        try connection.execute(sql, parameters)
    }

    /// Runs one statement and returns what `read` reads of its result, in place.
    func execute<T>(_ sql: String, _ parameters: [String?], reading read: (PostgresResult) throws(StoreError) -> T) throws(StoreError) -> T {
        try connection.execute(sql, parameters, reading: read)
    }

    /// Runs one statement, handing its rows to `row` one at a time as they arrive.
    func stream(_ sql: String, _ parameters: [String?], row: ([String?]) throws(StoreError) -> Void) throws(StoreError) {
        try connection.stream(sql, parameters, row: row)
    }

    /// Runs one statement, handing its rows to `read` one at a time as they arrive, each to read in place.
    func stream(_ sql: String, _ parameters: [String?], reading read: (PostgresResult) throws(StoreError) -> Void) throws(StoreError) {
        try connection.stream(sql, parameters, reading: read)
    }

    /// The server's release as libpq numbers it (150002 for 15.2).
    var serverVersion: Int32 {
        connection.serverVersion
    }

    /// Runs `COPY … FROM STDIN` with `rows` as its data.
    func copy(_ sql: String, rows: some Sequence<[String?]>) throws(StoreError) {
        try connection.copy(sql, rows: rows)
    }

    /// Runs a multi-statement script without parameters.
    func executeScript(_ sql: String) throws(StoreError) {
        try connection.executeScript(sql)
    }
}

/// One connection and the serial queue that owns it.
private final class PostgresSlot: @unchecked Sendable {
    // Only touched on `queue`; its `interrupter` from anywhere.
    private let connection: PostgresConnection
    private let interrupter: QueryInterrupter
    private let queue: DispatchQueue

    init(conninfo: String, options: PostgresConnectionOptions, index: Int) {
        connection = PostgresConnection(conninfo: conninfo, options: options)
        interrupter = connection.interrupter
        queue = DispatchQueue(label: "quimbi.postgres.connection.\(index)")
    }

    /// Runs `body` on the connection's thread, then calls `release` there. The caller's wait ends
    /// at once when it is cancelled; `body`'s statements are then interrupted.
    func run<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnectionHandle) throws -> T, release: @escaping @Sendable () -> Void
    ) async throws -> T {
        let shot = OneShot<T>()
        let use = interrupter.schedule()
        queue.async {
            defer { release() }
            self.interrupter.start(use)
            guard !shot.isResolved else { return }  // the caller gave up before its turn
            shot.resume(with: Result { try body(PostgresConnectionHandle(connection: self.connection)) })
        }
        return try await shot.value { [interrupter] in interrupter.interrupt(use) }
    }

    /// Closes the connection (the next use reconnects).
    func close() async {
        await withCheckedContinuation { continuation in
            queue.async {
                self.connection.close()
                continuation.resume()
            }
        }
    }
}
