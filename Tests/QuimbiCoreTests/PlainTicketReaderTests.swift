import Foundation
import Testing
@testable import QuimbiCore

/// ``PlainTicketReader`` reads the plain events exactly as `JSONDecoder` does, and declines the rest, so that
/// ``TicketDecoder``'s verdicts do not depend on which of the two read an event.
@Suite struct PlainTicketReaderTests {
    private static func read(_ text: String) -> TicketCreated? {
        Array(text.utf8).withUnsafeBufferPointer(PlainTicketReader.read)
    }

    private static func foundation(_ text: String) -> Result<TicketCreated, TicketRejection> {
        Result { () throws(TicketRejection) in try TicketDecoder.decodeWithFoundation(Array(text.utf8)) }
    }

    @Test func readsGeneratedTicketsAsJSONDecoderDoes() throws {
        var random = SplitMix64(state: 11)
        for round in 0..<400 {
            let ticket = TicketText.randomTicket(&random)
            for text in [try TicketText.encoded(ticket), TicketText.handWritten(ticket, &random)] {
                let read = try #require(Self.read(text), "round \(round) not read: \(text)")
                #expect(read == ticket, "round \(round): \(text)")
                #expect(Self.foundation(text) == .success(read), "round \(round): \(text)")
            }
        }
    }

    @Test(arguments: [
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z","extra":1}"#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","customer_id":"2","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z"}"#,
        #"{"event_\u0069d":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z"}"#,
        #"{"event_id":"e","ticket_id":7,"customer_id":"1","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z"}"#,
        #"{"event_id":"e","ticket_id":null,"customer_id":"1","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z"}"#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"\ud83d","created_at":"2026-11-25T06:57:10Z"}"#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"\ude00","created_at":"2026-11-25T06:57:10Z"}"#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"\ud83d\u0041","created_at":"2026-11-25T06:57:10Z"}"#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"\x41","created_at":"2026-11-25T06:57:10Z"}"#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"\u00g1","created_at":"2026-11-25T06:57:10Z"}"#,
        "{\"event_id\":\"e\",\"ticket_id\":\"T\",\"customer_id\":\"1\",\"channel\":\"email\",\"message\":\"a\u{1}b\",\"created_at\":\"2026-11-25T06:57:10Z\"}",
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"fax","message":"m","created_at":"2026-11-25T06:57:10Z"}"#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"m","created_at":"2026-02-30T06:57:10Z"}"#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z"} x"#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z","tags":["a",null]}"#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z","source":{"system":"z","shop":"s"}}"#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z","source":{"system":"z","system":"y"}}"#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z","source":"zendesk"}"#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"m","created_at":"2026-11-25T06:57:10Z","#,
        #"{"event_id":"e","ticket_id":"T","customer_id":"1","channel":"email","message":"m"}"#,
        #"[{"event_id":"e"}]"#,
        "{}",
        "null",
        "",
    ])
    func leavesEveryOtherShapeToJSONDecoder(text: String) {
        #expect(Self.read(text) == nil)
    }

    /// Damaged plain events: whatever the reader still reads, `JSONDecoder` decodes to the same ticket.
    @Test func neverReadsWhatJSONDecoderWouldRefuseOrReadOtherwise() throws {
        var random = SplitMix64(state: 29)
        let alphabet = Array(#"{}[],:" \ nu0aA"#.utf8)
        var read = 0
        for round in 0..<3_000 {
            guard let text = Damage.applied(to: TicketText.handWritten(TicketText.randomTicket(&random), &random), alphabet: alphabet, &random),
                  let ticket = Self.read(text) else { continue }
            read += 1
            #expect(Self.foundation(text) == .success(ticket), "round \(round): \(text)")
        }
        #expect(read > 0, "some damage leaves an event the reader still reads (a changed letter in a value)")
    }
}

