import QuimbiCore
import Yams

/// Turns a composed YAML document into a ``SupportPolicy``, collecting every problem with its
/// position instead of stopping at the first.
struct PolicyReader {
    private(set) var problems: [PolicyProblem] = []

    static let version = 1
    private static let requiredKeys = ["version", "churn_bands", "value_tiers", "lapsed_after_days", "discount_caps", "discounts", "escalations"]
    private static let topLevelKeys = requiredKeys + ["holdout_percent"]
    private static let discountKeys = ["intent", "churn", "value_tier", "lapsed", "percent", "free_shipping", "reason"]
    private static let escalationKeys = ["when", "churn", "value_tier", "priority", "reason"]

    mutating func policy(_ root: Node) -> SupportPolicy? {
        guard let top = mapping(root, named: "the policy", allowed: Self.topLevelKeys, required: Self.requiredKeys) else { return nil }
        if let version = top["version"], let number = integer(version, in: 1...Int.max, named: "version"), number != Self.version {
            report(version, "unsupported policy version \(number) (this Quimbi reads version \(Self.version))")
        }
        let bands = top["churn_bands"].flatMap { mapping($0, named: "churn_bands", allowed: ["medium", "high"], required: ["medium", "high"]) }
        let medium = bands?["medium"].flatMap { number($0, in: 0...1, named: "churn_bands.medium") }
        let high = bands?["high"].flatMap { number($0, in: 0...1, named: "churn_bands.high") }
        if let medium, let high, medium >= high, let node = bands?["high"] {
            report(node, "churn_bands.high (\(high)) must be greater than churn_bands.medium (\(medium))")
        }
        let tierKeys = ["standard", "high", "vip"]
        let tiers = top["value_tiers"].flatMap { mapping($0, named: "value_tiers", allowed: tierKeys, required: tierKeys) }
        let tierFloors = tierKeys.map { key in tiers?[key].flatMap { number($0, in: 0...Double.greatestFiniteMagnitude, named: "value_tiers.\(key)") } }
        for index in 1..<tierKeys.count {
            if let lower = tierFloors[index - 1], let upper = tierFloors[index], lower >= upper, let node = tiers?[tierKeys[index]] {
                report(node, "value_tiers.\(tierKeys[index]) (\(upper)) must be greater than value_tiers.\(tierKeys[index - 1]) (\(lower))")
            }
        }
        let lapsed = top["lapsed_after_days"].flatMap { integer($0, in: 1...3_650, named: "lapsed_after_days") }
        let capKeys = ValueTier.allCases.map(\.rawValue)
        let capsNode = top["discount_caps"].flatMap { mapping($0, named: "discount_caps", allowed: capKeys, required: capKeys) }
        var caps: [ValueTier: Int] = [:]
        for tier in ValueTier.allCases {
            if let cap = capsNode?[tier.rawValue].flatMap({ integer($0, in: 0...100, named: "discount_caps.\(tier.rawValue)") }) { caps[tier] = cap }
        }
        let discounts = top["discounts"].flatMap { list($0, named: "discounts") }?.enumerated().compactMap { discountRule($1, index: $0) }
        let escalations = top["escalations"].flatMap { list($0, named: "escalations") }?.enumerated().compactMap { escalationRule($1, index: $0) }
        let holdout = top["holdout_percent"].map { integer($0, in: 0...RetentionHoldout.maxPercent, named: "holdout_percent") } ?? 0
        guard problems.isEmpty, let medium, let high, let standard = tierFloors[0], let highValue = tierFloors[1],
              let vip = tierFloors[2], let lapsed, caps.count == ValueTier.allCases.count, let discounts, let escalations,
              let holdout else { return nil }
        return SupportPolicy(
            mediumChurnFrom: medium, highChurnFrom: high, standardValueFrom: standard, highValueFrom: highValue,
            vipValueFrom: vip, lapsedAfterDays: lapsed, discountCaps: caps, discountRules: discounts, escalationRules: escalations,
            holdoutPercent: holdout
        )
    }

    private mutating func discountRule(_ node: Node, index: Int) -> DiscountRule? {
        let name = "discounts[\(index)]"
        guard let rule = mapping(node, named: name, allowed: Self.discountKeys, required: ["intent", "percent", "reason"]) else { return nil }
        let intents = rule["intent"].flatMap { enumSet($0, IntentLabel.self, named: "\(name).intent") }
        let bands = rule["churn"].flatMap { enumSet($0, ChurnBand.self, named: "\(name).churn") }
        let tiers = rule["value_tier"].flatMap { enumSet($0, ValueTier.self, named: "\(name).value_tier") }
        let lapsed = rule["lapsed"].flatMap { boolean($0, named: "\(name).lapsed") }
        let percent = rule["percent"].flatMap { integer($0, in: 0...100, named: "\(name).percent") }
        let freeShipping = rule["free_shipping"].flatMap { boolean($0, named: "\(name).free_shipping") } ?? false
        let reason = rule["reason"].flatMap { reasonCode($0, named: "\(name).reason") }
        guard let intents, let percent, let reason else { return nil }
        if rule["churn"] != nil && bands == nil || rule["value_tier"] != nil && tiers == nil || rule["lapsed"] != nil && lapsed == nil { return nil }
        return DiscountRule(intents: intents, churnBands: bands, valueTiers: tiers, lapsed: lapsed, percent: percent, freeShipping: freeShipping, reason: reason)
    }

