import Testing

/// `quimbi deliver --escalation-group <helpdesk>=<id>` and `QUIMBI_<HELPDESK>_ESCALATION_GROUP`: a bad one is one
/// clear line and a non-zero exit before anything connects.
@Suite struct EscalationGroupOptionTests {
    static let zendesk = ["QUIMBI_ZENDESK_EMAIL": "agent@shop.example", "QUIMBI_ZENDESK_TOKEN": "token"]

    @Test(arguments: [
        (["--escalation-group", "zendesk=0"], [String: String](), "--escalation-group"),
        (["--escalation-group", "helpscout=5"], [:], "--escalation-group"),
        (["--escalation-group", "zendesk"], [:], "--escalation-group"),
        ([], ["QUIMBI_GORGIAS_ESCALATION_GROUP": "team-a"], "QUIMBI_GORGIAS_ESCALATION_GROUP"),
    ])
    func aBadGroupIsRefused(arguments: [String], environment: [String: String], named: String) async throws {
        let result = try await QuimbiProgram.run(
            executable: QuimbiProgram.binary, arguments: ["deliver", "--brokers", "127.0.0.1:1", "--zendesk-url", "http://127.0.0.1:1"] + arguments,
            environment: Self.zendesk.merging(environment) { $1 })
        #expect(result.status != 0)
        #expect(result.output.contains(named), "\(result.output)")
        #expect(!result.output.contains("Fatal error"))
    }
}
