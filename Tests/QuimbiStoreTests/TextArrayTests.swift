import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// The `text[]` literal of batched lookups: every element comes back from PostgreSQL as it was sent.
@Suite(.enabled(if: TestServers.available))
struct TextArrayTests {
    @Test func everyElementReadsBackAsItWasWritten() async throws {
        let fixture = try await StoreFixture.make()
        let values = [
            "plain", "", "with space", "comma,inside", "{braces}", "quote\"inside", "back\\slash", "\\\"", "NULL",
            "ünïcødé ✓", "tab\tand\nnewline", " leading and trailing ",
        ]
        let rows = try await fixture.pool.query(
            "SELECT value FROM unnest($1::text[]) WITH ORDINALITY AS t(value, n) ORDER BY n", [PostgresValues.textArray(values)])
        #expect(rows.rows.map { $0[0] } == values.map { Optional($0) })
    }

    @Test func anEmptyListIsAnEmptyArray() async throws {
        let fixture = try await StoreFixture.make()
        #expect(PostgresValues.textArray([]) == "{}")
        let rows = try await fixture.pool.query("SELECT cardinality($1::text[])", [PostgresValues.textArray([])])
        #expect(rows.rows.first?.first == "0")
    }
}
