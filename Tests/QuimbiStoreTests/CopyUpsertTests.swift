import Foundation
import QuimbiCore
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// Rows reach PostgreSQL through `COPY` text intact: escapes, NULLs, repeated keys, re-runs.
@Suite(.enabled(if: TestServers.available))
struct CopyUpsertTests {
    @Test func awkwardTextAndNullsArriveIntactAndTheLastRowOfAKeyWins() async throws {
        let fixture = try await StoreFixture.make()
        let awkward = "tab\there \\ back\\slash\nline\r\n\\N é"
        let orders = [
            Order(id: "o1", name: "first", customerID: "c1", createdAt: StoreFixture.origin, total: 1),
            Order(id: "o1", name: awkward, customerID: "c1", createdAt: StoreFixture.origin, total: 2.5),
            Order(id: "o2", name: nil, customerID: "c\t2", createdAt: StoreFixture.origin, total: 3),
        ]
        let writer = StoreWriter(pool: fixture.pool)
        #expect(try await writer.write(customers: [], orders: orders) == 2)
        #expect(try await writer.write(customers: [], orders: orders) == 0)
        let rows = try await fixture.pool.query("SELECT id, name, customer_id, total FROM orders ORDER BY id").rows
        #expect(rows == [["o1", awkward, "c1", "2.5"], ["o2", nil, "c\t2", "3"]])
    }

    /// Both ways of merging leave the same rows and count the same changes: new keys, changed values (NULLs
    /// included), and nothing on a re-run. The `MERGE` runs with the transaction's `work_mem` raised.
    @Test(arguments: [BatchUpsert.Merging.onConflict, .soleWriter])
    func bothMergingsChangeTheSameRows(merging: BatchUpsert.Merging) async throws {
        let fixture = try await StoreFixture.make()
        _ = try await fixture.pool.query("CREATE TABLE upsert_probe (id text PRIMARY KEY, label text, amount float8)")
        let upsert = BatchUpsert(table: "upsert_probe", columns: [.init("id"), .init("label"), .init("amount", "$::float8")], key: "id", merging: merging)
        func run(_ rows: [[String?]]) async throws -> (changed: Int, workMemory: String?) {
            try await fixture.pool.transaction { connection in
                let changed = try upsert.run(rows, on: connection)
                return (changed, try connection.execute("SHOW work_mem", []).rows.first?.first ?? nil)
            }
        }
        let first = try await run([["a", "x", "1"], ["b", nil, "2"], ["c", "z", nil]])
        #expect(first.changed == 3)
        #expect(try await run([["a", "x", "1"], ["b", nil, "2"], ["c", "z", nil]]).changed == 0)
        #expect(try await run([["a", "x", "1.5"], ["b", "y", "2"], ["c", "z", nil], ["d", nil, nil]]).changed == 3)
        let rows = try await fixture.pool.query("SELECT id, label, amount FROM upsert_probe ORDER BY id").rows
        #expect(rows == [["a", "x", "1.5"], ["b", "y", "2"], ["c", "z", nil], ["d", nil, nil]])
        let serverWorkMemory = try await fixture.pool.query("SHOW work_mem").rows.first?.first ?? nil
        #expect(first.workMemory == (merging == .soleWriter ? BatchUpsert.soleWriterWorkMemory : serverWorkMemory))
        #expect(serverWorkMemory != BatchUpsert.soleWriterWorkMemory)
    }

    @Test func copyTextEscapesWhatTheFormatReserves() {
        var buffer: [UInt8] = []
        CopyText.append(["a\tb", nil, "c\\d\ne\rf", ""], to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "a\\tb\t\\N\tc\\\\d\\ne\\rf\t\n")
    }
}
