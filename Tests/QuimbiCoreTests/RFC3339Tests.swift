import Foundation
import QuimbiCore
import Testing

struct RFC3339Tests {
    /// Foundation's formatter on whole seconds (exact in a `Double`), as the reference for the calendar part.
    static let reference = Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: .gmt)

    @Test func formattingAgreesWithFoundationAcrossFourCenturiesAndRoundTrips() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let milliseconds = Int64.random(in: -5_000_000_000_000...8_000_000_000_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
            let wholeSeconds = Date(timeIntervalSince1970: Double((milliseconds - ((milliseconds % 1_000) + 1_000) % 1_000) / 1_000))
            let expected = Self.reference.format(wholeSeconds).dropLast() + "." + String(format: "%03d", ((milliseconds % 1_000) + 1_000) % 1_000) + "Z"
            #expect(RFC3339.string(from: date) == expected)
            #expect(RFC3339.date(from: RFC3339.string(from: date)) == date)
            #expect(RFC3339.utf8(from: date) == Array(expected.utf8))
        }
    }

    /// Formatting is total: a date outside the years 1–9999 (a helpdesk's Unix seconds of Int64.max once
    /// trapped here) is written as the nearest writable instant.
    @Test func datesNoCalendarCanWriteAreClampedNotTrapped() {
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: Double(Int64.max))) == "9999-12-31T23:59:59.999Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: -1e15)) == "0001-01-01T00:00:00.000Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.fullDate(from: Date(timeIntervalSince1970: .infinity)) == "9999-12-31")
    }

    @Test func fullDateIsTheUTCDayEvenJustBeforeMidnight() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let seconds = Int64.random(in: -5_000_000_000...8_000_000_000, using: &generator)
            #expect(RFC3339.fullDate(from: Date(timeIntervalSince1970: Double(seconds))) == String(Self.reference.format(Date(timeIntervalSince1970: Double(seconds))).prefix(10)))
        }
        #expect(RFC3339.fullDate(from: Date(timeIntervalSince1970: 86_399.9999)) == "1970-01-01")
        #expect(RFC3339.fullDate(from: Date(timeIntervalSince1970: -0.001)) == "1969-12-31")
    }

    @Test(arguments: [
        ("2026-11-25T06:57:10Z", 1_795_589_830.0),
        ("2026-11-25T06:57:10.5Z", 1_795_589_830.5),
        ("2026-11-25t06:57:10.250z", 1_795_589_830.25),
        ("2026-11-25 06:57:10Z", 1_795_589_830.0),
        ("2026-11-25T08:57:10+02:00", 1_795_589_830.0),
        ("2026-11-24T21:57:10.000-09:00", 1_795_589_830.0),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
    ])
    func parsesTheForms(_ text: String, _ seconds: Double) {
        #expect(RFC3339.date(from: text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: [
        "", "2026-11-25", "2026-11-25T06:57:10", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
        "2026-11-31T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T06:60:00Z", "2026-11-25T06:57:10.Z",
        "2026-11-25T06:57:10+0200", "2026-11-25T06:57:10Z ", "2026-11-25T06:57:10+02:00x", "yesterday at noon",
        "２０２６-11-25T06:57:10Z", "2026-11-25T06:57:10.123456789012345678901Z",
    ])
    func refusesEverythingElse(_ text: String) {
        #expect(RFC3339.date(from: text) == nil)
    }
}
