import Foundation
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

/// Reads orders from text, one order per line, each line validated on its own:
/// - JSON Lines of ``Order``;
/// - CSV with a header (see ``OrderCSV``);
/// - the CDNOW format `customer_id date(YYYYMMDD) quantity amount`, or with a leading sample id column,
///   header optional.
public enum OrderFileParser {
    public enum Format: String, Sendable, CaseIterable { case jsonLines = "jsonl", csv, cdnow }

    /// Guesses the format from the first non-empty line.
    public static func detectFormat(_ text: Substring) -> Format {
        let first = text.split(maxSplits: 1, whereSeparator: \.isNewline).first?.trimmingCharacters(in: .whitespaces) ?? ""
        if first.hasPrefix("{") { return .jsonLines }
        if first.contains(",") { return .csv }
        return .cdnow
    }

    /// JSON Lines are decoded this many lines per call: fast, with the decoder's memory bounded.
    public static let jsonLinesPerCall = 4_096

    /// Parses `text`; bad lines are returned with their numbers instead of stopping the read.
    public static func parse(_ text: String, format: Format? = nil) -> (orders: [Order], rejected: [RejectedLine]) {
        let chosen = format ?? detectFormat(Substring(text))
        var parsed = ParsedOrders()
        switch chosen {
        case .jsonLines:
            // Decoded straight from the text's bytes: no string per line.
            let decoder = QuimbiJSON.makeDecoder()
            var text = text
            text.withUTF8 { bytes in
                let lines = TextLines.nonEmptyRanges(bytes)
                for start in stride(from: 0, to: lines.count, by: jsonLinesPerCall) {
                    let chunk = lines[start..<min(lines.count, start + jsonLinesPerCall)]
                    if let all = allValidJSONLines(chunk, of: bytes, decoder: decoder) {
                        parsed.orders.append(contentsOf: all)
                    } else {
                        for (number, range) in chunk { parsed.record(jsonOrder(Data(bytes[range]), decoder: decoder), line: number) }
                    }
                }
            }
        case .csv:
            var csv: OrderCSV?
            for (number, line) in TextLines.nonEmpty(text) {
                guard let reader = csv else {
                    switch OrderCSV.fromHeader(line) {
                    case .success(let reader): csv = reader
                    case .failure(let problem): return (parsed.orders, [RejectedLine(line: number, reason: problem.message)])
                    }
                    continue
                }
                parsed.record(reader.order(line), line: number)
            }
        case .cdnow:
            for (number, line) in TextLines.nonEmpty(text) {
                let order = cdnowOrder(line, number: number)
                // A non-numeric first line is the optional header.
                if case .failure = order, number == 1, line.first?.isNumber == false { continue }
                parsed.record(order, line: number)
            }
        }
        return (parsed.orders, parsed.rejected)
    }

    /// The orders read so far and the lines refused.
    private struct ParsedOrders {
        var orders: [Order] = []
        var rejected: [RejectedLine] = []

        mutating func record(_ parsed: Result<Order, OrderLineProblem>, line: Int) {
            switch parsed.flatMap(validated) {
            case .success(let order): orders.append(order)
            case .failure(let problem): rejected.append(RejectedLine(line: line, reason: problem.message))
            }
        }
    }

    /// The order if it can be stored and modelled, else why not.
    static func validated(_ order: Order) -> Result<Order, OrderLineProblem> {
        if order.id.isEmpty { return .failure("empty order id") }
        if order.customerID.isEmpty { return .failure("empty customer_id") }
        if !order.total.isFinite || order.total < 0 { return .failure("total is not a non-negative number") }
        if order.currency.count != 3 { return .failure("currency is not a 3-letter code") }
        return .success(order)
    }

    /// The lines (byte ranges of `bytes`) decoded in one call, when each is a valid order (the common
    /// case, many times faster than a call per line); `nil` when any line is not, so that lines are then
    /// read one by one.
    private static func allValidJSONLines(
        _ lines: ArraySlice<(number: Int, range: Range<Int>)>, of bytes: UnsafeBufferPointer<UInt8>, decoder: JSONDecoder
    ) -> [Order]? {
        var array = Data("[".utf8)
        for (index, entry) in lines.enumerated() {
            if index > 0 { array.append(UInt8(ascii: ",")) }
            array.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[entry.range]))
        }
        array.append(UInt8(ascii: "]"))
        guard let orders = try? decoder.decode([Order].self, from: array), orders.count == lines.count else { return nil }
        return orders.allSatisfy({ (try? validated($0).get()) != nil }) ? orders : nil
    }

    private static func jsonOrder(_ line: Data, decoder: JSONDecoder) -> Result<Order, OrderLineProblem> {
        do { return .success(try decoder.decode(Order.self, from: line)) } catch {
            return .failure(OrderLineProblem("not an order JSON object"))
        }
    }

    private static func cdnowOrder(_ line: String, number: Int) -> Result<Order, OrderLineProblem> {
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

/// The non-empty lines of a text with their 1-based numbers, surrounding spaces, tabs and carriage
/// returns removed; split on the UTF-8 bytes (much faster than by `Character`).
enum TextLines {
    static func nonEmpty(_ text: String) -> [(number: Int, line: String)] {
        var text = text
        return text.withUTF8 { bytes in
            nonEmptyRanges(bytes).map { ($0.number, String(decoding: UnsafeBufferPointer(rebasing: bytes[$0.range]), as: UTF8.self)) }
        }
    }

    /// The byte ranges of the non-empty lines of `bytes`, trimmed, with their 1-based numbers.
    static func nonEmptyRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [(number: Int, range: Range<Int>)] {
        var result: [(number: Int, range: Range<Int>)] = []
        var number = 0
        var start = 0
        while start <= bytes.count {
            number += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var low = start
            var high = end
            while low < high, [0x20, 0x09, 0x0D].contains(bytes[low]) { low += 1 }
            while high > low, [0x20, 0x09, 0x0D].contains(bytes[high - 1]) { high -= 1 }
            if high > low { result.append((number, low..<high)) }
            start = end + 1
        }
        return result
    }
}

/// Why one line of an orders file was rejected.
struct OrderLineProblem: Error, ExpressibleByStringLiteral {
    var message: String
    init(_ message: String) { self.message = message }
    init(stringLiteral value: String) { self.message = value }
}
