/// An offer the policy would have made and withheld because the customer is in the retention
/// holdout (the control group that measures what offers buy).
public struct WithheldOffer: Codable, Sendable, Hashable {
    /// The discount withheld, in percent (0 when only free shipping was withheld).
    public var discountPercent: Int
    /// Whether free expedited shipping was withheld.
    public var freeShipping: Bool

    public init(discountPercent: Int, freeShipping: Bool) {
        self.discountPercent = discountPercent
        self.freeShipping = freeShipping
    }

    enum CodingKeys: String, CodingKey {
        case discountPercent = "discount_percent"
        case freeShipping = "free_shipping"
    }
}
