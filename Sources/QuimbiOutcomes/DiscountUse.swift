import QuimbiStore

/// How the treated arm's converting customers used a discount on their next order, and how much of
/// ``OfferEffect/discountCostPerDecision`` rests on what the orders say rather than on the assumption
/// that the offered percent was redeemed.
public struct DiscountUse: Codable, Sendable, Equatable {
    /// Next orders that said what discount they carried (`0` included): their cost is observed.
    public var observed: Int
    /// Next orders that did not say (stored before orders carried their discount): their cost is
    /// assumed to be the offered percent.
    public var assumed: Int
    /// Next orders that carried a discount.
    public var redeemed: Int
    /// ``redeemed`` out of ``observed``; `nil` while no next order said what discount it carried.
    public var redemptionRate: Double?

    init(_ tally: DiscountTally) {
        observed = tally.observed
        assumed = tally.assumed
        redeemed = tally.redeemed
        redemptionRate = tally.observed > 0 ? Double(tally.redeemed) / Double(tally.observed) : nil
    }

    enum CodingKeys: String, CodingKey {
        case observed, assumed, redeemed
        case redemptionRate = "redemption_rate"
    }
}
