import Testing

/// Deploy/prometheus/alerts.yml: well-formed rule groups (promtool is not available here), the alerts
/// operators need, and only metrics the program exposes.
@Suite struct AlertRulesTests {
    struct Rule {
        let name: String
        let expression: String
        let content: [String: Any]
    }

    static func rules() throws -> [Rule] {
        let root = try RepositoryFiles.yamlMapping(RepositoryFiles.alerts)
        let groups = try #require(root.sequence("groups")?.compactMap { $0 as? [String: Any] })
        try #require(!groups.isEmpty)
        var rules: [Rule] = []
        for group in groups {
            #expect(group.string("name")?.isEmpty == false, "every group needs a name")
            let groupRules = try #require(group.sequence("rules")?.compactMap { $0 as? [String: Any] }, "group without rules")
            #expect(!groupRules.isEmpty)
            for rule in groupRules {
                rules.append(Rule(name: rule.string("alert") ?? "", expression: rule.string("expr") ?? "", content: rule))
            }
        }
        return rules
    }

    @Test func everyRuleIsWellFormed() throws {
        let rules = try Self.rules()
        #expect(Set(rules.map(\.name)).count == rules.count, "alert names must be unique")
        for rule in rules {
            #expect(rule.name.wholeMatch(of: /[A-Z][A-Za-z0-9]+/) != nil, "alert name \(rule.name)")
            #expect(!rule.expression.isEmpty, "\(rule.name) has no expr")
            #expect(rule.content.string("for")?.wholeMatch(of: /[0-9]+(ms|s|m|h|d)/) != nil, "\(rule.name) needs a duration in for")
            let severity = rule.content.mapping("labels")?.string("severity")
            #expect(severity == "warning" || severity == "critical", "\(rule.name) needs labels.severity warning or critical")
            #expect(rule.content.mapping("annotations")?.string("summary")?.isEmpty == false, "\(rule.name) needs a summary")
            #expect(Self.bracketsBalance(rule.expression), "\(rule.name): unbalanced brackets in \(rule.expression)")
            let unknownKeys = Set(rule.content.keys).subtracting(["alert", "expr", "for", "keep_firing_for", "labels", "annotations"])
            #expect(unknownKeys.isEmpty, "\(rule.name) has unknown keys \(unknownKeys)")
        }
    }

    @Test func everyMetricUsedIsOneTheProgramExposes() throws {
        let exposed = try ExposedMetrics.names()
        #expect(exposed.isSuperset(of: ["quimbi_tickets_processed_total", "quimbi_dead_letters_total", "quimbi_ticket_end_to_end_seconds_bucket"]),
                "the metric names should be read from Sources: \(exposed.sorted())")
        for rule in try Self.rules() {
            let used = PromQL.metricNames(in: rule.expression)
            #expect(!used.isEmpty, "\(rule.name) reads no metric")
            for metric in used.subtracting(exposed).subtracting(ExposedMetrics.scrapeSeries) {
                Issue.record("\(rule.name) uses \(metric), which the program does not expose")
            }
        }
    }

    @Test func coversWorkerDownLagDeadLettersLatencyAndDegradedContext() throws {
        let expressions = try Self.rules().map(\.expression)
        let used = expressions.reduce(into: Set<String>()) { $0.formUnion(PromQL.metricNames(in: $1)) }
        #expect(used.contains("up"), "an alert for a worker that is down")
        #expect(used.contains("quimbi_dead_letters_total"), "an alert on the dead-letter rate")
        #expect(used.contains { $0.contains("lag") }, "an alert on growing consumer lag")
        #expect(used.contains { $0.contains("degraded") }, "an alert on the degraded-context rate")
        #expect(expressions.contains { $0.contains("histogram_quantile(0.99") && $0.contains("_seconds_bucket") && $0.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("> 3") },
                "an alert when p99 exceeds the seed's 3-second response budget")
    }

    @Test func everyJobTheRulesNameIsScrapedFromTheKubernetesPods() throws {
        let configuration = try RepositoryFiles.yamlMapping("Deploy/prometheus/prometheus.yml")
        #expect((configuration.sequence("rule_files") ?? []).map(scalarText) == ["alerts.yml"])
        let jobs = (configuration.sequence("scrape_configs") ?? []).compactMap { $0 as? [String: Any] }
        let jobNames = Set(jobs.compactMap { $0.string("job_name") })
        let named = try Self.rules().flatMap { $0.expression.matches(of: /job="([^"]+)"/).map { String($0.output.1) } }
        #expect(!named.isEmpty)
        for job in named {
            #expect(jobNames.contains(job), "alerts.yml names job \(job), which prometheus.yml does not scrape")
        }
        let manifests = try KubernetesManifests()
        for job in jobs {
            let keep = try #require((job.sequence("relabel_configs") ?? []).compactMap { $0 as? [String: Any] }.first { $0.string("action") == "keep" })
            let parts = try #require(keep.string("regex")).split(separator: ";").map(String.init)
            try #require(parts.count == 2)
            let workload = try #require(manifests.one("Deployment", named: parts[0]), "job \(job.string("job_name") ?? "") keeps pods of no Deployment")
            let ports = KubernetesManifests.containers(of: workload).flatMap { ($0.sequence("ports") ?? []).compactMap { ($0 as? [String: Any])?.string("name") } }
            #expect(ports.contains(parts[1]), "\(parts[0]) has no container port named \(parts[1])")
        }
    }

    @Test func metricNamesAreFoundInExpressions() {
        let expression = #"histogram_quantile(0.99, sum by (le, job) (rate(quimbi_x_bucket{outcome!="rejected", le="+Inf"}[5m] offset 1h))) > 1e-3 and on(job) up == bool 0"#
        #expect(PromQL.metricNames(in: expression) == ["quimbi_x_bucket", "up"])
    }

    static func bracketsBalance(_ expression: String) -> Bool {
        var stack: [Character] = []
        let pairs: [Character: Character] = [")": "(", "]": "[", "}": "{"]
        for character in expression {
            if "([{".contains(character) { stack.append(character) }
            if let opening = pairs[character] {
                guard stack.popLast() == opening else { return false }
            }
        }
        return stack.isEmpty
    }
}
