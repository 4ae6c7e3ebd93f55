import Foundation

/// The line every note ends with, naming the Quimbi event it was written for, and how to find it again in
/// what a helpdesk answers when asked for a ticket's notes: the delivery marker that keeps a redelivered
/// draft from being written twice when no PostgreSQL records deliveries.
public enum NoteMarker {
    /// The marker line's prefix.
    public static let prefix = "quimbi-event:"

    /// The marker line of `eventID`.
    public static func line(eventID: String) -> String {
        "\(prefix) \(eventID)"
    }

    /// Whether any string in the JSON document `json` carries the marker of `eventID` (as text or HTML-escaped),
    /// followed by nothing that could continue the id: `draft:z:1` is not found in a note marked `draft:z:10`.
    public static func isPresent(eventID: String, inJSON json: [UInt8]) -> Bool {
        guard let document = try? JSONSerialization.jsonObject(with: Data(json), options: [.fragmentsAllowed]) else { return false }
        let needles = Set([line(eventID: eventID), line(eventID: NoteHTML.html(eventID))])
        return containsMarker(document, needles)
    }

    private static func containsMarker(_ value: Any, _ needles: Set<String>) -> Bool {
        switch value {
        case let text as String: needles.contains { occurs($0, in: text) }
        case let array as [Any]: array.contains { containsMarker($0, needles) }
        case let object as [String: Any]: object.values.contains { containsMarker($0, needles) }
        default: false
        }
    }

    private static func occurs(_ needle: String, in text: String) -> Bool {
        var searched = text.startIndex..<text.endIndex
        while let found = text.range(of: needle, range: searched) {
            guard found.upperBound < text.endIndex, continuesID(text[found.upperBound]) else { return true }
            searched = found.upperBound..<text.endIndex
        }
        return false
    }

    /// Characters of event ids (letters, digits, `:`, `-`, `_`, `.`); anything else ends the marker.
    private static func continuesID(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || ":-_.".contains(character)
    }
}
