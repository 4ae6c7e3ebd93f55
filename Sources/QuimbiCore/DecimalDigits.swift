/// Decimal digits written in place, right to left: RFC 3339's fixed-width fields, the JSON writer's integers
/// and money amounts all write numbers this way, without building a `String` per number.
public enum DecimalDigits {
    /// How many digits `value` has (1 for 0).
    public static func count(of value: UInt64) -> Int {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        return digits
    }

    /// Writes the last `count` decimal digits of `value`, zero-padded, from `out` on.
    public static func write(_ value: UInt64, count: Int, into out: UnsafeMutablePointer<UInt8>) {
        var rest = value
        for index in stride(from: count - 1, through: 0, by: -1) {
            out[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }
}
