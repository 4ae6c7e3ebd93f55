extension String {
    /// Calls `body` with the string's UTF-8 bytes in place. `withUTF8` is mutating: called on a copy of a
    /// parameter (`var text = text`), it costs a retain and a release, where the per-ticket writers call it
    /// some three hundred times a ticket. Text that is not contiguous UTF-8 is made so on a copy.
    @inlinable
    public func withContiguousUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
