import QuimbiHelpdesk

/// The helpdesk webhooks `quimbi serve` answers: one per helpdesk whose secret is configured.
enum HelpdeskWebhooks {
    /// Zendesk when `QUIMBI_ZENDESK_WEBHOOK_SECRET` is set, Freshdesk when `QUIMBI_FRESHDESK_WEBHOOK_SECRET` is
    /// (account `QUIMBI_FRESHDESK_DOMAIN`), Gorgias when `QUIMBI_GORGIAS_WEBHOOK_SECRET` is (account `QUIMBI_GORGIAS_DOMAIN`),
    /// Chatwoot when `QUIMBI_CHATWOOT_WEBHOOK_SECRET` is.
    static func fromEnvironment() -> [any HelpdeskWebhook] {
        var webhooks: [any HelpdeskWebhook] = []
        if let secret = EnvironmentDefaults.string("QUIMBI_ZENDESK_WEBHOOK_SECRET") {
            webhooks.append(TemplatedWebhook.zendesk(signature: HMACSignature.zendesk(secret: secret)))
        }
        if let secret = EnvironmentDefaults.string("QUIMBI_FRESHDESK_WEBHOOK_SECRET") {
            webhooks.append(TemplatedWebhook.freshdesk(secret: secret, domain: EnvironmentDefaults.string("QUIMBI_FRESHDESK_DOMAIN")))
        }
        if let secret = EnvironmentDefaults.string("QUIMBI_GORGIAS_WEBHOOK_SECRET") {
            webhooks.append(TemplatedWebhook.gorgias(secret: secret, domain: EnvironmentDefaults.string("QUIMBI_GORGIAS_DOMAIN")))
        }
        if let secret = EnvironmentDefaults.string("QUIMBI_CHATWOOT_WEBHOOK_SECRET") {
            webhooks.append(ChatwootWebhook(signature: HMACSignature.chatwoot(secret: secret)))
        }
        return webhooks
    }
}
