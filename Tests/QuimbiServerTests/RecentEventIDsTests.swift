@testable import QuimbiServer
import Testing

/// The webhook's deduplication: an id is a duplicate only once its publish succeeded; a request that
/// arrives while the same id is being published waits for the outcome instead of being told "duplicate".
struct RecentEventIDsTests {
    /// Waits until `count` requests wait for `id` (each step yields; no clock involved).
    private func waitUntil(_ ids: RecentEventIDs, has count: Int, waitingFor id: String) async {
        while ids.waiting(for: id) < count { await Task.yield() }
    }

    @Test func aRetryDuringAPublishThatFailsPublishesItselfInsteadOfBeingLost() async {
        let ids = RecentEventIDs(capacity: 8)
        #expect(await ids.claim("evt-1") == .publish)
        let retry = Task { await ids.claim("evt-1") }
        await waitUntil(ids, has: 1, waitingFor: "evt-1")
        ids.finish("evt-1", published: false)  // the first publish failed: 503 to its caller
        #expect(await retry.value == .publish, "the retry publishes the ticket itself")
        ids.finish("evt-1", published: true)
        #expect(await ids.claim("evt-1") == .alreadyPublished)
    }

    @Test func aRetryDuringAPublishThatSucceedsIsADuplicate() async {
        let ids = RecentEventIDs(capacity: 8)
        #expect(await ids.claim("evt-2") == .publish)
        let retries = (0..<3).map { _ in Task { await ids.claim("evt-2") } }
        await waitUntil(ids, has: 3, waitingFor: "evt-2")
        ids.finish("evt-2", published: true)
        for retry in retries { #expect(await retry.value == .alreadyPublished) }
    }

    @Test func aFailedIdCanBeClaimedAgainAndTheOldestIsForgotten() async {
        let ids = RecentEventIDs(capacity: 2)
        #expect(await ids.claim("a") == .publish)
        ids.finish("a", published: false)
        #expect(await ids.claim("a") == .publish)
        ids.finish("a", published: true)
        for id in ["b", "c"] {
            #expect(await ids.claim(id) == .publish)
            ids.finish(id, published: true)
        }
        #expect(await ids.claim("a") == .publish, "the oldest of three ids is forgotten with a capacity of two")
        #expect(await ids.claim("c") == .alreadyPublished)
    }
}
