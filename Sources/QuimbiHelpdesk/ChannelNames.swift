import QuimbiCore

/// Reads a helpdesk's name for where a ticket came from ("Mail", "Web form", "Channel::WebWidget",
/// "whatsapp"…) as a ticket channel; anything unrecognised counts as `web`.
enum ChannelNames {
    private static let keywords: [(TicketChannel, [String])] = [
        (.email, ["mail", "email"]),
        (.chat, ["chat", "messag", "widget"]),
        (.sms, ["sms", "text"]),
        (.voice, ["voice", "phone", "call"]),
        (.social, ["twitter", "facebook", "instagram", "whatsapp", "telegram", "line", "social"]),
        (.api, ["api", "web service", "webservice"]),
        (.web, ["web", "form", "portal", "help center", "helpcenter"]),
    ]

    static func channel(for name: String?) -> TicketChannel {
        guard let lower = name?.lowercased(), !lower.isEmpty else { return .web }
        return keywords.first { _, words in words.contains { lower.contains($0) } }?.0 ?? .web
    }
}
