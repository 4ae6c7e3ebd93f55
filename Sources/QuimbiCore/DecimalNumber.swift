/// Decimal numbers read from their text as `Double(String)` and `Int(String)` read them, without their detour: a `String` made of the
/// bytes, then the C library's `strtod` (about a microsecond a ticket on the orders read from PostgreSQL: their
/// prices, totals and dates).
///
/// Most amounts and dates have at most 15 significant digits and a small power of ten (`12.99`, `1700000000.123456`):
/// their digits, as an integer, and the power of ten are then both exact `Double`s, and one multiplication or
/// division of the two gives the nearest `Double`, as `strtod` does (Clinger's fast path). Anything else (more
/// digits, a large exponent, `NaN`, `Infinity`, text that is no number) is left to `Double(String)`.
public enum DecimalNumber {
    /// The `Double` nearest to the number written in `utf8`, as `Double(String)` gives it; `nil` when it gives none.
    public static func double(_ utf8: UnsafeBufferPointer<UInt8>) -> Double? {
        if let value = exactlyRounded(utf8) { return value }
        return Double(String(decoding: utf8, as: UTF8.self))
    }

    /// The `Double` nearest to the number written in `text`, as `Double(text)` gives it.
    public static func double(_ text: String) -> Double? {
        text.withContiguousUTF8 { double($0) }
    }

    /// The integer written in `utf8` (`-` or `+`, then digits), as `Int(String)` reads it; `nil` when it is none or
    /// does not fit an `Int`.
    public static func integer(_ utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        var reader = DigitReader(utf8)
        let negative = reader.take(UInt8(ascii: "-"))
        if !negative { _ = reader.take(UInt8(ascii: "+")) }
        var magnitude: UInt64 = 0
        guard reader.digits(into: &magnitude) > 0, reader.atEnd, !reader.overflowed else { return nil }
        if negative { return magnitude <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }

    /// Powers of ten that a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { power, _ in power * 10 }
    }

    /// The largest integer below which every integer is an exact `Double`.
    private static let exactIntegerLimit: UInt64 = 1 << 53

    /// The nearest `Double` when the text is `-`? digits (`.` digits)? ((`e`|`E`) (`+`|`-`)? digits)?, its digits
    /// make an integer under 2⁵³ and the power of ten is within ±22; `nil` otherwise.
    static func exactlyRounded(_ utf8: UnsafeBufferPointer<UInt8>) -> Double? {
        var reader = DigitReader(utf8)
        let negative = reader.take(UInt8(ascii: "-"))
        var significand: UInt64 = 0
        guard reader.digits(into: &significand) > 0 else { return nil }
        var powerOfTen = 0
        if reader.take(UInt8(ascii: ".")) {
            let fractionDigits = reader.digits(into: &significand)
            guard fractionDigits > 0 else { return nil }
            powerOfTen -= fractionDigits
        }
        if reader.take(UInt8(ascii: "e")) || reader.take(UInt8(ascii: "E")) {
            let negativeExponent = reader.take(UInt8(ascii: "-"))
            if !negativeExponent { _ = reader.take(UInt8(ascii: "+")) }
            var exponent: UInt64 = 0
            guard reader.digits(into: &exponent) > 0, exponent <= 1_000 else { return nil }
            powerOfTen += negativeExponent ? -Int(exponent) : Int(exponent)
        }
        guard reader.atEnd, !reader.overflowed, significand < exactIntegerLimit else { return nil }
        var magnitude = Double(significand)
        if significand != 0 {
            guard abs(powerOfTen) < exactPowersOfTen.count else { return nil }
            let power = exactPowersOfTen[abs(powerOfTen)]
            magnitude = powerOfTen < 0 ? magnitude / power : magnitude * power
        }
        return negative ? -magnitude : magnitude
    }
}

/// Reads a number's text byte by byte, remembering whether its digits outgrew a `UInt64`.
private struct DigitReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// Whether some run of digits did not fit its `UInt64`.
    private(set) var overflowed = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool { index == bytes.count }

    /// Takes `byte` when it comes next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Appends the run of digits that comes next to `value` (decimal), and returns how many there were.
    mutating func digits(into value: inout UInt64) -> Int {
        let start = index
        while index < bytes.count, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
            let (shifted, shiftOverflow) = value.multipliedReportingOverflow(by: 10)
            let (next, digitOverflow) = shifted.addingReportingOverflow(UInt64(digit))
            if shiftOverflow || digitOverflow { overflowed = true }
            value = next
            index += 1
        }
        return index - start
    }
}
