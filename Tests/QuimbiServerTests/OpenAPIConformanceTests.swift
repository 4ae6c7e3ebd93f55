import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import Yams

/// Keeps Schemas/api/openapi.yaml true: every documented operation is served, every status the tests can
/// provoke is documented, and the customer response has exactly the documented required fields.
@Suite("OpenAPI document agrees with the served API")
struct OpenAPIConformanceTests {
    static func document() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Schemas/api/openapi.yaml")
        return try #require(try Yams.load(yaml: String(contentsOf: url, encoding: .utf8)) as? [String: Any])
    }

    static func documentedStatuses(_ document: [String: Any], path: String, method: String) -> Set<Int> {
        let paths = document["paths"] as? [String: Any]
        let operation = (paths?[path] as? [String: Any])?[method] as? [String: Any]
        let responses = operation?["responses"] as? [String: Any] ?? [:]
        return Set(responses.keys.compactMap { Int($0) })
    }

    /// Requests provoking each status of each operation: (documented path, method, concrete uri, headers, body).
    static func probes() throws -> [(String, String, String, HTTPFields, [UInt8]?)] {
        let key = APIFixture.key(APIFixture.devKey)
        let ticket = try APIFixture.ticket()
        let big = [UInt8](repeating: 32, count: 300_000)
        var probes: [(String, String, String, HTTPFields, [UInt8]?)] = []
        for (path, good, bad) in [
            ("/api/mcp/customer/{customer_id}", "/api/mcp/customer/\(APIFixture.knownCustomer)", "/api/mcp/customer/nobody"),
            ("/api/archetypes/{archetype_id}", "/api/archetypes/\(APIFixture.archetypeID)", "/api/archetypes/nothing"),
            ("/api/customers/{customer_id}/context", "/api/customers/\(APIFixture.knownCustomer)/context", "/api/customers/nobody/context"),
        ] {
            probes += [(path, "get", good, key, nil), (path, "get", bad, key, nil), (path, "get", good, [:], nil),
                       (path, "get", good.replacingOccurrences(of: APIFixture.knownCustomer, with: "%3Cx%3E"), key, nil)]
        }
        let reports = "/api/reports/retention"
        probes += [(reports, "get", reports, key, nil), (reports, "get", reports + "?window_days=7", key, nil), (reports, "get", reports, [:], nil)]
        let churn = "/api/reports/churn"
        probes += [(churn, "get", churn, key, nil), (churn, "get", churn + "?archetypes=0", key, nil), (churn, "get", churn, [:], nil)]
        let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        probes += [
            ("/dashboard", "get", "/dashboard", [:], nil), ("/dashboard/login", "get", "/dashboard/login", [:], nil),
            ("/dashboard/login", "post", "/dashboard/login", form, Array("api_key=\(APIFixture.devKey)".utf8)),
            ("/dashboard/login", "post", "/dashboard/login", form, Array("api_key=wrong".utf8)),
            ("/dashboard/logout", "post", "/dashboard/logout", form, Array("csrf_token=x".utf8)),
        ]
        probes += [
            ("/webhooks/tickets", "post", "/webhooks/tickets", APIFixture.signed(ticket), ticket),
            ("/webhooks/tickets", "post", "/webhooks/tickets", [:], ticket),
            ("/webhooks/tickets", "post", "/webhooks/tickets", APIFixture.signed(big), big),
            ("/webhooks/tickets", "post", "/webhooks/tickets", APIFixture.signed(Array("{}".utf8)), Array("{}".utf8)),
            ("/webhooks/zendesk", "post", "/webhooks/zendesk", APIFixture.zendeskSigned(APIFixture.zendeskTicket()), APIFixture.zendeskTicket()),
            ("/webhooks/zendesk", "post", "/webhooks/zendesk", [:], APIFixture.zendeskTicket()),
            ("/webhooks/zendesk", "post", "/webhooks/zendesk", APIFixture.zendeskSigned(big), big),
            ("/webhooks/zendesk", "post", "/webhooks/zendesk", APIFixture.zendeskSigned(Array("{}".utf8)), Array("{}".utf8)),
        ]
        for helpdesk in ["freshdesk", "gorgias"] {
            let path = "/webhooks/\(helpdesk)"
            let signed = APIFixture.secretHeaders(for: helpdesk)
            probes += [
                (path, "post", path, signed, APIFixture.zendeskTicket()), (path, "post", path, [:], APIFixture.zendeskTicket()),
                (path, "post", path, signed, big), (path, "post", path, signed, Array("{}".utf8)),
            ]
        }
        let chatwoot = APIFixture.chatwootMessage()
        let agentMessage = APIFixture.chatwootMessage(messageType: "outgoing")
        probes += [
            ("/webhooks/chatwoot", "post", "/webhooks/chatwoot", APIFixture.chatwootSigned(chatwoot), chatwoot),
            ("/webhooks/chatwoot", "post", "/webhooks/chatwoot", APIFixture.chatwootSigned(agentMessage), agentMessage),
            ("/webhooks/chatwoot", "post", "/webhooks/chatwoot", [:], chatwoot),
            ("/webhooks/chatwoot", "post", "/webhooks/chatwoot", APIFixture.chatwootSigned(big), big),
            ("/webhooks/chatwoot", "post", "/webhooks/chatwoot", APIFixture.chatwootSigned(Array("{}".utf8)), Array("{}".utf8)),
            ("/healthz", "get", "/healthz", [:], nil), ("/readyz", "get", "/readyz", [:], nil), ("/metrics", "get", "/metrics", [:], nil),
        ]
        return probes
    }

    @Test("every documented operation is served and every served status is documented")
    func routesAndStatuses() async throws {
        let document = try Self.document()
        let probes = try Self.probes()
        let documentedOperations = Set((document["paths"] as? [String: Any] ?? [:]).flatMap { path, item in
            ((item as? [String: Any]) ?? [:]).keys.map { "\($0) \(path)" }
        })
        #expect(documentedOperations == Set(probes.map { "\($0.1) \($0.0)" }))
        var statuses: [String: Set<Int>] = [:]
        for (path, method, _, _, _) in probes { statuses["\(method) \(path)"] = Self.documentedStatuses(document, path: path, method: method) }
        let documented = statuses
        try await APIFixture().live { client in
            for (path, method, uri, headers, body) in probes {
                let response = try await client.execute(uri: uri, method: method == "post" ? .post : .get, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
                #expect(documented["\(method) \(path)", default: []].contains(response.status.code),
                        "\(method) \(uri) answered undocumented \(response.status.code)")
            }
        }
    }

    @Test("a method a documented path does not serve is answered 405 with the served methods in Allow")
    func undocumentedMethods() async throws {
        let paths = try #require(try Self.document()["paths"] as? [String: Any])
        let served = paths.mapValues { ((($0 as? [String: Any]) ?? [:]).keys.map { $0.uppercased() }).sorted() }
        try await APIFixture().live { client in
            for (path, methods) in served {
                let uri = path.replacingOccurrences(of: "{customer_id}", with: APIFixture.knownCustomer)
                    .replacingOccurrences(of: "{archetype_id}", with: APIFixture.archetypeID)
                for method in [HTTPRequest.Method.trace, .delete, .put] where !methods.contains(method.rawValue) {
                    let response = try await client.execute(uri: uri, method: method, headers: APIFixture.key(APIFixture.devKey))
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri) answered \(response.status.code)")
                    #expect(response.headers[.allow] == methods.joined(separator: ", "), "\(method) \(uri)")
                }
            }
        }
    }

    @Test("percent-escaped ids are decoded before the identifier rules: c%40shop is c@shop, %2F is refused")
    func percentEscapedIdentifiers() async throws {
        try await APIFixture().live { client in
            let key = APIFixture.key(APIFixture.devKey)
            for (uri, status) in [("nobody%40shop", HTTPResponse.Status.notFound), ("a%2Fb", .badRequest), (".hidden", .badRequest), ("%E0%A4", .badRequest)] {
                let response = try await client.execute(uri: "/api/mcp/customer/\(uri)", method: .get, headers: key)
                #expect(response.status == status, "\(uri)")
            }
        }
    }

    @Test("the customer response has exactly the documented required fields (plus documented optional ones)")
    func customerFields() async throws {
        let document = try Self.document()
        let schema = try #require(((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?["CustomerProfile"] as? [String: Any])
        let required = Set(try #require(schema["required"] as? [String]))
        let documented = Set(try #require(schema["properties"] as? [String: Any]).keys)
        #expect(required.count == 8)
        try await APIFixture().live { client in
            let response = try await client.execute(uri: "/api/mcp/customer/\(APIFixture.knownCustomer)", method: .get, headers: APIFixture.key(APIFixture.devKey))
            let fields = Set(try response.json().keys)
            #expect(required.isSubset(of: fields))
            #expect(fields.isSubset(of: documented), "undocumented fields: \(fields.subtracting(documented))")
        }
    }
}
