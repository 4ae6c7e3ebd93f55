import Foundation

/// RFC 3339 timestamps (the `date-time` format of JSON Schema), parsed and formatted by hand:
/// Foundation's ISO 8601 styles cost microseconds per call, and every event carries several.
public enum RFC3339 {
    /// Milliseconds since 1970 of the first and last instants with a four-digit year
    /// (0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z), the range RFC 3339 can write.
    static let writableMilliseconds: ClosedRange<Double> = -62_135_596_800_000...253_402_300_799_999

    /// Length of ``string(from:)``'s text: every writable instant has a four-digit year and milliseconds.
    static let textLength = 24

    /// Formats `date` in UTC, rounded to the nearest millisecond, e.g. `2026-11-25T06:57:10.123Z`. A date
    /// outside the years 1–9999 is written as the nearest writable instant (and a NaN one as 1970), never a trap.
    public static func string(from date: Date) -> String {
        String(unsafeUninitializedCapacity: textLength) { text in
            write(date, into: text.baseAddress!)
            return textLength
        }
    }

    /// ``string(from:)``'s text of `date` as its UTF-8 bytes (a Kafka header's value), without a `String` between.
    public static func utf8(from date: Date) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: textLength) { bytes, count in
            write(date, into: bytes.baseAddress!)
            count = textLength
        }
    }

    /// Writes ``string(from:)``'s text of `date`, ``textLength`` bytes, from `out` on.
    static func write(_ date: Date, into out: UnsafeMutablePointer<UInt8>) {
        let milliseconds = (date.timeIntervalSince1970 * 1_000).rounded()
        let totalMilliseconds = milliseconds.isNaN ? 0 : Int64(milliseconds.clamped(to: writableMilliseconds))
        let (days, millisecondOfDay) = totalMilliseconds.floorDivided(by: 86_400_000)
        let second = Int(millisecondOfDay / 1_000)
        writeFullDate(days, into: out)
        out[10] = UInt8(ascii: "T")
        DecimalDigits.write(UInt64(second / 3_600), count: 2, into: out + 11)
        out[13] = UInt8(ascii: ":")
        DecimalDigits.write(UInt64(second / 60 % 60), count: 2, into: out + 14)
        out[16] = UInt8(ascii: ":")
        DecimalDigits.write(UInt64(second % 60), count: 2, into: out + 17)
        out[19] = UInt8(ascii: ".")
        DecimalDigits.write(UInt64(millisecondOfDay % 1_000), count: 3, into: out + 20)
        out[23] = UInt8(ascii: "Z")
    }

    /// The UTC calendar day of `date` as an RFC 3339 `full-date`, e.g. `2026-11-25`.
    public static func fullDate(from date: Date) -> String {
        let days = daysSince1970(date)
        return String(unsafeUninitializedCapacity: 10) { text in
            writeFullDate(days, into: text.baseAddress!)
            return 10
        }
    }

    /// The UTC calendar day of `date` as numbers: the day ``fullDate(from:)`` writes (years 1–9999).
    public static func calendarDay(of date: Date) -> (year: Int, month: Int, day: Int) {
        CivilDate.fromDays(daysSince1970(date))
    }

    /// Days from 1970-01-01 to the UTC day of `date`, within the writable years (0 for NaN).
    private static func daysSince1970(_ date: Date) -> Int64 {
        let milliseconds = (date.timeIntervalSince1970 * 1_000).rounded(.down)
        return (milliseconds.isNaN ? 0 : Int64(milliseconds.clamped(to: writableMilliseconds))).floorDivided(by: 86_400_000).quotient
    }

    /// Writes `YYYY-MM-DD` of the day `days` after 1970-01-01, ten bytes from `out` on.
    private static func writeFullDate(_ days: Int64, into out: UnsafeMutablePointer<UInt8>) {
        let (year, month, day) = CivilDate.fromDays(days)
        DecimalDigits.write(UInt64(year), count: 4, into: out)
        out[4] = UInt8(ascii: "-")
        DecimalDigits.write(UInt64(month), count: 2, into: out + 5)
        out[7] = UInt8(ascii: "-")
        DecimalDigits.write(UInt64(day), count: 2, into: out + 8)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (`t`, `z` and a space separator allowed);
    /// `nil` for anything else, including impossible dates such as February 30.
    public static func date(from text: String) -> Date? {
        text.withContiguousUTF8 { parse(Array($0)) }
    }

    private static func parse(_ b: [UInt8]) -> Date? {
        guard b.count >= 20, b.count <= 40, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(b[10]),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let year = number(b, 0, 4), let month = number(b, 5, 2), let day = number(b, 8, 2),
              let hour = number(b, 11, 2), let minute = number(b, 14, 2), let second = number(b, 17, 2),
              (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
              hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        // The fraction as numerator / denominator, to nanoseconds; further digits are dropped.
        var fraction: Int64 = 0
        var denominator: Int64 = 1
        if b[index] == UInt8(ascii: ".") {
            index += 1
            let first = index
            while index < b.count, let digit = digit(b[index]) {
                if denominator < 1_000_000_000 {
                    fraction = fraction * 10 + Int64(digit)
                    denominator *= 10
                }
                index += 1
            }
            guard index > first else { return nil }
        }
        guard index < b.count else { return nil }
        var offsetSeconds = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == b.count, b[index + 3] == UInt8(ascii: ":"),
                  let offsetHours = number(b, index + 1, 2), let offsetMinutes = number(b, index + 4, 2),
                  offsetHours < 24, offsetMinutes < 60 else { return nil }
            offsetSeconds = (offsetHours * 3_600 + offsetMinutes * 60) * (b[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == b.count else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = Int64(days * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds)
        return Date(timeIntervalSince1970: Double(seconds * denominator + fraction) / Double(denominator))
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func number(_ b: [UInt8], _ start: Int, _ length: Int) -> Int? {
        var value = 0
        for index in start..<start + length {
            guard let digit = digit(b[index]) else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}

/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01 (H. Hinnant's algorithms).
enum CivilDate {
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func fromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension Int64 {
    /// Quotient rounded toward negative infinity, and the non-negative remainder.
    func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = ((self % divisor) + divisor) % divisor
        return ((self - remainder) / divisor, remainder)
    }
}

extension Comparable {
    /// `self`, or the nearer bound of `range` when outside it.
    func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}
