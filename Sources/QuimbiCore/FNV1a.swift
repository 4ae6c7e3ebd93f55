/// FNV-1a, 64-bit: a hash of bytes that is the same in every process, replica and release (Swift's
/// `Hasher` is seeded afresh in each process). The retention holdout's buckets and the names of prepared
/// statements both come from it.
public enum FNV1a {
    /// The hash of `bytes`.
    public static func hash64<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
