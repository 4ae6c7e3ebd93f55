import Foundation
import QuimbiCore

/// One input row that was not loaded, with its 1-based line number and the reason.
public struct RejectedRow: Sendable, Equatable {
    public var line: Int
    public var reason: String
}

/// Parses order files for `quimbi load`: JSON Lines of QuimbiCore `Order`, or CSV with a header
/// (`id,customer_id,created_at,total` required; `name,currency,financial_status,fulfillment_status,
/// line_items,tracking` optional, the last two as JSON arrays). Every row is validated on its own.
public enum OrderFileParser {
    /// Valid orders and rejected rows of `text`; `isCSV` picks the format.
    public static func parse(_ text: String, isCSV: Bool) -> (orders: [Order], rejected: [RejectedRow]) {
        isCSV ? parseCSV(text) : parseJSONLines(text)
    }

    static func parseJSONLines(_ text: String) -> (orders: [Order], rejected: [RejectedRow]) {
        let decoder = QuimbiJSON.makeDecoder()
        var orders: [Order] = []
        var rejected: [RejectedRow] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            do {
                let order = try decoder.decode(Order.self, from: Data(line.utf8))
                if let problem = validate(order) {
                    rejected.append(RejectedRow(line: index + 1, reason: problem))
                } else {
                    orders.append(order)
                }
            } catch {
                rejected.append(RejectedRow(line: index + 1, reason: "not a valid order JSON object"))
            }
        }
        return (orders, rejected)
    }

    static func parseCSV(_ text: String) -> (orders: [Order], rejected: [RejectedRow]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        guard !lines.isEmpty else { return ([], [RejectedRow(line: 1, reason: "empty file")]) }
        let header = CSVLine.fields(lines.removeFirst().trimmingCharacters(in: .whitespacesAndNewlines))
        let missing = ["id", "customer_id", "created_at", "total"].filter { !header.contains($0) }
        guard missing.isEmpty else {
            return ([], [RejectedRow(line: 1, reason: "header lacks \(missing.joined(separator: ", "))")])
        }
        var orders: [Order] = []
        var rejected: [RejectedRow] = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            guard !trimmed.isEmpty else { continue }
            let values = CSVLine.fields(trimmed)
            guard values.count == header.count else {
                rejected.append(RejectedRow(line: index + 2, reason: "expected \(header.count) fields, found \(values.count)"))
                continue
            }
            let row = Dictionary(uniqueKeysWithValues: zip(header, values))
            switch order(from: row) {
            case .success(let order): orders.append(order)
            case .failure(let problem): rejected.append(RejectedRow(line: index + 2, reason: problem.reason))
            }
        }
        return (orders, rejected)
    }

    private struct Problem: Error { var reason: String }

    private static func order(from row: [String: String]) -> Result<Order, Problem> {
        guard let createdAt = RFC3339.date(from: row["created_at"] ?? "") else {
            return .failure(Problem(reason: "created_at is not an RFC 3339 timestamp"))
        }
        guard let total = Double(row["total"] ?? "") else { return .failure(Problem(reason: "total is not a number")) }
        let decoder = JSONDecoder()
        let lineItems = row["line_items"].flatMap { $0.isEmpty ? nil : $0 }
            .map { try? decoder.decode([LineItem].self, from: Data($0.utf8)) } ?? []
        let tracking = row["tracking"].flatMap { $0.isEmpty ? nil : $0 }
            .map { try? decoder.decode([Tracking].self, from: Data($0.utf8)) } ?? []
        guard let lineItems else { return .failure(Problem(reason: "line_items is not a JSON array of items")) }
        guard let tracking else { return .failure(Problem(reason: "tracking is not a JSON array")) }
        let order = Order(
            id: row["id"] ?? "", name: row["name"].flatMap { $0.isEmpty ? nil : $0 }, customerID: row["customer_id"] ?? "",
            createdAt: createdAt, total: total, currency: nonEmpty(row["currency"]) ?? "USD",
            financialStatus: nonEmpty(row["financial_status"]) ?? "paid",
            fulfillmentStatus: nonEmpty(row["fulfillment_status"]) ?? "fulfilled", lineItems: lineItems, tracking: tracking)
        if let problem = validate(order) { return .failure(Problem(reason: problem)) }
        return .success(order)
    }

    private static func nonEmpty(_ value: String?) -> String? {
        value.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Why an order cannot be stored, or `nil` when it can.
    static func validate(_ order: Order) -> String? {
        if order.id.isEmpty { return "id is empty" }
        if order.customerID.isEmpty { return "customer_id is empty" }
        if !order.total.isFinite || order.total < 0 { return "total must be a non-negative number" }
        if order.currency.count != 3 { return "currency must be a 3-letter code" }
        return nil
    }
}

/// Splits one CSV line into fields (RFC 4180 quoting; quoted fields may contain commas and `""`).
enum CSVLine {
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
