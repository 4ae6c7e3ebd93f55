import Foundation
import QuimbiCore
import Testing
@testable import QuimbiStore

/// The recent-orders query leaves its rows unsorted: ``OrderQuery`` puts each customer's orders newest first
/// itself, as the `orders` table's `created_at DESC, id DESC` does.
@Suite struct NewestFirstTests {
    static func order(_ id: String, at seconds: Double) -> Order {
        Order(id: id, customerID: "c", createdAt: Date(timeIntervalSince1970: seconds), total: 1)
    }

    @Test func laterOrdersComeFirstAndTiesGoToTheGreaterID() {
        #expect(OrderQuery.isNewer(Self.order("a", at: 2), Self.order("b", at: 1)))
        #expect(!OrderQuery.isNewer(Self.order("b", at: 1), Self.order("a", at: 2)))
        #expect(OrderQuery.isNewer(Self.order("b", at: 1), Self.order("a", at: 1)))
        #expect(!OrderQuery.isNewer(Self.order("a", at: 1), Self.order("a", at: 1)))
    }

    @Test func onlyNewestFirstListsPassAsSo() {
        let newestFirst = [Self.order("c", at: 3), Self.order("b", at: 2), Self.order("z", at: 1), Self.order("y", at: 1)]
        #expect(OrderQuery.isNewestFirst(newestFirst))
        #expect(OrderQuery.isNewestFirst([]))
        #expect(OrderQuery.isNewestFirst([Self.order("a", at: 1)]))
        #expect(!OrderQuery.isNewestFirst([Self.order("b", at: 2), Self.order("c", at: 3)]))
        #expect(!OrderQuery.isNewestFirst([Self.order("y", at: 1), Self.order("z", at: 1)]))
        for permutation in Self.permutations(of: newestFirst) {
            #expect(OrderQuery.isNewestFirst(permutation) == (permutation == newestFirst))
            #expect(permutation.sorted(by: OrderQuery.isNewer) == newestFirst)
        }
    }

    private static func permutations(of orders: [Order]) -> [[Order]] {
        guard let first = orders.first else { return [[]] }
        return permutations(of: Array(orders.dropFirst())).flatMap { rest in
            (0...rest.count).map { position in
                var permutation = rest
                permutation.insert(first, at: position)
                return permutation
            }
        }
    }
}