/// Ticket events as the webhook and other producers write them, for the reader's tests.
enum TicketText {
    /// Text with what JSON must escape, what it may escape, and characters beyond the BMP.
    static let pieces = ["plain words", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{7F}", "é", "日本", "🧵", "\u{2028}", " ", "0"]

    static func randomText(_ random: inout SplitMix64, nonEmpty: Bool = true) -> String {
        let count = random.next(below: 6) + (nonEmpty ? 1 : 0)
        return (0..<count).map { _ in pieces[random.next(below: pieces.count)] }.joined()
    }

    static func randomTicket(_ random: inout SplitMix64) -> TicketCreated {
        func maybe(_ random: inout SplitMix64) -> String? { random.next(below: 2) == 0 ? nil : randomText(&random) }
        let milliseconds = 1_700_000_000_000 + Int64(random.next(below: 100_000_000_000))
        return TicketCreated(
            eventID: randomText(&random), ticketID: randomText(&random), customerID: maybe(&random), customerEmail: maybe(&random),
            channel: TicketChannel.allCases[random.next(below: TicketChannel.allCases.count)], subject: maybe(&random),
            message: randomText(&random), createdAt: Date(timeIntervalSince1970: Double(milliseconds) / 1_000),
            language: maybe(&random),
            tags: random.next(below: 2) == 0 ? nil : (0..<random.next(below: 3)).map { _ in randomText(&random) },
            source: random.next(below: 2) == 0 ? nil : TicketSource(system: maybe(&random), account: maybe(&random)))
    }

    /// The ticket as ``QuimbiJSON/makeEncoder()`` writes it.
    static func encoded(_ ticket: TicketCreated) throws -> String {
        String(decoding: try QuimbiJSON.makeEncoder().encode(ticket), as: UTF8.self)
    }

    /// The ticket written by hand: keys in a random order, whitespace around every token, absent optional
    /// fields sometimes written as `null`, and every character beyond ASCII escaped as `\u` (pairs beyond the BMP).
    static func handWritten(_ ticket: TicketCreated, _ random: inout SplitMix64) -> String {
        func space(_ random: inout SplitMix64) -> String { [" ", "", "\n\t", "\r\n "][random.next(below: 4)] }
        func string(_ text: String?) -> String {
            guard let text else { return "null" }
            var out = "\""
            for unit in text.utf16 {
                switch unit {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x2F: out += "\\/"
                case 0x20..<0x7F: out.append(Character(Unicode.Scalar(unit)!))
                default:
                    let hex = String(unit, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
            return out + "\""
        }
        var members = [
            ("event_id", string(ticket.eventID)), ("ticket_id", string(ticket.ticketID)), ("channel", string(ticket.channel.rawValue)),
            ("message", string(ticket.message)), ("created_at", string(RFC3339.string(from: ticket.createdAt))),
        ]
        let optionals: [(String, String?)] = [
            ("customer_id", ticket.customerID), ("customer_email", ticket.customerEmail), ("subject", ticket.subject),
            ("language", ticket.language),
        ]
        for (key, value) in optionals where value != nil || random.next(below: 2) == 0 { members.append((key, string(value))) }
        if let tags = ticket.tags {
            members.append(("tags", "[" + tags.map { space(&random) + string($0) + space(&random) }.joined(separator: ",") + "]"))
        } else if random.next(below: 2) == 0 {
            members.append(("tags", "null"))
        }
        if let source = ticket.source {
            var fields = [("system", source.system), ("account", source.account)].filter { $0.1 != nil || random.next(below: 2) == 0 }
            shuffle(&fields, &random)
            members.append(("source", "{" + fields.map { string($0.0) + ":" + space(&random) + string($0.1) }.joined(separator: ",") + "}"))
        } else if random.next(below: 2) == 0 {
            members.append(("source", "null"))
        }
        shuffle(&members, &random)
        let body = members.map { space(&random) + string($0.0) + space(&random) + ":" + space(&random) + $0.1 + space(&random) }
        return space(&random) + "{" + body.joined(separator: ",") + "}" + space(&random)
    }
}

/// Fisher–Yates with the tests' own generator.
private func shuffle<Element>(_ array: inout [Element], _ random: inout SplitMix64) {
    for index in array.indices.dropLast() {
        array.swapAt(index, index + random.next(below: array.count - index))
    }
}
