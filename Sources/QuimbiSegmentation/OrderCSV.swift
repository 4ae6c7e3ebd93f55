import Foundation
import QuimbiCore

/// Orders as CSV with a header line. Required columns: `order_id` (or `id`), `customer_id`,
/// `created_at` (RFC 3339), `total`. Optional: `name`, `currency` (default USD), `financial_status`,
/// `fulfillment_status`, `discount_total` (the discounts applied; empty or absent: unknown), and
/// `line_items` / `tracking` as JSON arrays. Fields follow RFC 4180 quoting.
struct OrderCSV {
    /// The columns it reads.
    private enum Column: Int, CaseIterable {
        case orderID, name, customerID, createdAt, total, currency, financialStatus, fulfillmentStatus, lineItems, tracking, discountTotal

        /// The column's name in the header.
        var header: String {
            ["order_id", "name", "customer_id", "created_at", "total", "currency", "financial_status",
             "fulfillment_status", "line_items", "tracking", "discount_total"][rawValue]
        }
    }

    /// Where each ``Column`` stands in a line (indexed by its raw value), `nil` when the file lacks it.
    private let positions: [Int?]
    private let width: Int

    /// Reads the header line, or says which required columns it lacks.
    static func fromHeader(_ line: UnsafeBufferPointer<UInt8>) -> Result<OrderCSV, OrderLineProblem> {
        let names = fields(line).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var columns = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        if columns["order_id"] == nil { columns["order_id"] = columns["id"] }
        let missing = ["order_id", "customer_id", "created_at", "total"].filter { columns[$0] == nil }
        guard missing.isEmpty else { return .failure(OrderLineProblem("CSV header lacks \(missing.joined(separator: ", "))")) }
        return .success(OrderCSV(positions: Column.allCases.map { columns[$0.header] }, width: names.count))
    }

    /// The order on one data line (its UTF-8 bytes).
    func order(_ line: UnsafeBufferPointer<UInt8>) -> Result<Order, OrderLineProblem> {
        let values = Self.fields(line)
        guard values.count == width else { return .failure(OrderLineProblem("expected \(width) fields, found \(values.count)")) }
        func field(_ column: Column) -> String? {
            guard let position = positions[column.rawValue] else { return nil }
            let value = values[position]
            guard value.utf8.first == 0x20 || value.utf8.last == 0x20 else { return value.isEmpty ? nil : value }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        guard let createdAt = field(.createdAt).flatMap(RFC3339.date(from:)) else {
            return .failure("created_at is not an RFC 3339 timestamp")
        }
        guard let total = field(.total).flatMap(Double.init) else { return .failure("total is not a number") }
        let discountText = field(.discountTotal), discountTotal = discountText.flatMap(Double.init)
        guard discountText == nil || discountTotal != nil else { return .failure("discount_total is not a number") }
        guard let lineItems = field(.lineItems).map({ try? JSONDecoder().decode([LineItem].self, from: Data($0.utf8)) }) ?? [] else {
            return .failure("line_items is not a JSON array of items")
        }
        guard let tracking = field(.tracking).map({ try? JSONDecoder().decode([Tracking].self, from: Data($0.utf8)) }) ?? [] else {
            return .failure("tracking is not a JSON array")
        }
        return .success(Order(
            id: field(.orderID) ?? "", name: field(.name), customerID: field(.customerID) ?? "",
            createdAt: createdAt, total: total, discountTotal: discountTotal, currency: field(.currency) ?? "USD",
            financialStatus: field(.financialStatus) ?? "paid", fulfillmentStatus: field(.fulfillmentStatus) ?? "fulfilled",
            lineItems: lineItems, tracking: tracking))
    }

    /// Splits one CSV line into fields; quoted fields may contain commas and `""`. Works on the
    /// UTF-8 bytes: quotes and commas are ASCII, so multi-byte characters pass through whole.
    static func fields(_ line: UnsafeBufferPointer<UInt8>) -> [String] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        guard line.contains(quote) else {
            // The usual line: each field is a plain slice of the bytes.
            return line.split(separator: comma, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        }
        var fields: [String] = []
        var current: [UInt8] = []
        var inQuotes = false
        var iterator = line.makeIterator()
        var pending = iterator.next()
        while let byte = pending {
            pending = iterator.next()
            switch (byte, inQuotes) {
            case (quote, true) where pending == quote:
                current.append(quote)
                pending = iterator.next()
            case (quote, _):
                inQuotes.toggle()
            case (comma, false):
                fields.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            default:
                current.append(byte)
            }
        }
        fields.append(String(decoding: current, as: UTF8.self))
        return fields
    }
}
