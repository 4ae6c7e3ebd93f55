import Foundation

/// The JSON conventions of every Quimbi event and file: snake_case keys (declared per type),
/// RFC 3339 timestamps in UTC, sorted keys off for speed.
public enum QuimbiJSON {
    /// A new encoder with Quimbi's date format.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.string(from: date))
        }
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// A new decoder that accepts RFC 3339 timestamps with or without fractional seconds.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.date(from: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not an RFC 3339 timestamp: \(text.prefix(40))")
            }
            return date
        }
        return decoder
    }
}

/// RFC 3339 timestamps (the `date-time` format of JSON Schema).
public enum RFC3339 {
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let whole = Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: .gmt)

    /// Formats `date` in UTC with millisecond precision, e.g. `2026-11-25T06:57:10.123Z`.
    public static func string(from date: Date) -> String {
        fractional.format(date)
    }

    /// Parses an RFC 3339 timestamp with a `Z` or numeric offset, with or without fractions.
    public static func date(from text: String) -> Date? {
        guard text.count >= 20, text.count <= 40 else { return nil }
        if let date = try? fractional.parse(text) { return date }
        if let date = try? whole.parse(text) { return date }
        return nil
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
