import Foundation
import QuimbiCore
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// A Redis that requires a password (`requirepass`), as managed Redis services do.
@Suite(.enabled(if: TestServers.privateServersAvailable))
struct RedisAuthTests {
    @Test func thePasswordFromTheURLIsSentAndAWrongOneDegradesToPostgres() async throws {
        let server = try RedisTestServer(password: "s3cret:with/odd?chars")
        defer { server.destroy() }
        let encoded = "s3cret:with/odd?chars".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let redis = try RedisPool(url: server.url + "?password=" + encoded)
        try await redis.setEx([(key: "auth-test", value: "ok", ttl: .seconds(60))])
        #expect(try await redis.mget(["auth-test"]) == ["ok"])

        let wrong = try RedisPool(url: server.url + "?password=nope")
        let refusal = await #expect(throws: StoreError.self) { try await wrong.mget(["auth-test"]) }
        #expect(refusal?.code == "redis_auth_failed")
        #expect(refusal?.isTransient == false, "a wrong password is a configuration error, not an outage")

        let fixture = try await StoreFixture.make(redisURL: server.url + "?password=nope")
        try await fixture.seed(["c1"])
        let profile = try await fixture.repository().profile(for: CustomerReference(customerID: "c1", email: nil))
        #expect(profile?.customerID == "c1", "a Redis that refuses the password costs only the cache")
    }

    @Test func credentialsAreReadFromRedisURLs() throws {
        let withUser = try RedisEndpoint(url: "redis://quimbi:pa%40ss@cache.internal:6380/2")
        #expect(withUser.user == "quimbi" && withUser.password == "pa@ss" && withUser.database == 2)
        let passwordOnly = try RedisEndpoint(url: "redis://:secret@cache.internal")
        #expect(passwordOnly.user == nil && passwordOnly.password == "secret")
        #expect(try RedisEndpoint(url: "redis://cache.internal").password == nil)
    }
}
