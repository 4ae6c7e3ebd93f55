/// Tuning of ``ProfileRepository``'s Redis cache.
public struct ProfileCacheOptions: Sendable {
    /// Lifetime of a cached profile (the seed's 24 h).
    public var ttl: Duration = .seconds(86_400)
    /// Lifetime of a cached "unknown customer" marker.
    public var unknownTTL: Duration = .seconds(300)
    /// How often the cache generation is re-read from `segmentation_runs`.
    public var generationRefresh: Duration = .seconds(5)
    /// Most keys per coalesced batch.
    public var maxBatch = 128
    /// First part of every cache key, to share one Redis between stores or test runs.
    public var keyPrefix = "quimbi"

    /// The defaults.
    public init() {}
}
