import Foundation
import QuimbiCore

/// Turns the non-empty lines of an orders file into orders, one line at a time, keeping between
/// lines only what its format needs (the CSV header). Bad lines are collected with their numbers
/// instead of stopping the read.
struct OrderLineDecoder {
    private var format: OrderFileParser.Format?
    private var csv: OrderCSV?
    /// Set when the CSV header is unusable: nothing after it can be read.
    private var stopped = false
    private let decoder = QuimbiJSON.makeDecoder()
    /// The lines refused so far.
    private(set) var rejected: [RejectedLine] = []

    /// A decoder of `format`, or of the format its first line shows.
    init(format: OrderFileParser.Format?) {
        self.format = format
    }

    /// Decodes line `number`; a valid order goes to `body`.
    mutating func decode(_ line: UnsafeBufferPointer<UInt8>, number: Int, into body: (Order) -> Void) {
        guard !stopped else { return }
        let chosen = format ?? OrderFileParser.detectFormat(firstLine: line)
        format = chosen
        switch chosen {
        case .jsonLines:
            // Straight from the bytes; `JSONDecoder` decides only what the byte reader leaves to it.
            let order = OrderJSONLine.order(line).map { Result<Order, OrderLineProblem>.success($0) }
                ?? Result { try decoder.decode(Order.self, from: Data(line)) }.mapError { _ in "not an order JSON object" }
            record(order, line: number, into: body)
        case .csv:
            guard let reader = csv else {
                switch OrderCSV.fromHeader(line) {
                case .success(let reader): csv = reader
                case .failure(let problem):
                    rejected.append(RejectedLine(line: number, reason: problem.message))
                    stopped = true
                }
                return
            }
            record(reader.order(line), line: number, into: body)
        case .cdnow:
            let order = OrderFileParser.cdnowOrder(String(decoding: line, as: UTF8.self), number: number)
            // A non-numeric first line is the optional header.
            if case .failure = order, number == 1, line.first.map({ !(0x30...0x39).contains($0) }) ?? false { return }
            record(order, line: number, into: body)
        }
    }

    private mutating func record(_ parsed: Result<Order, OrderLineProblem>, line: Int, into body: (Order) -> Void) {
        switch parsed.flatMap(OrderFileParser.validated) {
        case .success(let order): body(order)
        case .failure(let problem): rejected.append(RejectedLine(line: line, reason: problem.message))
        }
    }
}
