import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// The database a Redis URL names.
@Suite(.enabled(if: TestServers.available))
struct RedisDatabaseTests {
    @Test func aRefusedSelectFailsEveryCallInsteadOfFallingBackToDatabaseZero() async throws {
        let url = try TestServers.redisURL()
        let databaseZero = try RedisPool(url: url)
        try await databaseZero.setEx([(key: "select-test", value: "database 0", ttl: .seconds(60))])

        // A Redis has 16 databases by default: SELECT 99 is refused.
        let connection = RedisConnection(endpoint: try RedisEndpoint(url: url + "?db=99"), timeout: .seconds(1))
        for call in 1...2 {
            let refusal = #expect(throws: StoreError.self, "call \(call)") {
                try connection.pipeline([["GET", "select-test"]])
            }
            #expect(refusal?.code == "redis_select_failed")
        }
    }
}
