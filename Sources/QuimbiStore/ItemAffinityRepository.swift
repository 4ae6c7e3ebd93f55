import Foundation
import QuimbiCore
import QuimbiSegmentation

/// Item-to-item affinities in the `item_affinities` and `item_popularity` tables: written whole by
/// `quimbi segment`, read per ticket as up to a few recommended items.
public struct ItemAffinityRepository: RecommendationSource {
    /// `$1`: the items bought (`text[]`), `$2`: how many to return. The same ranking as
    /// ``ItemAffinities/recommend(for:limit:)``: summed companion scores, then popularity.
    static let recommendationSQL = """
        WITH bought AS (SELECT unnest($1::text[]) AS item),
        scored AS (
            SELECT companion AS item, sum(score) AS score FROM item_affinities
            WHERE item IN (SELECT item FROM bought) AND companion NOT IN (SELECT item FROM bought)
            GROUP BY companion
        )
        SELECT p.item FROM item_popularity p LEFT JOIN scored s ON s.item = p.item
        WHERE p.item NOT IN (SELECT item FROM bought)
        ORDER BY s.score DESC NULLS LAST, p.rank, p.item
        LIMIT $2::int
        """
    /// Every item of every order, title and variant, with its customer, straight from the orders' line items.
    /// Not `DISTINCT`: ``CoPurchaseCounter`` keeps each customer's items as a set, and at a million customers
    /// (3.4 million orders) PostgreSQL took 9.3 s to make the 6.9 million rows distinct against 1.5 s to
    /// produce them.
    static let itemsBoughtSQL = """
        SELECT o.customer_id, line->>'title', line->>'variant'
        FROM orders o, jsonb_array_elements(o.line_items) line
        WHERE line ? 'title'
        """
    private let pool: PostgresPool

    /// Reads and writes through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func recommendations(for itemsBought: [String], limit: Int) async throws -> [String] {
        do {
            return try await pool.query(Self.recommendationSQL, [PostgresValues.textArray(itemsBought), String(limit)]).rows.map { row throws(StoreError) in
                try PostgresValues.string(row[0], column: "item")
            }
        } catch let error as StoreError {
            throw error.asLookupError
        }
    }

    /// The stored affinities whole: each item's companions strongest first, and the items by popularity.
    public func read() async throws -> ItemAffinities {
        var companions: [String: [ItemCompanion]] = [:]
        for row in try await pool.query("SELECT item, companion, score FROM item_affinities ORDER BY item, score DESC, companion", []).rows {
            let companion = ItemCompanion(
                item: try PostgresValues.string(row[1], column: "companion"), score: try PostgresValues.double(row[2], column: "score"))
            companions[try PostgresValues.string(row[0], column: "item"), default: []].append(companion)
        }
        let popular = try await pool.query("SELECT item FROM item_popularity ORDER BY rank, item", []).rows.map { row throws(StoreError) in
            try PostgresValues.string(row[0], column: "item")
        }
        return ItemAffinities(companions: companions, popular: popular)
    }

    /// Replaces the stored affinities with `affinities` in one transaction.
    public func write(_ affinities: ItemAffinities) async throws {
        let pairs = affinities.companions.sorted { $0.key < $1.key }.flatMap { item, companions in
            companions.map { [item, $0.item, String($0.score)] as [String?] }
        }
        let ranks = affinities.popular.enumerated().map { [$1, String($0 + 1)] as [String?] }
        try await pool.transaction { connection in
            _ = try connection.execute("LOCK TABLE item_affinities, item_popularity IN EXCLUSIVE MODE", [])
            _ = try connection.execute("DELETE FROM item_affinities", [])
            _ = try connection.execute("DELETE FROM item_popularity", [])
            try connection.copy("COPY item_popularity (item, rank) FROM STDIN", rows: ranks)
            try connection.copy("COPY item_affinities (item, companion, score) FROM STDIN", rows: pairs)
        }
    }

    /// Every customer's distinct items in the `orders` table, counted as they stream in.
    public func coPurchases() async throws -> CoPurchaseCounter {
        try await pool.withConnection { connection in
            var counter = CoPurchaseCounter()
            try connection.stream(Self.itemsBoughtSQL, []) { (row: PostgresResult) throws(StoreError) in
                try Self.count(row, into: &counter)
            }
            return counter
        }
    }

    /// Counts the line of a row of ``itemsBoughtSQL``, read in place: at a million customers (6.9 M lines), making
    /// three `String`s of each row and counting them under `String` keys took 4.0 s of processor time, this 1.9 s.
    private static func count(_ row: PostgresResult, into counter: inout CoPurchaseCounter) throws(StoreError) {
        guard !row.isNull(0, 0) else { throw .corruptRow("customer_id is NULL") }
        guard !row.isNull(0, 1) else { throw .corruptRow("title is NULL") }
        _ = row.withBytes(0, 0) { customerID in
            row.withBytes(0, 1) { title in
                // A NULL variant: the line has none.
                guard !row.isNull(0, 2) else { return counter.add(titleUTF8: title, variantUTF8: nil, customerIDUTF8: customerID) }
                _ = row.withBytes(0, 2) { counter.add(titleUTF8: title, variantUTF8: $0, customerIDUTF8: customerID) }
            }
        }
    }
}
