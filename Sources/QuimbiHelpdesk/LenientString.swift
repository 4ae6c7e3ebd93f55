import Foundation

/// A JSON value read as text whether the helpdesk sent a string or a number; empty text is absent.
struct LenientString: Decodable, Sendable {
    let value: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let integer = try? container.decode(Int64.self) {
            value = String(integer)
        } else {
            let text = try container.decode(String.self).trimmingCharacters(in: .whitespacesAndNewlines)
            value = text.isEmpty ? nil : text
        }
    }
}

extension Optional where Wrapped == LenientString {
    /// The text, `nil` when the field was absent, null or empty.
    var text: String? { self?.value }
}
