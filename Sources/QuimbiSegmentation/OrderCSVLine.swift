import QuimbiCore

/// Orders written as the CSV that ``OrderFileParser`` reads: the order's own columns, without line
/// items or tracking (what segmentation and most exports need). Fields are quoted per RFC 4180 when
/// they hold a comma, a quote or a line break; an unknown `discount_total` is empty.
public enum OrderCSVLine {
    /// The header line.
    public static let header = "order_id,name,customer_id,created_at,total,currency,financial_status,fulfillment_status,discount_total"

    /// One order as a data line (no line break).
    public static func line(_ order: Order) -> String {
        [order.id, order.name ?? "", order.customerID, RFC3339.string(from: order.createdAt), String(order.total),
         order.currency, order.financialStatus, order.fulfillmentStatus, order.discountTotal.map { String($0) } ?? ""]
            .map(field).joined(separator: ",")
    }

    private static func field(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
