import CLibPQ

/// The bulk paths of a connection: rows streamed out one at a time, and rows copied in.
extension PostgresConnection {
    /// Runs one statement with bound text parameters and hands each result row to `row` as it
    /// arrives (libpq's single-row mode): memory stays flat however many rows there are. A failing
    /// `row` stops the handling of rows; the rest of the result is read and dropped, so the
    /// connection stays usable.
    func stream(_ sql: String, _ parameters: [String?], row: ([String?]) throws(StoreError) -> Void) throws(StoreError) {
        try stream(sql, parameters) { (result: PostgresResult) throws(StoreError) in try row(result.texts(ofRow: 0)) }
    }

    /// Runs one statement as ``stream(_:_:row:)`` does, and hands each row to `read` as a one-row result to read in
    /// place (valid during the call only), without a `String` made of each value.
    func stream(_ sql: String, _ parameters: [String?], reading read: (PostgresResult) throws(StoreError) -> Void) throws(StoreError) {
        let handle = try readyHandle()
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
                    do throws(StoreError) { try read(PostgresResult(result)) } catch { rowFailure = error }
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
    func copy(_ sql: String, rows: some Sequence<[String?]>) throws(StoreError) {
        let handle = try readyHandle()
        let started = try interruptible(handle) { PQexec(handle, sql) }
        guard PQresultStatus(started) == PGRES_COPY_IN else {
            defer { PQclear(started) }
            throw classifyFailure(started)
        }
        PQclear(started)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.copyChunkSize + 4_096)
        var sent = true
        for row in rows {
            guard sent else { break }
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
}
