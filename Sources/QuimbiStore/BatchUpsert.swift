/// Multi-row `INSERT … ON CONFLICT (key) DO UPDATE` with bound parameters, in batches.
///
/// A row whose stored values are already identical is left alone, so re-running a load
/// reports zero changed rows.
struct BatchUpsert {
    /// A column name and the SQL expression that turns its text parameter `$n` into the column type.
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
    var rowsPerStatement = 500

    /// Upserts `rows` (each one text value per column; for a repeated key the last row wins);
    /// returns how many rows were inserted or changed.
    func run(_ input: [[String?]], on connection: PostgresConnectionHandle) throws(StoreError) -> Int {
        let keyIndex = columns.firstIndex { $0.name == key } ?? 0
        var lastIndexOfKey: [String?: Int] = [:]
        for (index, row) in input.enumerated() { lastIndexOfKey[row[keyIndex]] = index }
        let rows = input.enumerated().filter { lastIndexOfKey[$0.element[keyIndex]] == $0.offset }.map(\.element)
        var changed = 0
        var start = 0
        while start < rows.count {
            let batch = Array(rows[start..<min(start + rowsPerStatement, rows.count)])
            changed += try connection.execute(statement(rowCount: batch.count), batch.flatMap { $0 }).affectedRows
            start += batch.count
        }
        return changed
    }

    func statement(rowCount: Int) -> String {
        let names = columns.map(\.name)
        let tuples = (0..<rowCount).map { row in
            let values = columns.enumerated().map { index, column in
                column.cast.replacingOccurrences(of: "$", with: "$\(row * columns.count + index + 1)")
            }
            return "(" + values.joined(separator: ", ") + ")"
        }
        let updates = names.filter { $0 != key }.map { "\($0) = EXCLUDED.\($0)" }
        let current = names.filter { $0 != key }.map { "\(table).\($0)" }
        let incoming = names.filter { $0 != key }.map { "EXCLUDED.\($0)" }
        return """
            INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))
            ON CONFLICT (\(key)) DO UPDATE SET \(updates.joined(separator: ", "))
            WHERE (\(current.joined(separator: ", "))) IS DISTINCT FROM (\(incoming.joined(separator: ", ")))
            """
    }
}
