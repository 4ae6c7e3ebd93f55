import Foundation

/// The character n-grams of a message, hashed into a fixed number of buckets: the part of the intent
/// head that learns the words of each intent as they are written, typos and inflections included.
///
/// The text is lower-cased, stripped of accents (compatibility decomposition without combining
/// marks) and split at white space; each word, padded with a space on both sides, gives its 3-, 4-
/// and 5-character grams (a padded word shorter than `n` gives itself once). A gram's bucket is the
/// 32-bit FNV-1a hash of its UTF-8 bytes modulo ``bucketCount``.
public enum CharacterGrams {
    /// How many buckets the grams are hashed into.
    public static let bucketCount = 1 << 16
    /// The gram lengths.
    static let lengths = 3...5

    /// How often each bucket occurs in `text`, ordered by bucket.
    public static func counts(_ text: String) -> [(bucket: Int, count: Int)] {
        var counts: [Int: Int] = [:]
        for word in normalised(text).split(whereSeparator: \.properties.isWhitespace) {
            let padded: [Unicode.Scalar] = [" "] + Array(word) + [" "]
            for length in lengths {
                guard padded.count > length else {
                    counts[bucket(padded[...]), default: 0] += 1
                    continue
                }
                for start in 0...(padded.count - length) {
                    counts[bucket(padded[start..<(start + length)]), default: 0] += 1
                }
            }
        }
        return counts.map { (bucket: $0.key, count: $0.value) }.sorted { $0.bucket < $1.bucket }
    }

    /// Lower case, no accents: the scalars the grams are cut from.
    static func normalised(_ text: String) -> String.UnicodeScalarView {
        String.UnicodeScalarView(
            text.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars.filter {
                $0.properties.canonicalCombiningClass == .notReordered
            })
    }

    private static func bucket(_ gram: ArraySlice<Unicode.Scalar>) -> Int {
        var hash: UInt32 = 0x811c_9dc5
        for scalar in gram {
            UTF8.encode(scalar) { byte in hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        }
        return Int(hash % UInt32(bucketCount))
    }
}
