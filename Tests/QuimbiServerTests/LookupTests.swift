import Foundation
import HTTPTypes
import HummingbirdTesting
import QuimbiMetrics
import QuimbiServer
import Testing

@Suite("Customer, archetype and context endpoints over loopback HTTP")
struct LookupTests {
    static var seedFields: [String: (Any) -> Bool] { [
        "customer_id": { $0 is String }, "archetype_id": { $0 is String },
        "lifetime_value": { $0 is NSNumber }, "total_orders": { ($0 as? NSNumber).map { Double(truncating: $0) == Double(Int(truncating: $0)) } ?? false },
        "avg_order_value": { $0 is NSNumber }, "days_since_last_purchase": { $0 is NSNumber },
        "customer_tenure_days": { $0 is NSNumber }, "churn_risk_score": { $0 is NSNumber },
    ] }

    @Test("the customer endpoint answers the seed's eight fields with their JSON types")
    func customerProfile() async throws {
        try await APIFixture().live { client in
            let response = try await client.execute(uri: "/api/mcp/customer/\(APIFixture.knownCustomer)", method: .get, headers: APIFixture.key(APIFixture.devKey))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let body = try response.json()
            for (field, hasType) in Self.seedFields {
                let value = try #require(body[field], "missing \(field)")
                #expect(hasType(value), "wrong JSON type of \(field)")
            }
            #expect(body["customer_id"] as? String == APIFixture.knownCustomer)
            #expect(body["total_orders"] as? Int == 3)
            #expect(body["days_since_last_purchase"] as? Int == 20)
        }
    }

    @Test("unknown customers and archetypes get 404 with a JSON error")
    func unknownIDs() async throws {
        try await APIFixture().live { client in
            for (uri, code) in [("/api/mcp/customer/999", "customer_not_found"), ("/api/archetypes/arch_none", "archetype_not_found"),
                                ("/api/customers/999/context", "customer_not_found")] {
                let response = try await client.execute(uri: uri, method: .get, headers: APIFixture.key(APIFixture.devKey))
                #expect(response.status == .notFound)
                let error = try #require(try response.json()["error"] as? [String: Any])
                #expect(error["code"] as? String == code)
            }
        }
    }

    @Test("path traversal and injection strings in ids never reach a lookup",
          arguments: ["..%2F..%2Fetc%2Fpasswd", "%2e%2e", "1'%20OR%20'1'='1", "%3Cscript%3E", "a%00b", "1;DROP%20TABLE%20x", "%7B%7Bx%7D%7D",
                      String(repeating: "9", count: 129)])
    func hostileIDs(id: String) async throws {
        try await APIFixture().live { client in
            for prefix in ["/api/mcp/customer/", "/api/archetypes/"] {
                let response = try await client.execute(uri: prefix + id, method: .get, headers: APIFixture.key(APIFixture.devKey))
                #expect([.badRequest, .notFound].contains(response.status), "\(prefix + id) answered \(response.status)")
                #expect(!response.text.contains("root:"))
            }
        }
    }

    @Test("raw traversal segments do not escape the route")
    func rawTraversal() async throws {
        try await APIFixture().live { client in
            let response = try await client.execute(uri: "/api/mcp/customer/../../metrics", method: .get, headers: APIFixture.key(APIFixture.devKey))
            #expect(response.status != .ok || !response.text.contains("quimbi_http_requests_total"))
        }
    }

    @Test("the archetype endpoint answers members, averages, churn distribution, behaviours and strategy")
    func archetype() async throws {
        try await APIFixture().live { client in
            let response = try await client.execute(uri: "/api/archetypes/\(APIFixture.archetypeID)", method: .get, headers: APIFixture.key(APIFixture.devKey))
            #expect(response.status == .ok)
            let body = try response.json()
            #expect(body["members"] as? Int == 20)
            #expect(body["avg_lifetime_value"] as? Double == 180)
            #expect((body["churn_distribution"] as? [String: Any])?.count == 2)
            #expect(body["strategy"] as? [String] == ["thank them"])
        }
    }

    @Test("the context endpoint answers the insight, archetype and newest orders first")
    func context() async throws {
        try await APIFixture().live { client in
            let response = try await client.execute(uri: "/api/customers/\(APIFixture.knownCustomer)/context", method: .get, headers: APIFixture.key(APIFixture.devKey))
            #expect(response.status == .ok)
            let body = try response.json()
            let customer = try #require(body["customer"] as? [String: Any])
            #expect(customer["customer_id"] as? String == APIFixture.knownCustomer)
            #expect((body["archetype"] as? [String: Any])?["id"] as? String == APIFixture.archetypeID)
            let orders = try #require(body["recent_orders"] as? [[String: Any]])
            #expect(orders.count == 3)
            #expect(orders.first?["id"] as? String == "\(APIFixture.knownCustomer)-0")
        }
    }

    @Test("health, readiness and metrics need no key")
    func operations() async throws {
        try await APIFixture().live { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect((try ready.json()["checks"] as? [String: String])?["profiles"] == "ok")
            _ = try await client.execute(uri: "/api/mcp/customer/999", method: .get, headers: APIFixture.key(APIFixture.devKey))
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains(#"quimbi_http_requests_total{route="/api/mcp/customer/{customer_id}",method="GET",status="404"} 1"#))
        }
    }

    @Test("readiness reports an unreachable broker with 503")
    func notReady() async throws {
        let check = BrokerReachability(bootstrapServers: "127.0.0.1:1", timeout: .milliseconds(300))
        #expect(await check.isReady() == false)
    }
}
