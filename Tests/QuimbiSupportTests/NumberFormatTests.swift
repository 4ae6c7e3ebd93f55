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
}

/// The day format agrees with the RFC 3339 formatter across eras, leap days and month ends.
struct DayFormatTests {
    @Test(arguments: [0.0, 951_782_400, 951_868_800, 1_790_000_000, 4_107_542_399, -86_400, 1_709_164_800])
    func dayMatchesTheTimestampsDate(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(Day.format(date) == String(RFC3339.string(from: date).prefix(10)))
    }
}
