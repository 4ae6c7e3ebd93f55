import Foundation
import QuimbiCore

/// The mechanics every helpdesk mapping shares: decoding with the ticket decoder's rejection codes,
/// event ids, message text, tags and timestamps.
enum HelpdeskPayload {
    /// Decodes `T` from `body`; failures carry the same codes as a malformed ticket-created event.
    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws(TicketRejection) -> T {
        guard body.count <= TicketLimits.maxEventBytes else {
            throw TicketRejection(.payloadTooLarge, "body is \(body.count) bytes, limit \(TicketLimits.maxEventBytes)")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch let error as DecodingError {
            throw TicketDecoder.rejection(for: error)
        } catch {
            throw TicketRejection(.invalidJSON, "\(error)")
        }
    }

    /// `<system>:<account>:<ticket id>`: one event per helpdesk ticket, so redeliveries are duplicates.
    static func eventID(_ system: HelpdeskSystem, account: String?, ticketID: String) -> String {
        "\(system.rawValue):\(account ?? "default"):\(ticketID)"
    }

    /// The customer's words: `body` as plain text, or the subject when the body has none.
    static func message(_ body: String?, subject: String?) -> String {
        let text = body.map(MessageText.plain) ?? ""
        return text.isEmpty ? (subject ?? "") : text
    }

    /// The tags of a rendered tag list: separated by commas when it has any (Freshdesk, Gorgias), else by spaces
    /// (Zendesk); `nil` when there are none.
    static func tags(_ list: String?) -> [String]? {
        guard let list else { return nil }
        let separator: (Character) -> Bool = list.contains(",") ? { $0 == "," } : { $0 == " " }
        let kept = list.split(whereSeparator: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return kept.isEmpty ? nil : kept
    }

    /// An ISO 8601 time with seconds, or with minutes only (`2013-12-12T05:35Z`, as Zendesk renders it), or in
    /// Chatwoot's forms (`2020-03-03 13:05:57 UTC`, Unix seconds).
    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        if let date = RFC3339.date(from: text) { return date }
        if let seconds = Int64(text) {
            // Unix seconds up to the end of 9999: later ones are not a ticket's time (and cannot be written back).
            guard (0...253_402_300_799).contains(seconds) else { return nil }
            return Date(timeIntervalSince1970: Double(seconds))
        }
        if text.hasSuffix(" UTC") { return RFC3339.date(from: text.dropLast(4) + "Z") }
        guard text.count == 17, text.hasSuffix("Z") else { return nil }
        return RFC3339.date(from: text.dropLast() + ":00Z")
    }
}
