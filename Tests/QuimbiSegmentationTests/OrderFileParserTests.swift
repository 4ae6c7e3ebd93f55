import QuimbiCore
import QuimbiSegmentation
import Testing

/// The CSV and JSON Lines order files of `quimbi load` and `quimbi segment`.
struct OrderFileParserTests {
    @Test func csvBadRowsAreReportedWithLineNumbersAndGoodRowsKept() {
        let csv = """
            id,customer_id,created_at,total,line_items
            o1,c1,2026-01-02T03:04:05Z,12.5,"[{""title"":""Thread, red"",""quantity"":2,""unit_price"":6.25}]"
            o2,c1,yesterday,3,
            o3,,2026-01-02T03:04:05Z,3,
            o4,c2,2026-01-02T03:04:05Z,abc,
            o5,c2,2026-01-02T03:04:05Z,1
            o6,c2,2026-01-03T00:00:00Z,-4,
            o7,c2,2026-01-03T00:00:00Z,4,not json
            """
        let parsed = OrderFileParser.parse(csv)
        #expect(parsed.orders.map(\.id) == ["o1"])
        #expect(parsed.orders.first?.lineItems.first?.title == "Thread, red")
        #expect(parsed.rejected.map(\.line) == [3, 4, 5, 6, 7, 8])
        #expect(parsed.rejected.first?.reason == "created_at is not an RFC 3339 timestamp")
    }

    @Test func csvWithoutRequiredColumnsIsRejectedWhole() {
        let parsed = OrderFileParser.parse("id,total\no1,3\n")
        #expect(parsed.orders.isEmpty)
        #expect(parsed.rejected == [RejectedLine(line: 1, reason: "CSV header lacks customer_id, created_at")])
    }

    @Test func jsonLinesBadRowsAreReported() {
        let jsonl = """
            {"id":"o1","customer_id":"c1","created_at":"2026-01-02T03:04:05Z","total":5,"currency":"USD","financial_status":"paid","fulfillment_status":"fulfilled","line_items":[],"tracking":[]}
            {"id":"o2"}

            {"id":"","customer_id":"c1","created_at":"2026-01-02T03:04:05Z","total":5,"currency":"USD","financial_status":"paid","fulfillment_status":"fulfilled","line_items":[],"tracking":[]}
            """
        let parsed = OrderFileParser.parse(jsonl)
        #expect(parsed.orders.map(\.id) == ["o1"])
        #expect(parsed.rejected.map(\.line) == [2, 4])
    }

    @Test func jsonLinesAreReadInChunksAndABadLineCostsOnlyItself() {
        let good = { (index: Int) in
            #"{"id":"o\#(index)","customer_id":"c\#(index % 97)","created_at":"2026-01-02T03:04:05Z","total":5,"currency":"USD","financial_status":"paid","fulfillment_status":"fulfilled","line_items":[],"tracking":[]}"#
        }
        let count = 4_096 * 2 + 10
        let badLine = 4_096 + 7
        let lines = (1...count).map { $0 == badLine ? #"{"id":"broken""# : good($0) }
        let parsed = OrderFileParser.parse(lines.joined(separator: "\n"))
        #expect(parsed.rejected.map(\.line) == [badLine])
        #expect(parsed.orders.count == count - 1)
        #expect(parsed.orders.map(\.id) == (1...count).filter { $0 != badLine }.map { "o\($0)" }, "order kept across chunks")
    }

    /// `discount_total` is read from CSV and JSON Lines (empty, `null` or absent: unknown; negative:
    /// rejected), files without it still load, and what ``OrderCSVLine`` writes reads back the same.
    @Test func discountTotalIsReadAndFilesWithoutItStillLoad() throws {
        let csv = """
            order_id,customer_id,created_at,total,discount_total
            o1,c1,2026-01-02T03:04:05Z,42.5,7.50
            o2,c1,2026-01-03T03:04:05Z,40,0
            o3,c1,2026-01-04T03:04:05Z,40,
            o4,c1,2026-01-05T03:04:05Z,40,lots
            o5,c1,2026-01-06T03:04:05Z,40,-1
            """
        let parsed = OrderFileParser.parse(csv)
        #expect(parsed.orders.map(\.discountTotal) == [7.5, 0, nil])
        #expect(parsed.rejected == [RejectedLine(line: 5, reason: "discount_total is not a number"),
                                    RejectedLine(line: 6, reason: "discount_total is not a non-negative number")])
        let older = OrderFileParser.parse("order_id,customer_id,created_at,total\no1,c1,2026-01-02T03:04:05Z,40\n")
        #expect(older.orders.map(\.discountTotal) == [nil] && older.rejected.isEmpty)

        let order = #""id":"o1","customer_id":"c1","created_at":"2026-01-02T03:04:05Z","total":40,"currency":"USD","financial_status":"paid","fulfillment_status":"fulfilled","line_items":[],"tracking":[]"#
        let jsonl = [",\"discount_total\":7.5", ",\"discount_total\":0", ",\"discount_total\":null", "", ",\"discount_total\":-2"]
            .map { "{\(order)\($0)}" }.joined(separator: "\n")
        let read = OrderFileParser.parse(jsonl)
        #expect(read.orders.map(\.discountTotal) == [7.5, 0, nil, nil])
        #expect(read.rejected == [RejectedLine(line: 5, reason: "discount_total is not a non-negative number")])

        let written = [OrderCSVLine.header] + read.orders.map(OrderCSVLine.line)
        #expect(OrderFileParser.parse(written.joined(separator: "\n")).orders == read.orders)
    }
}
