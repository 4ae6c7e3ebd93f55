import QuimbiCore
import QuimbiTestSupport
import Testing
@testable import QuimbiStore

/// A key that makes the batched PostgreSQL query fail (a NUL cuts libpq's parameter short: the
/// array literal is malformed) must fail only its own lookup, not its batch-mates'.
@Suite(.enabled(if: TestServers.available))
struct BadKeyBatchTests {
    @Test func aFailedBatchFallsBackToOneLookupPerKey() async throws {
        let fixture = try await StoreFixture.make()
        let good = (0..<5).map { "c\($0)" }
        try await fixture.seed(good)
        let repository = ProfileRepository(pool: fixture.pool, redis: nil, options: fixture.options)
        // Several rounds: the bad key shares a coalesced batch with good ones in (nearly) all of them.
        for round in 0..<10 {
            let ids = good + ["bad\u{0}\(round)"]
            let outcomes = await withTaskGroup(of: (String, Result<CustomerProfile?, any Error>).self) { group in
                for id in ids {
                    group.addTask {
                        do { return (id, .success(try await repository.profile(for: CustomerReference(customerID: id, email: nil)))) }
                        catch { return (id, .failure(error)) }
                    }
                }
                return await group.reduce(into: [String: Result<CustomerProfile?, any Error>]()) { $0[$1.0] = $1.1 }
            }
            for id in good {
                #expect((try? outcomes[id]?.get())??.customerID == id, "round \(round): \(id)")
            }
            guard case .failure(let error) = outcomes["bad\u{0}\(round)"] else {
                Issue.record("round \(round): the bad key did not fail")
                continue
            }
            #expect((error as? LookupError)?.code == "postgres_query_failed")
        }
    }
}
