import Foundation
import Glibc
import QuimbiCore

/// A line of an orders file that could not be read.
public struct RejectedLine: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line number in the file.
    public var line: Int
    public var reason: String
    public var description: String { "line \(line): \(reason)" }

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}

/// An orders file that could not be read at all.
public struct OrderFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Stable code: `order_file_unreadable`.
    public var code: String { "order_file_unreadable" }
    /// The file's path.
    public var path: String
    /// What the system said.
    public var reason: String
    public var description: String { "\(code): cannot read \(path): \(reason)" }
}

/// Reads orders from text, one order per line, each line validated on its own:
/// - JSON Lines of ``Order``;
/// - CSV with a header (see ``OrderCSV``);
/// - the CDNOW format `customer_id date(YYYYMMDD) quantity amount`, or with a leading sample id column,
///   header optional.
public enum OrderFileParser {
    public enum Format: String, Sendable, CaseIterable { case jsonLines = "jsonl", csv, cdnow }

    /// Bytes read from a file per call.
    static let fileChunkSize = 1 << 20

    /// Parses `text`; bad lines are returned with their numbers instead of stopping the read.
    public static func parse(_ text: String, format: Format? = nil) -> (orders: [Order], rejected: [RejectedLine]) {
        var orders: [Order] = []
        var text = text
        let rejected = text.withUTF8 { bytes in
            let reading = Reading(format: format)
            reading.consume(bytes) { orders.append($0) }
            return reading.finish { orders.append($0) }
        }
        return (orders, rejected)
    }

    /// Reads the file at `path` chunk by chunk, never holding it whole, and hands each valid order
    /// to `body` in file order; returns the bad lines with their numbers.
    public static func read(
        contentsOf path: String, format: Format? = nil, _ body: (Order) -> Void
    ) throws(OrderFileError) -> [RejectedLine] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw OrderFileError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let reading = Reading(format: format)
        var buffer = [UInt8](repeating: 0, count: fileChunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw OrderFileError(path: path, reason: String(cString: strerror(errno))) }
            if count == 0 { break }
            buffer.withUnsafeBufferPointer { reading.consume(UnsafeBufferPointer(rebasing: $0[..<count]), body) }
        }
        return reading.finish(body)
    }

    /// Guesses the format from the first non-empty line.
    static func detectFormat(firstLine line: UnsafeBufferPointer<UInt8>) -> Format {
        if line.first == UInt8(ascii: "{") { return .jsonLines }
        if line.contains(UInt8(ascii: ",")) { return .csv }
        return .cdnow
    }

    /// Lines of text, chunk by chunk, decoded into orders.
    private final class Reading {
        var lines = TextLines()
        var decoder: OrderLineDecoder

        init(format: Format?) {
            decoder = OrderLineDecoder(format: format)
        }

        func consume(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (Order) -> Void) {
            lines.consume(chunk) { decoder.decode($0, number: $1, into: body) }
        }

        func finish(_ body: (Order) -> Void) -> [RejectedLine] {
            lines.finish { decoder.decode($0, number: $1, into: body) }
            return decoder.rejected
        }
    }

    /// The order if it can be stored and modelled, else why not.
    static func validated(_ order: Order) -> Result<Order, OrderLineProblem> {
        if order.id.isEmpty { return .failure("empty order id") }
        if order.customerID.isEmpty { return .failure("empty customer_id") }
        if !order.total.isFinite || order.total < 0 { return .failure("total is not a non-negative number") }
        if let discount = order.discountTotal, !discount.isFinite || discount < 0 {
            return .failure("discount_total is not a non-negative number")
        }
        if order.currency.count != 3 { return .failure("currency is not a 3-letter code") }
        return .success(order)
    }

    static func cdnowOrder(_ line: String, number: Int) -> Result<Order, OrderLineProblem> {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
        guard fields.count == 4 || fields.count == 5 else { return .failure("expected 4 or 5 columns") }
        let offset = fields.count - 4
        let dateText = fields[1 + offset]
        guard dateText.count == 8, let day = Int(dateText), (1...12).contains(day / 100 % 100),
              let date = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: .gmt,
                                        year: day / 10_000, month: day / 100 % 100, day: day % 100).date
        else { return .failure("date is not YYYYMMDD") }
        guard let amount = Double(fields[3 + offset]) else { return .failure("amount is not a number") }
        return .success(Order(id: "cdnow-\(number)", customerID: String(fields[0]), createdAt: date, total: amount))
    }
}

/// Why one line of an orders file was rejected.
struct OrderLineProblem: Error, ExpressibleByStringLiteral {
    var message: String
    init(_ message: String) { self.message = message }
    init(stringLiteral value: String) { self.message = value }
}
