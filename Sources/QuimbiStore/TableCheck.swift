extension PostgresPool {
    /// Throws `<table>_missing` when `table` is not there (`quimbi migrate` not run); an unreachable server
    /// throws its transient ``StoreError`` as it is.
    func verifyTable(_ table: String) async throws {
        do {
            _ = try await query("SELECT 1 FROM \(table) LIMIT 0")
        } catch let error as StoreError where !error.isTransient {
            throw StoreError(code: "\(table)_missing", message: "no \(table) table (run quimbi migrate): \(error.message)", isTransient: false)
        }
    }
}
