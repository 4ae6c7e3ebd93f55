import ArgumentParser
import AsyncHTTPClient
import QuimbiHelpdesk

/// Where `quimbi deliver` writes notes: one helpdesk per configured API.
struct HelpdeskDeliveryOptions: ParsableArguments {
    @Option(name: .customLong("zendesk-url"), help: "Zendesk base URL, e.g. https://acme.zendesk.com (or QUIMBI_ZENDESK_URL); credentials QUIMBI_ZENDESK_EMAIL and QUIMBI_ZENDESK_TOKEN.")
    var zendeskURLFlag: String?

    @Option(name: .customLong("freshdesk-url"), help: "Freshdesk base URL, e.g. https://acme.freshdesk.com (or QUIMBI_FRESHDESK_URL); credential QUIMBI_FRESHDESK_API_KEY.")
    var freshdeskURLFlag: String?

    @Option(name: .customLong("gorgias-url"), help: "Gorgias base URL, e.g. https://acme.gorgias.com (or QUIMBI_GORGIAS_URL); credentials QUIMBI_GORGIAS_EMAIL and QUIMBI_GORGIAS_API_KEY.")
    var gorgiasURLFlag: String?

    @Option(name: .customLong("chatwoot-url"), help: "Chatwoot base URL, e.g. https://app.chatwoot.com (or QUIMBI_CHATWOOT_URL); credential QUIMBI_CHATWOOT_API_TOKEN.")
    var chatwootURLFlag: String?

    @Option(
        name: .customLong("escalation-group"),
        help: """
            <helpdesk>=<id>, repeatable: the group (Zendesk, Freshdesk) or team (Gorgias, Chatwoot) escalated tickets are \
            assigned to, e.g. zendesk=360001234567 (or QUIMBI_ZENDESK_ESCALATION_GROUP, QUIMBI_FRESHDESK_ESCALATION_GROUP, \
            QUIMBI_GORGIAS_ESCALATION_GROUP, QUIMBI_CHATWOOT_ESCALATION_GROUP); unassigned when unset.
            """)
    var escalationGroupFlags: [EscalationGroup] = []

    @Option(help: "Longest a note is retried on 429 and 5xx before it is dead-lettered, in seconds (QUIMBI_DELIVERY_RETRY_BOUND_S).")
    var retryBoundS: Int = EnvironmentDefaults.int("QUIMBI_DELIVERY_RETRY_BOUND_S", default: 300)

    @Option(help: "Timeout of one helpdesk request in seconds (QUIMBI_HELPDESK_TIMEOUT_S).")
    var helpdeskTimeoutS: Int = EnvironmentDefaults.int("QUIMBI_HELPDESK_TIMEOUT_S", default: 10)

    /// The group or team escalations are assigned to in each helpdesk: its flag, else its environment variable.
    private var escalationIDs: [HelpdeskSystem: UInt64] {
        var ids = Dictionary(HelpdeskSystem.allCases.compactMap { system in
            EnvironmentDefaults.string(EscalationGroup.variable(of: system)).flatMap { UInt64($0) }.map { (system, $0) }
        }, uniquingKeysWith: { $1 })
        for group in escalationGroupFlags { ids[group.system] = group.id }
        return ids
    }

    /// A configured helpdesk: its URL, the environment variables holding its credentials, and how they connect.
    private struct Helpdesk {
        var url: String
        var credentials: [String]
        var writer: (_ credentials: [String]) -> any HelpdeskNoteWriter
        var connection: (_ url: String, _ credentials: [String]) -> HelpdeskConnection
    }

