/// Strings kept for memory and named by a 4-byte reference. Strings that repeat (product titles,
/// currencies, statuses) are ``intern(_:)``ed: stored once as a `String`, read back by a lookup. Strings
/// that do not (order ids, tracking URLs) are ``append(_:)``ed as UTF-8 to one shared buffer: their bytes
/// cost their length plus 8, where a `String` longer than 15 bytes costs a heap object of its own (header,
/// allocator rounding) plus its 16-byte value; reading one back builds a `String` from its bytes, free up to
/// 15 bytes (stored inline), one allocation beyond.
struct PackedStrings: Sendable {
    /// Names a stored string, or no string.
    struct Reference: Sendable, Equatable {
        /// An interned string's index in ``interned`` with the top bit set; an appended string's in ``ends``.
        fileprivate let bits: UInt32
        fileprivate static let internedFlag: UInt32 = 1 << 31
        /// No string (an absent optional).
        static let absent = Reference(bits: .max)
    }

    private var interned: [String] = []
    /// References of the interned strings, while building.
    private var internedReferences: [String: Reference] = [:]
    private var bytes: [UInt8] = []
    /// Appended string `i` is `bytes[ends[i - 1] ..< ends[i]]` (from 0 for the first).
    private var ends: [Int] = []

    /// Stores `string` once: a string interned before gets the same reference.
    mutating func intern(_ string: String) -> Reference {
        if let known = internedReferences[string] { return known }
        let reference = Reference(bits: Reference.internedFlag | Self.index(interned.count))
        interned.append(string)
        internedReferences[string] = reference
        return reference
    }

    /// ``intern(_:)``, or ``Reference/absent`` for `nil`.
    mutating func intern(_ string: String?) -> Reference {
        string.map { intern($0) } ?? .absent
    }

    /// Stores `string` without looking for an earlier copy.
    mutating func append(_ string: String) -> Reference {
        bytes.append(contentsOf: string.utf8)
        ends.append(bytes.count)
        return Reference(bits: Self.index(ends.count - 1))
    }

    /// ``append(_:)``, or ``Reference/absent`` for `nil`.
    mutating func append(_ string: String?) -> Reference {
        string.map { append($0) } ?? .absent
    }

    /// Ends building: drops the lookup table of interned strings. The buffers keep their spare capacity:
    /// pages of it never written are never resident, and a trimmed copy holds both at once (measured with the
    /// order history's line and shipment arrays: trimming raised the worker's start-up peak by 14–20 MB and
    /// saved 3 MB of resident memory).
    mutating func seal() {
        internedReferences = [:]
    }

    /// The string `reference` names; `""` for ``Reference/absent``.
    func string(_ reference: Reference) -> String {
        optionalString(reference) ?? ""
    }

    /// The string `reference` names, `nil` for ``Reference/absent``.
    func optionalString(_ reference: Reference) -> String? {
        guard reference != .absent else { return nil }
        let index = Int(reference.bits & ~Reference.internedFlag)
        if reference.bits & Reference.internedFlag != 0 { return interned[index] }
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<ends[index]]), as: UTF8.self) }
    }

    /// A string's index in 31 bits. Two billion strings need more memory than any machine running this
    /// holds (their offsets alone take 16 GB), so running out is a programming error, not an input one.
    private static func index(_ index: Int) -> UInt32 {
        precondition(index < Int(Reference.internedFlag), "more than 2^31 strings packed")
        return UInt32(index)
    }
}
