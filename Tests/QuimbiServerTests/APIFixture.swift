import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import QuimbiCore
import QuimbiHelpdesk
import QuimbiMetrics
import QuimbiOutcomes
import QuimbiServer
import QuimbiWorker
import Synchronization
import Testing

/// A small in-memory data set and an API over it, with keys `dev-key` (plain) and `prod-key` (hashed).
struct APIFixture {
    static let devKey = "dev-key"
    static let prodKey = "prod-key"
    static let revokedKey = "revoked-key"
    static let secret = "whsec-test"
    static let zendeskSecret = "zendesk-test-secret"
    static let freshdeskSecret = "freshdesk-test-secret"
    static let gorgiasSecret = "gorgias-test-secret"
    static let chatwootSecret = "chatwoot-test-secret"
    static let knownCustomer = "5000001"
    static let archetypeID = "arch_loyal"
    static let dashboardSecret = "dashboard-test-secret-of-32-bytes!"

    let metrics = MetricsRegistry()
    let publisher: any TicketPublishing
    let data: InMemoryCustomerData
    let rateLimitPerSecond: Double
    let rateLimitBurst: Int
    /// Checks behind `/readyz`; the profile source when `nil`.
    var readiness: [any ReadinessCheck]?
    var readinessTTL: Duration = .seconds(1)
    var readinessTimeout: Duration = .seconds(1)
    /// Retention reports; `nil` as without PostgreSQL.
    var reports: (any RetentionReporting)? = FixedRetentionReports()
    /// Churn reports; `nil` as without PostgreSQL.
    var churnReports: (any ChurnReporting)? = FixedChurnReports()
    /// The wall clock of the dashboard's sessions, which a test moves.
    let dashboardClock = SettableDate()
    /// Login attempts the dashboard admits at once.
    var loginAttemptBurst = 100
    /// The plain API keys the server accepts (besides the production key's hash).
    var plainKeys = [Self.devKey]
    /// Login attempts the dashboard admits per second after a burst.
    var loginAttemptsPerSecond = 1.0

    init(publisher: any TicketPublishing = RecordingPublisher(), rateLimitPerSecond: Double = 1_000, rateLimitBurst: Int = 1_000) {
        self.publisher = publisher
        self.rateLimitPerSecond = rateLimitPerSecond
        self.rateLimitBurst = rateLimitBurst
        data = Self.sampleData()
    }

    static func sampleData() -> InMemoryCustomerData {
        let now = Date()
        let day: TimeInterval = 86_400
        let customers = (0..<20).map { Customer(id: "\(5_000_000 + $0)", email: "c\($0)@example.com", firstName: "C", lastName: "\($0)", createdAt: now - 400 * day) }
        let orders = customers.flatMap { customer in
            (0..<3).map { Order(id: "\(customer.id)-\($0)", customerID: customer.id, createdAt: now - Double(20 + 40 * $0) * day, total: 60) }
        }
        let profiles = customers.map {
            CustomerProfile(customerID: $0.id, archetypeID: archetypeID, lifetimeValue: 180, totalOrders: 3, avgOrderValue: 60,
                            firstPurchaseAt: now - 100 * day, lastPurchaseAt: now - 20 * day, churnRiskScore: 0.4, pAlive: 0.7)
        }
        let archetype = Archetype(id: archetypeID, label: "Loyal", dimensions: ["frequency": "regular"], members: 20, avgLifetimeValue: 180,
                                  avgOrders: 3, churnDistribution: ["low": 0.5, "medium": 0.5], behaviours: ["buys monthly"], strategy: ["thank them"])
        return InMemoryCustomerData(customers: customers, orders: orders, profiles: profiles, archetypes: [archetype])
    }

    func api() throws -> QuimbiAPI {
        let keys = try APIKeyStore(plainKeys: plainKeys, sha256Hashes: [SHA256.hash(data: Array(Self.prodKey.utf8)).map { String(format: "%02x", $0) }.joined()])
        return QuimbiAPI(
            dependencies: ServerDependencies(
                profiles: data, orders: data, archetypes: data, publisher: publisher,
                readiness: readiness ?? [ProfileSourceReadiness(profiles: data)], metrics: metrics, reports: reports, churnReports: churnReports),
            settings: ServerSettings(
                apiKeys: keys, webhook: WebhookSignature(secret: Self.secret),
                helpdeskWebhooks: [
                    TemplatedWebhook.zendesk(signature: HMACSignature.zendesk(secret: Self.zendeskSecret)),
                    TemplatedWebhook.freshdesk(secret: Self.freshdeskSecret, domain: "acme.freshdesk.com"),
                    TemplatedWebhook.gorgias(secret: Self.gorgiasSecret, domain: "acme"),
                    ChatwootWebhook(signature: HMACSignature.chatwoot(secret: Self.chatwootSecret)),
                ],
                rateLimitPerSecond: rateLimitPerSecond, rateLimitBurst: rateLimitBurst, maxWebhookBytes: 256 * 1024,
                readinessTTL: readinessTTL, readinessTimeout: readinessTimeout,
                dashboard: DashboardSettings(secret: Array(Self.dashboardSecret.utf8), loginAttemptsPerSecond: loginAttemptsPerSecond, loginAttemptBurst: loginAttemptBurst, now: { [dashboardClock] in dashboardClock.now })))
    }

