import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("API keys and rate limit over loopback HTTP")
struct AuthenticationTests {
    @Test("plain and hashed keys are accepted")
    func acceptsConfiguredKeys() async throws {
        try await APIFixture().live { client in
            for key in [APIFixture.devKey, APIFixture.prodKey] {
                let response = try await client.execute(uri: "/api/mcp/customer/\(APIFixture.knownCustomer)", method: .get, headers: APIFixture.key(key))
                #expect(response.status == .ok)
            }
        }
    }

    @Test("missing, wrong, revoked and hash-as-key credentials get 401 without detail",
          arguments: [nil, "wrong", APIFixture.revokedKey, "", "dev-key-", "DEV-KEY",
                      "037abd8d694c16d602ff30594e60fc492ba3f44704bf96211deeda26d5df851c"])
    func refusesBadKeys(key: String?) async throws {
        try await APIFixture().live { client in
            let headers = key.map(APIFixture.key) ?? [:]
            let response = try await client.execute(uri: "/api/mcp/customer/\(APIFixture.knownCustomer)", method: .get, headers: headers)
            #expect(response.status == .unauthorized)
            let error = try #require(try response.json()["error"] as? [String: Any])
            #expect(error["code"] as? String == "unauthorized")
            #expect(error["message"] as? String == "unauthorized")
        }
    }

    @Test("a key over its rate limit gets 429 with Retry-After; other keys are unaffected")
    func rateLimitsPerKey() async throws {
        try await APIFixture(rateLimitPerSecond: 0.01, rateLimitBurst: 2).live { client in
            let uri = "/api/mcp/customer/\(APIFixture.knownCustomer)"
            for _ in 0..<2 {
                #expect(try await client.execute(uri: uri, method: .get, headers: APIFixture.key(APIFixture.devKey)).status == .ok)
            }
            let limited = try await client.execute(uri: uri, method: .get, headers: APIFixture.key(APIFixture.devKey))
            #expect(limited.status == .tooManyRequests)
            let retryAfter = try #require(limited.headers[.retryAfter].flatMap(Int.init))
            #expect(retryAfter >= 1)
            #expect(try await client.execute(uri: uri, method: .get, headers: APIFixture.key(APIFixture.prodKey)).status == .ok)
        }
    }
}
