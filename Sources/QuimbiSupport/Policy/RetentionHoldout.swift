import QuimbiCore

/// Which customers are in the control arm of the retention holdout. The arm comes from a hash of
/// the customer id alone, the same in every process, replica and release, so one customer always
/// lands in the same arm and the arms are a random split of the customer base.
public enum RetentionHoldout {
    /// Largest ``SupportPolicy/holdoutPercent``: the control arm never outgrows the offers it measures.
    public static let maxPercent = 50

    /// Whether `customerID` is in the control arm of a holdout of `percent` percent.
    public static func contains(_ customerID: String, percent: Int) -> Bool {
        percent > 0 && bucket(of: customerID) < UInt64(percent) * 100
    }

    /// The customer's bucket, 0..<10,000: FNV-1a (64-bit) of the id's UTF-8 bytes, then a
    /// SplitMix64 finaliser so that ids differing in their last digit spread over every bucket.
    static func bucket(of customerID: String) -> UInt64 {
        SplitMix64.mix(FNV1a.hash64(customerID.utf8)) % 10_000
    }
}