    private mutating func escalationRule(_ node: Node, index: Int) -> EscalationRule? {
        let name = "escalations[\(index)]"
        guard let rule = mapping(node, named: name, allowed: Self.escalationKeys, required: ["when", "priority", "reason"]) else { return nil }
        let trigger = rule["when"].flatMap { enumValue($0, EscalationTrigger.self, named: "\(name).when") }
        let bands = rule["churn"].flatMap { enumSet($0, ChurnBand.self, named: "\(name).churn") }
        let tiers = rule["value_tier"].flatMap { enumSet($0, ValueTier.self, named: "\(name).value_tier") }
        let priority = rule["priority"].flatMap { enumValue($0, Priority.self, named: "\(name).priority") }
        let reason = rule["reason"].flatMap { reasonCode($0, named: "\(name).reason") }
        guard let trigger, let priority, let reason else { return nil }
        if rule["churn"] != nil && bands == nil || rule["value_tier"] != nil && tiers == nil { return nil }
        return EscalationRule(trigger: trigger, churnBands: bands, valueTiers: tiers, priority: priority, reason: reason)
    }

    // MARK: - Typed reads that report what is wrong where

    private mutating func report(_ node: Node, _ reason: String) {
        problems.append(PolicyProblem(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, reason: reason))
    }

    /// A mapping's values by key; unknown, duplicate and missing keys are reported.
    private mutating func mapping(_ node: Node, named name: String, allowed: [String], required: [String]) -> [String: Node]? {
        guard let pairs = node.mapping else {
            report(node, "\(name) must be a mapping of keys to values")
            return nil
        }
        var values: [String: Node] = [:]
        for (keyNode, value) in pairs {
            guard let key = keyNode.scalar?.string else {
                report(keyNode, "keys of \(name) must be plain words")
                continue
            }
            if !allowed.contains(key) {
                report(keyNode, "unknown key '\(key)' in \(name) (expected one of: \(allowed.joined(separator: ", ")))")
            } else if values[key] != nil {
                report(keyNode, "duplicate key '\(key)' in \(name)")
            } else {
                values[key] = value
            }
        }
        for key in required where values[key] == nil {
            report(node, "\(name) is missing '\(key)'")
        }
        return values
    }

    private mutating func list(_ node: Node, named name: String) -> [Node]? {
        guard let sequence = node.sequence else {
            report(node, "\(name) must be a list")
            return nil
        }
        return Array(sequence)
    }

    private mutating func number(_ node: Node, in range: ClosedRange<Double>, named name: String) -> Double? {
        guard node.scalar != nil, let value = node.float, value.isFinite else {
            report(node, "\(name) must be a number, not '\(node.scalar?.string ?? "a \(kind(node))")'")
            return nil
        }
        guard range.contains(value) else {
            report(node, "\(name) must be between \(range.lowerBound) and \(range.upperBound == .greatestFiniteMagnitude ? "any larger amount" : "\(range.upperBound)"), not \(value)")
            return nil
        }
        return value
    }

    private mutating func integer(_ node: Node, in range: ClosedRange<Int>, named name: String) -> Int? {
        guard node.scalar != nil, let value = node.int else {
            report(node, "\(name) must be a whole number, not '\(node.scalar?.string ?? "a \(kind(node))")'")
            return nil
        }
        guard range.contains(value) else {
            report(node, "\(name) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
            return nil
        }
        return value
    }

    private mutating func boolean(_ node: Node, named name: String) -> Bool? {
        guard let text = node.scalar?.string, let value = ["true": true, "false": false][text] else {
            report(node, "\(name) must be true or false, not '\(node.scalar?.string ?? "a \(kind(node))")'")
            return nil
        }
        return value
    }

    private mutating func reasonCode(_ node: Node, named name: String) -> String? {
        guard let text = node.scalar?.string, !text.isEmpty,
              text.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            report(node, "\(name) must be a snake_case code (a-z, 0-9, _), not '\(node.scalar?.string ?? "a \(kind(node))")'")
            return nil
        }
        return text
    }

    private mutating func enumValue<Value: RawRepresentable & CaseIterable>(_ node: Node, _: Value.Type, named name: String) -> Value? where Value.RawValue == String {
        guard let text = node.scalar?.string, let value = Value(rawValue: text) else {
            let expected = Value.allCases.map(\.rawValue).joined(separator: ", ")
            report(node, "\(name) must be one of \(expected), not '\(node.scalar?.string ?? "a \(kind(node))")'")
            return nil
        }
        return value
    }

    /// One value or a list of values; an empty list is refused (omit the key to mean "any").
    private mutating func enumSet<Value: RawRepresentable & CaseIterable & Hashable>(_ node: Node, _ type: Value.Type, named name: String) -> Set<Value>? where Value.RawValue == String {
        guard let sequence = node.sequence else { return enumValue(node, type, named: name).map { [$0] } }
        guard !sequence.isEmpty else {
            report(node, "\(name) must not be an empty list (leave it out to match any)")
            return nil
        }
        let values = sequence.map { enumValue($0, type, named: name) }
        return values.contains(where: { $0 == nil }) ? nil : Set(values.compactMap { $0 })
    }

    private func kind(_ node: Node) -> String {
        switch node {
        case .mapping: "mapping"
        case .sequence: "list"
        default: "value"
        }
    }
}
