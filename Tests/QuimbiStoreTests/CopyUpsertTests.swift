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

    @Test func copyTextEscapesWhatTheFormatReserves() {
        var buffer: [UInt8] = []
        CopyText.append(["a\tb", nil, "c\\d\ne\rf", ""], to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "a\\tb\t\\N\tc\\\\d\\ne\\rf\t\n")
    }
}
