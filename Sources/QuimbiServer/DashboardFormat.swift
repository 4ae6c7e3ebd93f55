import Foundation

/// How the dashboard writes numbers.
enum DashboardFormat {
    /// A difference of shares in signed percentage points: `+10.2 pts`.
    static func points(_ value: Double) -> String { String(format: "%+.1f pts", value * 100) }
    /// A share in percent: `35 %`.
    static func percent(_ value: Double) -> String { String(format: "%.0f %%", value * 100) }
    /// An amount of the store's currency, two decimals, thousands grouped: `1,234.50`.
    static func money(_ value: Double) -> String {
        let text = String(format: "%.2f", abs(value))
        let whole = Array(text.prefix { $0 != "." })
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (value < 0 && text != "0.00" ? "-" : "") + grouped + text.drop { $0 != "." }
    }
    /// A time in UTC: `2026-12-02 01:10 UTC`.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
