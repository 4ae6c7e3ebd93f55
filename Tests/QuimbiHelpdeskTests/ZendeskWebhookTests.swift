import Foundation
import QuimbiCore
import QuimbiHelpdesk
import Testing

@Suite("Zendesk webhook: signature and mapping")
struct ZendeskWebhookTests {
    static let secret = "zendesk-signing-secret"
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func body(description: String = "<p>thinking about trying a different supplier… prices seem high</p>",
                     email: String = "jane@example.com", externalID: String = "7415378247935") -> [UInt8] {
        let object: [String: Any] = [
            "ticket": [
                "id": "4711", "subject": "Prices", "description": description, "via": "Mail",
                "created_at": "2026-11-18T08:15Z", "tags": "vip  shipping",
                "requester": ["id": "901", "email": email, "external_id": externalID],
            ] as [String: Any],
        ]
        return Array(try! JSONSerialization.data(withJSONObject: object))
    }

    static func request(_ body: [UInt8], signedAt: Date = now, secret: String = secret, receivedAt: Date = now) -> WebhookRequest {
        let timestamp = RFC3339.string(from: signedAt).replacingOccurrences(of: ".000", with: "")
        return WebhookRequest(body: body, headers: [
            HMACSignature.zendeskSignatureHeader.lowercased(): HMACSignature.zendesk(secret: secret).signature(body: body, timestamp: timestamp),
            HMACSignature.zendeskTimestampHeader: timestamp,
            TemplatedWebhook.zendeskAccountHeader: "123456",
        ], receivedAt: receivedAt)
    }

    let webhook = TemplatedWebhook.zendesk(signature: HMACSignature.zendesk(secret: Self.secret))

    @Test("a fresh signature of the body under the secret is accepted")
    func valid() {
        #expect(webhook.isAuthentic(Self.request(Self.body())))
    }

