@testable import QuimbiSupport
import Foundation
import QuimbiCore
import Testing

/// Locale-independent number formats.
struct NumberFormatTests {
    @Test(arguments: [(179.42, "179.42"), (0, "0.00"), (59.8, "59.80"), (0.005, "0.01"), (1_500, "1500.00"), (-3.5, "-3.50")])
    func moneyHasTwoDecimals(amount: Double, text: String) {
        #expect(Money.format(amount) == text)
    }

    /// Written digit by digit, the amount reads as the interpolation it replaced wrote it, over every size
    /// of amount, sign and rounding of the cents.
    @Test func moneyReadsAsItsInterpolation() {
        var random = SplitMix64(state: 3)
        for _ in 0..<20_000 {
            let amount = (random.unit() - 0.3) * pow(10, Double(random.next(below: 15)))
            let cents = Int((abs(amount) * 100).rounded())
            let fraction = cents % 100
            let interpolated = "\(amount < 0 && cents > 0 ? "-" : "")\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
            #expect(Money.format(amount) == interpolated, "\(amount)")
        }
    }
}

/// An order's day in words is the day of its RFC 3339 date, in every language.
struct OrderDayTests {
    @Test(arguments: [0.0, 951_782_400, 951_868_800, 1_790_000_000, 4_107_542_399, -86_400, 1_709_164_800, 1_767_225_599])
    func theDayInWordsIsTheTimestampsDay(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let parts = RFC3339.string(from: date).prefix(10).split(separator: "-").map { Int($0)! }
        #expect(OrderPhrases.english.day(date) == "\(OrderPhrases.english.months[parts[1] - 1]) \(parts[2]), \(parts[0])")
        #expect(OrderPhrases.german.day(date) == "\(parts[2]). \(OrderPhrases.german.months[parts[1] - 1]) \(parts[0])")
    }
}

/// The day format agrees with the RFC 3339 formatter across eras, leap days and month ends.
struct DayFormatTests {
    @Test(arguments: [0.0, 951_782_400, 951_868_800, 1_790_000_000, 4_107_542_399, -86_400, 1_709_164_800])
    func dayMatchesTheTimestampsDate(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(Day.format(date) == String(RFC3339.string(from: date).prefix(10)))
    }
}
