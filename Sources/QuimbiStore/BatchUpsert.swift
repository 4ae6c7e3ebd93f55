import QuimbiCore

/// An upsert of many rows at once: the rows are copied (`COPY … FROM STDIN`) into a temporary table,
/// ``incoming``, and merged from there in one statement (`INSERT … ON CONFLICT (key) DO UPDATE`, or `MERGE`:
/// ``Merging``). Run it inside a transaction: the temporary table is dropped at commit.
///
/// A row whose stored values are already identical is left alone, so re-running a load
/// reports zero changed rows.
struct BatchUpsert {
    /// How the rows of ``incoming`` join the table.
    enum Merging {
        /// `INSERT … ON CONFLICT DO UPDATE`: each row's key looked up in the table's index, one row at a time; safe
        /// beside other transactions writing the same keys.
        case onConflict
        /// `MERGE` (PostgreSQL 15 on; `onConflict` before) over one hash join of the two tables, with the
        /// transaction's `work_mem` raised so that the hash of a million keys stays in memory: a million profiles
        /// merged in 3.9–4.1 s against 4.9–5.0 s. Only for a table that one writer changes at a time: a key that
        /// another transaction inserts meanwhile makes it fail, where `onConflict` would update the row.
        case soleWriter
    }

    /// A column name and the SQL expression that turns its text value `$` into the column type.
    struct Column {
        var name: String
        var cast: String

        init(_ name: String, _ cast: String = "$") {
            self.name = name
            self.cast = cast
        }
    }

    var table: String
    var columns: [Column]
    var key: String
    var merging = Merging.onConflict

    /// The first PostgreSQL release with `MERGE`, as `PQserverVersion` numbers it.
    static let firstVersionWithMerge: Int32 = 150_000

    /// `work_mem` for the rest of a ``Merging/soleWriter`` transaction.
    static let soleWriterWorkMemory = "256MB"

    /// The temporary table the rows are copied into; it lives until the transaction ends.
    var incoming: String { "\(table)_incoming" }

    /// Upserts `rows` (each one text value per column; for a repeated key the last row wins);
    /// returns how many rows were inserted or changed.
    func run(_ rows: [[String?]], on connection: PostgresConnectionHandle) throws(StoreError) -> Int {
        let keyIndex = columns.firstIndex { $0.name == key } ?? 0
        return try run(rows, key: { $0[keyIndex] }, row: { $0 }, on: connection)
    }

    /// Upserts the rows of `items` (for a repeated key the last item wins), each row built as the copy to the
    /// server goes: the server takes in one megabyte while the next is built, where building every row first
    /// (a million customers' profiles: 2 s) and then copying them took the two one after the other. Returns how
    /// many rows were inserted or changed.
    func run<Items: Collection>(
        _ items: Items, key: @escaping (Items.Element) -> String?, row: @escaping (Items.Element) -> [String?],
        on connection: PostgresConnectionHandle
    ) throws(StoreError) -> Int {
        let kept = Self.lastIndexOfEachKey(items, key: key).lazy.map { row(items[$0]) }
        let textColumns = columns.map { "\($0.name) text" }.joined(separator: ", ")
        _ = try connection.execute("DROP TABLE IF EXISTS \(incoming)", [])
        _ = try connection.execute("CREATE TEMP TABLE \(incoming) (\(textColumns)) ON COMMIT DROP", [])
        try connection.copy("COPY \(incoming) FROM STDIN", rows: kept)
        guard merging == .soleWriter, connection.serverVersion >= Self.firstVersionWithMerge else {
            return try connection.execute(upsertOnConflict, []).affectedRows
        }
        _ = try connection.execute("SET LOCAL work_mem = '\(Self.soleWriterWorkMemory)'", [])
        return try connection.execute(mergeByJoin, []).affectedRows
    }

    /// The index of the last item of each key among `items`, the keys found by their bytes (``NumberedSpellings``):
    /// a `Dictionary` keyed by the keys' `String`s took 0.75 s of a million customers' profiles.
    static func lastIndexOfEachKey<Items: Collection>(_ items: Items, key: (Items.Element) -> String?) -> [Items.Index] {
        var keys = NumberedSpellings()
        var lastIndex: [Items.Index] = []
        var lastIndexOfNil: Items.Index?
        for index in items.indices {
            guard let key = key(items[index]) else {
                lastIndexOfNil = index
                continue
            }
            let number = keys.insert(key)
            if number == lastIndex.count { lastIndex.append(index) } else { lastIndex[number] = index }
        }
        if let lastIndexOfNil { lastIndex.append(lastIndexOfNil) }
        return lastIndex
    }

    private var names: [String] { columns.map(\.name) }
    /// Each column's value read from ``incoming``, as its type.
    private var values: [String] { columns.map { $0.cast.replacingOccurrences(of: "$", with: $0.name) } }
    /// The columns an update may change: all but the key.
    private var changeable: [String] { names.filter { $0 != key } }

    /// The ``Merging/onConflict`` statement.
    var upsertOnConflict: String {
        """
        INSERT INTO \(table) (\(names.joined(separator: ", "))) SELECT \(values.joined(separator: ", ")) FROM \(incoming)
        ON CONFLICT (\(key)) DO UPDATE SET \(changeable.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", "))
        WHERE (\(changeable.map { "\(table).\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(changeable.map { "EXCLUDED.\($0)" }.joined(separator: ", ")))
        """
    }

    /// The ``Merging/soleWriter`` statement.
    var mergeByJoin: String {
        let typed = zip(values, names).map { "\($0) AS \($1)" }
        return """
            MERGE INTO \(table) t USING (SELECT \(typed.joined(separator: ", ")) FROM \(incoming)) i ON t.\(key) = i.\(key)
            WHEN MATCHED AND (\(changeable.map { "t.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(changeable.map { "i.\($0)" }.joined(separator: ", ")))
                THEN UPDATE SET \(changeable.map { "\($0) = i.\($0)" }.joined(separator: ", "))
            WHEN NOT MATCHED THEN INSERT (\(names.joined(separator: ", "))) VALUES (\(names.map { "i.\($0)" }.joined(separator: ", ")))
            """
    }
}
