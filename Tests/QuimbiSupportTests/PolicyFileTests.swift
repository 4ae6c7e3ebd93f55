import Foundation
import QuimbiCore
import QuimbiSupport
import Testing

/// Policy files: the documented default equals the compiled-in one; bad files are refused with line and reason.
struct PolicyFileTests {
    static let defaultFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Deploy/policy/default.yaml").path

    static var defaultYAML: String { (try? String(contentsOfFile: defaultFile, encoding: .utf8)) ?? "" }

    @Test func documentedDefaultFileEqualsTheCompiledInPolicy() throws {
        let loaded = try SupportPolicy.load(contentsOf: Self.defaultFile)
        #expect(loaded == SupportPolicy.default)
    }

    @Test func aChangedFileChangesTheDecision() throws {
        let yaml = Self.defaultYAML.replacingOccurrences(of: "    churn: high\n    percent: 15\n", with: "    churn: high\n    percent: 12\n")
        let policy = try SupportPolicy.parse(yaml: yaml)
        #expect(policy.discountRules.first { $0.reason == "retention_offer_high_churn" }?.percent == 12)
        #expect(policy != SupportPolicy.default)
    }

    /// Refuses `yaml` and returns its problems.
    private func problems(_ yaml: String, kind: PolicyError.Kind = .invalid) -> [PolicyProblem] {
        do {
            _ = try SupportPolicy.parse(yaml: yaml, path: "bad.yaml")
            Issue.record("accepted an invalid policy")
            return []
        } catch {
            #expect(error.kind == kind)
            #expect(error.message.hasPrefix("bad.yaml:"))
            return error.problems
        }
    }

    private func line(of fragment: String, in yaml: String) -> Int {
        (yaml.components(separatedBy: "\n").firstIndex { $0.contains(fragment) } ?? -1) + 1
    }

    @Test func outOfRangeValuesAreReportedAtTheirLines() {
        let yaml = Self.defaultYAML
            .replacingOccurrences(of: "  high: 0.55", with: "  high: 1.7")
            .replacingOccurrences(of: "  standard: 20", with: "  standard: 120")
            .replacingOccurrences(of: "lapsed_after_days: 120", with: "lapsed_after_days: soon")
        let found = problems(yaml)
        #expect(found.count == 3)
        #expect(found.contains { $0.line == line(of: "high: 1.7", in: yaml) && $0.reason.contains("churn_bands.high must be between 0.0 and 1.0") })
        #expect(found.contains { $0.line == line(of: "standard: 120", in: yaml) && $0.reason.contains("discount_caps.standard must be between 0 and 100") })
        #expect(found.contains { $0.line == line(of: "lapsed_after_days: soon", in: yaml) && $0.reason.contains("whole number, not 'soon'") })
    }

    @Test func unknownNamesInRulesAreReportedWithTheChoices() {
        let yaml = Self.defaultYAML
            .replacingOccurrences(of: "  - intent: churn_threat\n    churn: medium", with: "  - intent: churn_thret\n    churn: medium")
            .replacingOccurrences(of: "    priority: urgent\n    reason: legal_threat", with: "    priority: asap\n    reason: legal_threat")
            .replacingOccurrences(of: "  - when: repeated_contact", with: "  - when: repeated_contact\n    colour: red")
        let found = problems(yaml)
        #expect(found.contains { $0.line == line(of: "churn_thret", in: yaml) && $0.reason.contains("discounts[3].intent must be one of churn_threat") })
        #expect(found.contains { $0.line == line(of: "priority: asap", in: yaml) && $0.reason.contains("not 'asap'") })
        #expect(found.contains { $0.line == line(of: "colour: red", in: yaml) && $0.reason.contains("unknown key 'colour' in escalations[4]") })
    }

    @Test func inconsistentBandsMissingKeysAndBadReasonCodes() {
        let yaml = """
            version: 1
            churn_bands:
              medium: 0.6
              high: 0.5
            value_tiers:
              standard: 100
              high: 500
            lapsed_after_days: 120
            discount_caps: {low: 10, standard: 20, high: 25, vip: 30}
            discounts:
              - intent: [churn_threat, praise]
                percent: 10
                reason: Retention Offer
              - percent: 5
                reason: no_intent
            escalations: []
            """
        let found = problems(yaml)
        #expect(found.contains { $0.line == 4 && $0.reason.contains("churn_bands.high (0.5) must be greater than churn_bands.medium (0.6)") })
        #expect(found.contains { $0.line == 6 && $0.reason.contains("value_tiers is missing 'vip'") })
        #expect(found.contains { $0.line == 13 && $0.reason.contains("snake_case") })
        #expect(found.contains { $0.line == 14 && $0.reason.contains("discounts[1] is missing 'intent'") })
        #expect(found.map(\.line) == found.map(\.line).sorted())
    }

    @Test func duplicateKeysWrongShapesAndVersions() {
        let yaml = """
            version: 2
            churn_bands: {medium: 0.35, high: 0.55}
            value_tiers: {standard: 100, high: 500, vip: 1500}
            lapsed_after_days: 120
            lapsed_after_days: 90
            discount_caps: {low: 10, standard: 20, high: 25, vip: 30}
            discounts:
              - intent: churn_threat
                churn: []
                percent: 15
                free_shipping: maybe
                reason: retention
            escalations:
              when: legal_threat
            """
        let found = problems(yaml)
        #expect(found.contains { $0.line == 1 && $0.reason.contains("unsupported policy version 2") })
        #expect(found.contains { $0.line == 5 && $0.reason.contains("duplicate key 'lapsed_after_days'") })
        #expect(found.contains { $0.line == 9 && $0.reason.contains("must not be an empty list") })
        #expect(found.contains { $0.line == 11 && $0.reason.contains("free_shipping must be true or false, not 'maybe'") })
        #expect(found.contains { $0.line == 14 && $0.reason.contains("escalations must be a list") })
    }

    @Test func yamlSyntaxErrorsEmptyAndUnreadableFiles() {
        let syntax = problems("version: 1\nchurn_bands:\n  medium: [0.3\n  high: 0.5\n", kind: .syntax)
        #expect(syntax.count == 1 && syntax[0].line >= 3 && syntax[0].reason.hasPrefix("YAML syntax error"))
        let empty = problems("# nothing but a comment\n")
        #expect(empty.first?.reason == "the policy file is empty")
        let scalar = problems("just words")
        #expect(scalar.first?.reason == "the policy must be a mapping of keys to values")
        #expect(throws: PolicyError.self) { try SupportPolicy.load(contentsOf: "/nonexistent/policy.yaml") }
        do {
            _ = try SupportPolicy.load(contentsOf: "/nonexistent/policy.yaml")
        } catch {
            #expect(error.code == "policy_unreadable")
        }
    }
}
