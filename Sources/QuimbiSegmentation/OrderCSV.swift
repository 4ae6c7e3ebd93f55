import Foundation
import QuimbiCore

/// Orders as CSV with a header line. Required columns: `order_id` (or `id`), `customer_id`,
/// `created_at` (RFC 3339), `total`. Optional: `name`, `currency` (default USD), `financial_status`,
/// `fulfillment_status`, and `line_items` / `tracking` as JSON arrays. Fields follow RFC 4180 quoting.
struct OrderCSV {
    private let columns: [String: Int]
    private let width: Int

    /// Reads the header line, or says which required columns it lacks.
    static func fromHeader(_ line: String) -> Result<OrderCSV, OrderLineProblem> {
        let names = fields(line).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var columns = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        if columns["order_id"] == nil { columns["order_id"] = columns["id"] }
        let missing = ["order_id", "customer_id", "created_at", "total"].filter { columns[$0] == nil }
        guard missing.isEmpty else { return .failure(OrderLineProblem("CSV header lacks \(missing.joined(separator: ", "))")) }
        return .success(OrderCSV(columns: columns, width: names.count))
    }

    /// The order on one data line.
    func order(_ line: String) -> Result<Order, OrderLineProblem> {
        let values = Self.fields(line)
        guard values.count == width else { return .failure(OrderLineProblem("expected \(width) fields, found \(values.count)")) }
        func field(_ name: String) -> String? {
            columns[name].map { values[$0].trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let createdAt = field("created_at").flatMap(RFC3339.date(from:)) else {
            return .failure("created_at is not an RFC 3339 timestamp")
        }
        guard let total = field("total").flatMap(Double.init) else { return .failure("total is not a number") }
        let decoder = JSONDecoder()
        guard let lineItems = field("line_items").map({ try? decoder.decode([LineItem].self, from: Data($0.utf8)) }) ?? [] else {
            return .failure("line_items is not a JSON array of items")
        }
        guard let tracking = field("tracking").map({ try? decoder.decode([Tracking].self, from: Data($0.utf8)) }) ?? [] else {
            return .failure("tracking is not a JSON array")
        }
        return .success(Order(
            id: field("order_id") ?? "", name: field("name"), customerID: field("customer_id") ?? "",
            createdAt: createdAt, total: total, currency: field("currency") ?? "USD",
            financialStatus: field("financial_status") ?? "paid", fulfillmentStatus: field("fulfillment_status") ?? "fulfilled",
            lineItems: lineItems, tracking: tracking))
    }

    /// Splits one CSV line into fields; quoted fields may contain commas and `""`.
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var iterator = line.makeIterator()
        var pending = iterator.next()
        while let character = pending {
            pending = iterator.next()
            switch (character, inQuotes) {
            case ("\"", true) where pending == "\"":
                current.append("\"")
                pending = iterator.next()
            case ("\"", _):
                inQuotes.toggle()
            case (",", false):
                fields.append(current)
                current = ""
            default:
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