    @Test("forged, other-secret, stale, future and missing signatures are refused")
    func refused() {
        let body = Self.body()
        var tampered = body
        tampered[tampered.count - 3] ^= 1
        let signed = Self.request(body)
        #expect(!webhook.isAuthentic(WebhookRequest(body: tampered, headers: [
            HMACSignature.zendeskSignatureHeader: signed.header(HMACSignature.zendeskSignatureHeader) ?? "",
            HMACSignature.zendeskTimestampHeader: signed.header(HMACSignature.zendeskTimestampHeader) ?? "",
        ], receivedAt: Self.now)))
        #expect(!webhook.isAuthentic(Self.request(body, secret: "other")))
        #expect(!webhook.isAuthentic(Self.request(body, signedAt: Self.now - 301)))
        #expect(!webhook.isAuthentic(Self.request(body, signedAt: Self.now + 301)))
        #expect(webhook.isAuthentic(Self.request(body, signedAt: Self.now - 299)))
        #expect(!webhook.isAuthentic(WebhookRequest(body: body, headers: [:], receivedAt: Self.now)))
    }

    @Test("the trigger body maps to a ticket-created event with source zendesk and a per-ticket event id")
    func mapping() throws {
        let ticket = try #require(try webhook.ticket(from: Self.request(Self.body())))
        #expect(ticket.eventID == "zendesk:123456:4711")
        #expect(ticket.ticketID == "4711")
        #expect(ticket.customerID == "7415378247935")
        #expect(ticket.customerEmail == "jane@example.com")
        #expect(ticket.channel == .email)
        #expect(ticket.subject == "Prices")
        #expect(ticket.message == "thinking about trying a different supplier… prices seem high")
        #expect(ticket.tags == ["vip", "shipping"])
        #expect(ticket.createdAt == RFC3339.date(from: "2026-11-18T08:15:00Z"))
        #expect(ticket.source == TicketSource(system: "zendesk", account: "123456"))
    }

    /// A created time of Unix seconds past the year 9999 once crashed `quimbi serve` (the date could not
    /// be written back as RFC 3339); it is not a ticket's time, so the receipt time stands in.
    @Test("a created time no calendar can write is replaced by the receipt time", arguments: ["9223372036854775807", "-5", "253402300800"])
    func unwritableCreatedTime(createdAt: String) throws {
        let text = String(decoding: Self.body(), as: UTF8.self).replacingOccurrences(of: "2026-11-18T08:15Z", with: createdAt)
        let ticket = try #require(try webhook.ticket(from: Self.request(Array(text.utf8))))
        #expect(ticket.createdAt == Self.now)
    }

    @Test("a requester known by e-mail only has no customer id; an empty description falls back to the subject")
    func emailOnly() throws {
        let ticket = try #require(try webhook.ticket(from: Self.request(Self.body(description: "", externalID: ""))))
        #expect(ticket.customerID == nil)
        #expect(ticket.customerEmail == "jane@example.com")
        #expect(ticket.message == "Prices")
    }

    @Test("bodies that are not the trigger's get the ticket decoder's codes",
          arguments: [("not json", "invalid_json"), ("{}", "missing_field"), (#"{"ticket": {"subject": "x"}}"#, "missing_field")])
    func malformed(text: String, code: String) {
        do {
            _ = try webhook.ticket(from: Self.request(Array(text.utf8)))
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.code == code)
        }
    }
}

@Suite("Freshdesk and Gorgias webhooks: secret-header authentication and the same mapping")
struct TemplatedWebhookTests {
    static let body = Array(#"""
        {"ticket": {"id": "77", "subject": "Late", "description": "<div>Where is my order?</div>", "via": "Portal",
        "created_at": "2026-11-18T08:15:00Z", "tags": "vip customer, shipping", "requester": {"email": "jane@example.com"}}}
        """#.utf8)

    @Test("Freshdesk authenticates with basic auth of quimbi and the secret; its account is the configured domain")
    func freshdesk() throws {
        let webhook = TemplatedWebhook.freshdesk(secret: "fd-secret", domain: "acme.freshdesk.com")
        let good = WebhookRequest(body: Self.body, headers: ["Authorization": HelpdeskConnection.basic(user: "quimbi", password: "fd-secret")])
        #expect(webhook.isAuthentic(good))
        for headers in [[:], ["Authorization": HelpdeskConnection.basic(user: "quimbi", password: "guess")], ["X-Quimbi-Token": "fd-secret"]] {
            #expect(!webhook.isAuthentic(WebhookRequest(body: Self.body, headers: headers)))
        }
        let ticket = try #require(try webhook.ticket(from: good))
        #expect(ticket.eventID == "freshdesk:acme.freshdesk.com:77")
        #expect(ticket.source == TicketSource(system: "freshdesk", account: "acme.freshdesk.com"))
        #expect(ticket.tags == ["vip customer", "shipping"])
        #expect(ticket.channel == .web)
        #expect(ticket.message == "Where is my order?")
        #expect(ticket.customerID == nil && ticket.customerEmail == "jane@example.com")
    }

    @Test("Gorgias authenticates with the X-Quimbi-Token header")
    func gorgias() throws {
        let webhook = TemplatedWebhook.gorgias(secret: "gg-secret", domain: "acme")
        #expect(webhook.isAuthentic(WebhookRequest(body: Self.body, headers: ["x-quimbi-token": "gg-secret"])))
        #expect(!webhook.isAuthentic(WebhookRequest(body: Self.body, headers: ["X-Quimbi-Token": "gg-secre"])))
        #expect(!webhook.isAuthentic(WebhookRequest(body: Self.body, headers: [:])))
        #expect(try webhook.ticket(from: WebhookRequest(body: Self.body, headers: [:]))?.eventID == "gorgias:acme:77")
    }
}

@Suite("Chatwoot webhook: signature and the message_created mapping")
struct ChatwootWebhookTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    let webhook = ChatwootWebhook(signature: HMACSignature.chatwoot(secret: "cw-secret"))

    static func body(messageType: String = "incoming", isPrivate: Bool = false) -> [UInt8] {
        Array("""
            {"event": "message_created", "id": 991, "content": "Where is my order?\\n\\nOn Mon, Shop wrote:\\n> shipped",
            "created_at": "2026-11-18 08:15:00 UTC", "message_type": "\(messageType)", "private": \(isPrivate),
            "sender": {"id": 5, "email": "jane@example.com", "identifier": "7415378247935"},
            "conversation": {"id": 1201, "display_id": 12, "channel": "Channel::WebWidget", "labels": ["vip"]},
            "account": {"id": 7, "name": "Threads"}}
            """.utf8)
    }

    static func request(_ body: [UInt8], at date: Date = now, secret: String = "cw-secret") -> WebhookRequest {
        let timestamp = String(Int(date.timeIntervalSince1970))
        return WebhookRequest(body: body, headers: [
            HMACSignature.chatwootSignatureHeader: HMACSignature.chatwoot(secret: secret).signature(body: body, timestamp: timestamp),
            HMACSignature.chatwootTimestampHeader: timestamp,
        ], receivedAt: now)
    }

    @Test("a fresh signature is accepted; another secret, a stale or a tampered request is not")
    func signature() {
        #expect(webhook.isAuthentic(Self.request(Self.body())))
        #expect(!webhook.isAuthentic(Self.request(Self.body(), secret: "other")))
        #expect(!webhook.isAuthentic(Self.request(Self.body(), at: Self.now - 301)))
        var tampered = Self.request(Self.body())
        tampered.body = Self.body(messageType: "outgoing")
        #expect(!webhook.isAuthentic(tampered))
    }

    @Test("an incoming message opens the conversation's ticket; agents' messages and private notes open none")
    func mapping() throws {
        let ticket = try #require(try webhook.ticket(from: Self.request(Self.body())))
        #expect(ticket.eventID == "chatwoot:7:12" && ticket.ticketID == "12")
        #expect(ticket.customerID == "7415378247935" && ticket.customerEmail == "jane@example.com")
        #expect(ticket.message == "Where is my order?")
        #expect(ticket.channel == .chat && ticket.tags == ["vip"])
        #expect(ticket.createdAt == RFC3339.date(from: "2026-11-18T08:15:00Z"))
        #expect(ticket.source == TicketSource(system: "chatwoot", account: "7"))
        #expect(try webhook.ticket(from: Self.request(Self.body(messageType: "outgoing"))) == nil)
        #expect(try webhook.ticket(from: Self.request(Self.body(isPrivate: true))) == nil)
    }
}
