/// Readable labels, behaviours and strategies for archetypes, in the seed's form.
enum ArchetypeNarrative {
    static func label(_ levels: [String: String]) -> String {
        let frequency = ["one_time": "One-time", "occasional": "Occasional", "regular": "Regular", "frequent": "Frequent"][levels["frequency"] ?? ""] ?? "Occasional"
        let value = ["low": "low-value", "standard": "standard-value", "high": "high-value", "vip": "VIP"][levels["value"] ?? ""] ?? "standard-value"
        let recency = ["on_rhythm": "on rhythm", "overdue": "cooling down", "lapsed": "lapsed"][levels["recency"] ?? ""] ?? "cooling down"
        return "\(frequency) \(value) buyer, \(recency) (\(levels["churn"] ?? "medium") churn risk)"
    }

    static func behaviours(_ levels: [String: String]) -> [String] {
        var result: [String] = []
        switch levels["frequency"] {
        case "one_time": result.append("Bought once; has not formed a habit yet")
        case "occasional": result.append("Occasional purchaser")
        case "regular": result.append("Buys regularly")
        default: result.append("Buys frequently; a power user")
        }
        switch levels["recency"] {
        case "on_rhythm": result.append("Buying on their usual rhythm")
        case "overdue": result.append("Past their usual reorder interval")
        default: result.append("Far past their usual reorder interval")
        }
        if levels["order_size"] == "small" { result.append("Small baskets; likely price-sensitive") }
        if levels["order_size"] == "large" { result.append("Large baskets") }
        if levels["churn"] == "high" { result.append("High risk of attrition without engagement") }
        return result
    }

    static func strategy(_ levels: [String: String]) -> [String] {
        var result: [String] = []
        switch levels["churn"] {
        case "high":
            result.append("Win-back offer on the next order")
            result.append("Personal outreach referencing past purchases")
        case "medium":
            result.append("Reorder reminders timed to their rhythm")
            result.append("Special offers on reorder reminders")
        default:
            result.append("Keep service excellent; no discount needed")
        }
        if levels["value"] == "high" || levels["value"] == "vip" { result.append("Priority service and early access to new products") }
        if levels["frequency"] == "one_time" { result.append("Welcome series to build a second purchase") } else { result.append("Cross-sell complementary products") }
        if levels["tenure"] == "loyal" { result.append("Loyalty program recognition") } else { result.append("Loyalty program enrollment") }
        return result
    }
}
