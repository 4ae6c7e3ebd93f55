/// A helpdesk Quimbi reads tickets from and writes notes into; its raw value is the ticket's
/// `source.system`.
public enum HelpdeskSystem: String, Sendable, CaseIterable, Codable {
    case zendesk, freshdesk, gorgias, chatwoot
}
