import Foundation
import QuimbiCore
@testable import QuimbiSegmentation
import Testing

/// Orders files are read chunk by chunk and give what reading them whole gave.
struct OrderFileStreamingTests {
    static let asOf = RFC3339.date(from: "2026-11-25T12:00:00Z")!

    @Test func linesCutByChunkBoundariesComeOutWhole() {
        let text = "a,b\r\n\n  first line \t\nsecond\n\n\r\nthird,with,commas\nlast without newline  "
        let bytes = Array(text.utf8)
        func lines(chunkSize: Int) -> [String] {
            var splitter = TextLines()
            var found: [String] = []
            let collect = { (line: UnsafeBufferPointer<UInt8>, number: Int) in found.append("\(number):" + String(decoding: line, as: UTF8.self)) }
            for start in stride(from: 0, to: bytes.count, by: chunkSize) {
                bytes[start..<min(bytes.count, start + chunkSize)].withUnsafeBufferPointer { splitter.consume($0, collect) }
            }
            splitter.finish(collect)
            return found
        }
        let whole = lines(chunkSize: bytes.count)
        #expect(whole == ["1:a,b", "3:first line", "4:second", "7:third,with,commas", "8:last without newline"])
        for size in 1...9 { #expect(lines(chunkSize: size) == whole, "chunks of \(size) bytes") }
    }

    /// Several chunks of JSON Lines and of CSV, with bad lines here and there.
    @Test(arguments: ["jsonl", "csv"])
    func aFileReadInChunksGivesWhatTheWholeTextGives(format: String) throws {
        let orders = SampleStoreGenerator.generate(customerCount: 10_000, seed: 4, asOf: Self.asOf).orders
        var lines = format == "jsonl" ? try orders.map(Self.jsonLine) : [OrderCSVLine.header] + orders.map(OrderCSVLine.line)
        for (offset, bad) in [(3, "{not json"), (2_000, "o,c,,yesterday,x,USD"), (7_001, "")] { lines.insert(bad, at: offset) }
        let text = lines.joined(separator: "\n") + "\n"
        #expect(text.utf8.count > 2 * OrderFileParser.fileChunkSize)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("orders-\(UUID().uuidString).\(format)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }

        var streamed: [Order] = []
        let rejected = try OrderFileParser.read(contentsOf: path) { streamed.append($0) }
        let whole = OrderFileParser.parse(text)
        #expect(streamed == whole.orders)
        #expect(rejected == whole.rejected)
        #expect(streamed.count == orders.count && rejected.map(\.line) == [4, 2_001])
        #expect(streamed.map(\.id) == orders.map(\.id) && streamed.map(\.total) == orders.map(\.total))
    }

    @Test func anUnreadableFileIsATypedError() {
        #expect { _ = try OrderFileParser.read(contentsOf: "/nonexistent/orders.csv") { _ in } } throws: {
            ($0 as? OrderFileError)?.code == "order_file_unreadable"
        }
    }

    static func jsonLine(_ order: Order) throws -> String {
        String(decoding: try QuimbiJSON.makeEncoder().encode(order), as: UTF8.self)
    }
}
