import Foundation
import QuimbiCore

/// A line of an orders file that could not be read.
public struct RejectedLine: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "line \(line): \(reason)" }
}

/// Reads orders from text: JSON Lines of ``Order``, CSV with a header
/// (`order_id,customer_id,created_at,total[,currency]`), or the CDNOW format
/// (`customer_id date(YYYYMMDD) quantity amount`, or with a leading sample id column), header optional.
public enum OrderFileParser {
    public enum Format: String, Sendable, CaseIterable { case jsonLines = "jsonl", csv, cdnow }

    /// Guesses the format from the first non-empty line.
    public static func detectFormat(_ text: Substring) -> Format {
        let first = text.split(maxSplits: 1, whereSeparator: \.isNewline).first?.trimmingCharacters(in: .whitespaces) ?? ""
        if first.hasPrefix("{") { return .jsonLines }
        if first.contains(",") { return .csv }
        return .cdnow
    }

    /// Parses `text`; bad lines are returned with their numbers instead of stopping the read.
    public static func parse(_ text: String, format: Format? = nil) -> (orders: [Order], rejected: [RejectedLine]) {
        let chosen = format ?? detectFormat(Substring(text))
        var orders: [Order] = []
        var rejected: [RejectedLine] = []
        let decoder = QuimbiJSON.makeDecoder()
        var csvColumns: [String: Int]?
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty else { continue }
            let number = index + 1
            switch chosen {
            case .jsonLines:
                do { orders.append(try decoder.decode(Order.self, from: Data(line.utf8))) } catch {
                    rejected.append(RejectedLine(line: number, reason: "not an order: \(error)"))
                }
            case .csv:
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let columns = csvColumns else {
                    csvColumns = Dictionary(fields.enumerated().map { ($0.element.lowercased(), $0.offset) }, uniquingKeysWith: { a, _ in a })
                    if let missing = ["order_id", "customer_id", "created_at", "total"].first(where: { csvColumns?[$0] == nil }) {
                        return (orders, [RejectedLine(line: number, reason: "CSV header lacks \(missing)")])
                    }
                    continue
                }
                switch csvOrder(fields, columns) {
                case .success(let order): orders.append(order)
                case .failure(let reason): rejected.append(RejectedLine(line: number, reason: reason.message))
                }
            case .cdnow:
                switch cdnowOrder(line, number: number) {
                case .success(let order): orders.append(order)
                case .failure(let reason):
                    if number > 1 || line.first?.isNumber == true { rejected.append(RejectedLine(line: number, reason: reason.message)) }
                }
            }
        }
        return (orders, rejected)
    }

    struct Reason: Error { var message: String }

    private static func csvOrder(_ fields: [String], _ columns: [String: Int]) -> Result<Order, Reason> {
        func field(_ name: String) -> String? { columns[name].flatMap { $0 < fields.count ? fields[$0] : nil } }
        guard let id = field("order_id"), !id.isEmpty else { return .failure(Reason(message: "empty order_id")) }
        guard let customer = field("customer_id"), !customer.isEmpty else { return .failure(Reason(message: "empty customer_id")) }
        guard let created = field("created_at").flatMap(RFC3339.date(from:)) else { return .failure(Reason(message: "created_at is not an RFC 3339 timestamp")) }
        guard let total = field("total").flatMap(Double.init), total.isFinite, total >= 0 else { return .failure(Reason(message: "total is not a non-negative number")) }
        return .success(Order(id: id, customerID: customer, createdAt: created, total: total, currency: field("currency") ?? "USD"))
    }

    private static func cdnowOrder(_ line: String, number: Int) -> Result<Order, Reason> {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
        guard fields.count == 4 || fields.count == 5 else { return .failure(Reason(message: "expected 4 or 5 columns")) }
        let offset = fields.count - 4
        let customer = String(fields[0])
        let dateText = fields[1 + offset]
        guard dateText.count == 8, let day = Int(dateText),
              let date = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: .gmt,
                                        year: day / 10_000, month: day / 100 % 100, day: day % 100).date,
              (1...12).contains(day / 100 % 100) else { return .failure(Reason(message: "date is not YYYYMMDD")) }
        guard let amount = Double(fields[3 + offset]), amount.isFinite, amount >= 0 else { return .failure(Reason(message: "amount is not a non-negative number")) }
        return .success(Order(id: "cdnow-\(number)", customerID: customer, createdAt: date, total: amount))
    }
}
