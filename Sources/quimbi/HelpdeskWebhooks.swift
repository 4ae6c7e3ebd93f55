import QuimbiHelpdesk

/// The helpdesk webhooks `quimbi serve` answers: one per helpdesk whose credentials are configured.
enum HelpdeskWebhooks {
    /// Zendesk when `QUIMBI_ZENDESK_WEBHOOK_SECRET` is set.
    static func fromEnvironment() -> [any HelpdeskWebhook] {
        var webhooks: [any HelpdeskWebhook] = []
        if let secret = EnvironmentDefaults.string("QUIMBI_ZENDESK_WEBHOOK_SECRET") {
            webhooks.append(ZendeskWebhook(signature: ZendeskSignature(secret: secret)))
        }
        return webhooks
    }
}
