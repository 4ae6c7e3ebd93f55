/// What the treated arm's next orders cost in discounts, and how much of it was seen rather than assumed.
///
/// A next order that says what discount it carried (``DecisionOutcome/nextOrderDiscount``) costs that
/// discount, `0` included. One that does not say (orders stored before the field existed) is assumed
/// to have redeemed the offered percent: its total is what was paid after the discount, so the
/// discount is `total × percent / (100 − percent)`.
public struct DiscountTally: Sendable, Equatable {
    /// The discounts given on the next orders, observed or assumed.
    public var given = 0.0
    /// Next orders whose discount was known: their cost is observed.
    public var observed = 0
    /// Next orders whose discount was unknown: their cost is assumed from the offer.
    public var assumed = 0
    /// Next orders that carried a discount (more than 0): the offer, or some discount, was redeemed.
    public var redeemed = 0

    /// An empty tally.
    public init() {}

    /// A tally of these sums.
    public init(given: Double, observed: Int, assumed: Int, redeemed: Int) {
        self.given = given
        self.observed = observed
        self.assumed = assumed
        self.redeemed = redeemed
    }

    /// Counts the next order of `decision`, a closed decision of the treated arm; nothing without one.
    mutating func add(_ decision: DecisionOutcome) {
        guard decision.nextOrderAt != nil else { return }
        if let discount = decision.nextOrderDiscount {
            observed += 1
            given += discount
            if discount > 0 { redeemed += 1 }
        } else {
            assumed += 1
            if let total = decision.nextOrderTotal, decision.offerPercent > 0, decision.offerPercent < 100 {
                given += total * Double(decision.offerPercent) / Double(100 - decision.offerPercent)
            }
        }
    }
}