    private var helpdesks: [HelpdeskSystem: Helpdesk] {
        let escalation = escalationIDs
        var helpdesks: [HelpdeskSystem: Helpdesk] = [:]
        if let url = zendeskURLFlag ?? EnvironmentDefaults.string("QUIMBI_ZENDESK_URL") {
            helpdesks[.zendesk] = Helpdesk(
                url: url, credentials: ["QUIMBI_ZENDESK_EMAIL", "QUIMBI_ZENDESK_TOKEN"],
                writer: { _ in ZendeskNoteWriter(escalationGroup: escalation[.zendesk]) },
                connection: { HelpdeskConnection.zendesk(url: $0, email: $1[0], token: $1[1]) })
        }
        if let url = freshdeskURLFlag ?? EnvironmentDefaults.string("QUIMBI_FRESHDESK_URL") {
            helpdesks[.freshdesk] = Helpdesk(
                url: url, credentials: ["QUIMBI_FRESHDESK_API_KEY"],
                writer: { _ in FreshdeskNoteWriter(escalationGroup: escalation[.freshdesk]) },
                connection: { HelpdeskConnection.freshdesk(url: $0, apiKey: $1[0]) })
        }
        if let url = gorgiasURLFlag ?? EnvironmentDefaults.string("QUIMBI_GORGIAS_URL") {
            helpdesks[.gorgias] = Helpdesk(
                url: url, credentials: ["QUIMBI_GORGIAS_EMAIL", "QUIMBI_GORGIAS_API_KEY"],
                writer: { GorgiasNoteWriter(agentEmail: $0[0], escalationTeam: escalation[.gorgias]) },
                connection: { HelpdeskConnection.gorgias(url: $0, email: $1[0], apiKey: $1[1]) })
        }
        if let url = chatwootURLFlag ?? EnvironmentDefaults.string("QUIMBI_CHATWOOT_URL") {
            helpdesks[.chatwoot] = Helpdesk(
                url: url, credentials: ["QUIMBI_CHATWOOT_API_TOKEN"],
                writer: { _ in ChatwootNoteWriter(escalationTeam: escalation[.chatwoot]) },
                connection: { HelpdeskConnection.chatwoot(url: $0, accessToken: $1[0]) })
        }
        return helpdesks
    }

    func validate() throws {
        let helpdesks = helpdesks
        guard !helpdesks.isEmpty else { throw ValidationError("configure a helpdesk: --zendesk-url, --freshdesk-url, --gorgias-url or --chatwoot-url") }
        for (system, helpdesk) in helpdesks {
            guard helpdesk.url.hasPrefix("https://") || helpdesk.url.hasPrefix("http://") else {
                throw ValidationError("--\(system.rawValue)-url must be an http(s) URL")
            }
            let missing = helpdesk.credentials.filter { EnvironmentDefaults.string($0) == nil }
            guard missing.isEmpty else { throw ValidationError("--\(system.rawValue)-url needs \(missing.joined(separator: " and "))") }
        }
        for system in HelpdeskSystem.allCases {
            let variable = EscalationGroup.variable(of: system)
            if let value = EnvironmentDefaults.string(variable), UInt64(value).map({ $0 > 0 }) != true {
                throw ValidationError("\(variable) must be a positive group or team id, not \(value)")
            }
        }
        guard (1...86_400).contains(retryBoundS) else { throw ValidationError("--retry-bound-s must be 1…86400") }
        guard (1...300).contains(helpdeskTimeoutS) else { throw ValidationError("--helpdesk-timeout-s must be 1…300") }
    }

    /// A sender per configured helpdesk, over `client`.
    func senders(client: HTTPClient) -> [HelpdeskSystem: any NoteDelivering] {
        helpdesks.mapValues { helpdesk in
            let credentials = helpdesk.credentials.map { EnvironmentDefaults.string($0) ?? "" }
            let transport = HelpdeskHTTPTransport(
                client: client, connection: helpdesk.connection(helpdesk.url, credentials), requestTimeout: .seconds(helpdeskTimeoutS))
            return NoteSender(
                writer: helpdesk.writer(credentials), transport: transport, bound: .seconds(retryBoundS), clock: ContinuousClock())
        }
    }
}
