import ArgumentParser
import AsyncHTTPClient
import QuimbiHelpdesk

/// Where `quimbi deliver` writes notes: one helpdesk per configured API.
struct HelpdeskDeliveryOptions: ParsableArguments {
    @Option(name: .customLong("zendesk-url"), help: "Zendesk base URL, e.g. https://acme.zendesk.com (or QUIMBI_ZENDESK_URL); credentials QUIMBI_ZENDESK_EMAIL and QUIMBI_ZENDESK_TOKEN.")
    var zendeskURLFlag: String?

    private var zendeskURL: String? { zendeskURLFlag ?? EnvironmentDefaults.string("QUIMBI_ZENDESK_URL") }

    @Option(help: "Longest a note is retried on 429 and 5xx before it is dead-lettered, in seconds (QUIMBI_DELIVERY_RETRY_BOUND_S).")
    var retryBoundS: Int = EnvironmentDefaults.int("QUIMBI_DELIVERY_RETRY_BOUND_S", default: 300)

    @Option(help: "Timeout of one helpdesk request in seconds (QUIMBI_HELPDESK_TIMEOUT_S).")
    var helpdeskTimeoutS: Int = EnvironmentDefaults.int("QUIMBI_HELPDESK_TIMEOUT_S", default: 10)

    func validate() throws {
        guard zendeskURL != nil else { throw ValidationError("configure a helpdesk: --zendesk-url (QUIMBI_ZENDESK_URL)") }
        if let zendeskURL {
            guard zendeskURL.hasPrefix("https://") || zendeskURL.hasPrefix("http://") else { throw ValidationError("--zendesk-url must be an http(s) URL") }
            guard EnvironmentDefaults.string("QUIMBI_ZENDESK_EMAIL") != nil, EnvironmentDefaults.string("QUIMBI_ZENDESK_TOKEN") != nil else {
                throw ValidationError("--zendesk-url needs QUIMBI_ZENDESK_EMAIL and QUIMBI_ZENDESK_TOKEN")
            }
        }
        guard (1...86_400).contains(retryBoundS) else { throw ValidationError("--retry-bound-s must be 1…86400") }
        guard (1...300).contains(helpdeskTimeoutS) else { throw ValidationError("--helpdesk-timeout-s must be 1…300") }
    }

    /// A sender per configured helpdesk, over `client`.
    func senders(client: HTTPClient) -> [HelpdeskSystem: any NoteDelivering] {
        var senders: [HelpdeskSystem: any NoteDelivering] = [:]
        if let zendeskURL {
            let connection = HelpdeskConnection.zendesk(
                url: zendeskURL, email: EnvironmentDefaults.string("QUIMBI_ZENDESK_EMAIL") ?? "",
                token: EnvironmentDefaults.string("QUIMBI_ZENDESK_TOKEN") ?? "")
            senders[.zendesk] = sender(ZendeskNoteWriter(), connection, client)
        }
        return senders
    }

    private func sender(_ writer: any HelpdeskNoteWriter, _ connection: HelpdeskConnection, _ client: HTTPClient) -> any NoteDelivering {
        NoteSender(
            writer: writer, transport: HelpdeskHTTPTransport(client: client, connection: connection, requestTimeout: .seconds(helpdeskTimeoutS)),
            bound: .seconds(retryBoundS), clock: ContinuousClock())
    }
}