    /// Runs `body` against the API served over real HTTP on loopback.
    func live(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: try api().router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "test"))
        try await app.test(.live, body)
    }

    static func ticket(eventID: String = UUID().uuidString, customerID: String = knownCustomer) throws -> [UInt8] {
        var ticket = SampleTickets.seedScenarios()[0]
        ticket.eventID = eventID
        ticket.ticketID = "T-\(eventID)"
        ticket.customerID = customerID
        return Array(try QuimbiJSON.makeEncoder().encode(ticket))
    }

    static func signed(_ body: [UInt8], at timestamp: Int = Int(Date().timeIntervalSince1970), secret: String = secret) -> HTTPFields {
        var headers = HTTPFields()
        headers[HTTPField.Name("X-Quimbi-Signature")!] = WebhookSignature(secret: secret).header(body: body, timestamp: timestamp)
        headers[.contentType] = "application/json"
        return headers
    }

    /// A Zendesk trigger body (README, "Zendesk") for ticket `id`.
    static func zendeskTicket(id: String = "4711", description: String = "<p>My last order took forever to ship…</p>") -> [UInt8] {
        let object: [String: Any] = [
            "ticket": [
                "id": id, "subject": "Late order", "description": description, "via": "Web Widget",
                "created_at": "2026-11-18T08:15:00Z", "tags": "shipping",
                "requester": ["id": "901", "email": "c1@example.com", "external_id": knownCustomer],
            ] as [String: Any],
        ]
        return Array(try! JSONSerialization.data(withJSONObject: object))
    }

    /// Headers as Zendesk signs `body` at `date` with `secret`.
    static func zendeskSigned(_ body: [UInt8], at date: Date = Date(), secret: String = zendeskSecret) -> HTTPFields {
        let timestamp = RFC3339.string(from: date)
        var headers = HTTPFields()
        headers[HTTPField.Name(HMACSignature.zendeskSignatureHeader)!] = HMACSignature.zendesk(secret: secret).signature(body: body, timestamp: timestamp)
        headers[HTTPField.Name(HMACSignature.zendeskTimestampHeader)!] = timestamp
        headers[HTTPField.Name(TemplatedWebhook.zendeskAccountHeader)!] = "123456"
        headers[.contentType] = "application/json"
        return headers
    }

    /// Headers carrying a helpdesk's shared secret: Freshdesk's basic auth or Gorgias's token header.
    static func secretHeaders(for helpdesk: String, secret: String? = nil) -> HTTPFields {
        var headers = HTTPFields()
        if helpdesk == "freshdesk" {
            headers[.authorization] = HelpdeskConnection.basic(user: "quimbi", password: secret ?? freshdeskSecret)
        } else {
            headers[HTTPField.Name("X-Quimbi-Token")!] = secret ?? gorgiasSecret
        }
        headers[.contentType] = "application/json"
        return headers
    }

    /// A Chatwoot `message_created` event of conversation `id`, from the customer unless `messageType` says otherwise.
    static func chatwootMessage(id: Int = 12, messageType: String = "incoming") -> [UInt8] {
        Array(#"{"event": "message_created", "content": "My last order took forever to ship", "message_type": "\#(messageType)", "private": false, "sender": {"email": "c1@example.com"}, "conversation": {"display_id": \#(id), "channel": "Channel::Email"}, "account": {"id": 7}}"#.utf8)
    }

    /// Headers as Chatwoot signs `body` now.
    static func chatwootSigned(_ body: [UInt8], secret: String = chatwootSecret) -> HTTPFields {
        let timestamp = String(Int(Date().timeIntervalSince1970))
        var headers = HTTPFields()
        headers[HTTPField.Name(HMACSignature.chatwootSignatureHeader)!] = HMACSignature.chatwoot(secret: secret).signature(body: body, timestamp: timestamp)
        headers[HTTPField.Name(HMACSignature.chatwootTimestampHeader)!] = timestamp
        headers[.contentType] = "application/json"
        return headers
    }

    static func key(_ key: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[HTTPField.Name("X-API-Key")!] = key
        return headers
    }
}

/// A wall clock a test sets.
final class SettableDate: Sendable {
    private let date = Mutex(Date())
    var now: Date { date.withLock { $0 } }
    func advance(by seconds: TimeInterval) { date.withLock { $0 += seconds } }
}

/// Records published tickets instead of sending them; fails the first `failures` publishes.
final class RecordingPublisher: TicketPublishing, @unchecked Sendable {
    private let lock = NSLock()
    private var tickets: [TicketCreated] = []
    private var failures: Int

    init(failures: Int = 0) { self.failures = failures }

    func publish(_ ticket: TicketCreated, payload: [UInt8]) async throws {
        let fails = lock.withLock {
            defer { failures -= 1 }
            return failures > 0
        }
        if fails { throw LookupError(code: "broker_down", message: "test broker down", isTransient: true) }
        lock.withLock { tickets.append(ticket) }
    }

    var published: [TicketCreated] { lock.withLock { tickets } }
}

extension TestResponse {
    /// The JSON object of the body.
    func json() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
    }

    var text: String { String(buffer: body) }
}
