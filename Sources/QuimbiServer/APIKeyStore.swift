import Crypto
import Foundation
import QuimbiCore

/// The configured API keys, held only as SHA-256 digests and compared in constant time.
public struct APIKeyStore: Sendable {
    private let digests: [[UInt8]]
    /// ``fingerprint(ofKeyAt:)`` of each key, computed once.
    private let fingerprints: [String]

    /// Keys from plain development keys and hex SHA-256 hashes of production keys.
    /// Throws ``APIKeyConfigurationError`` for a hash that is not 64 hex digits.
    public init(plainKeys: [String], sha256Hashes: [String]) throws(APIKeyConfigurationError) {
        var digests = plainKeys.filter { !$0.isEmpty }.map { Array(SHA256.hash(data: Array($0.utf8))) }
        for hash in sha256Hashes where !hash.isEmpty {
            guard let bytes = HexBytes.decode(hash), bytes.count == SHA256.byteCount else {
                throw APIKeyConfigurationError(message: "QUIMBI_API_KEY_SHA256 entries must be 64 hex digits")
            }
            digests.append(bytes)
        }
        self.digests = digests
        fingerprints = digests.map { HexBytes.encode(Array(SHA256.hash(data: $0).prefix(8))) }
    }

    /// Keys from `QUIMBI_API_KEYS` and `QUIMBI_API_KEY_SHA256` (comma-separated) in `environment`.
    public init(environment: [String: String]) throws(APIKeyConfigurationError) {
        func list(_ name: String) -> [String] {
            (environment[name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        try self.init(plainKeys: list("QUIMBI_API_KEYS"), sha256Hashes: list("QUIMBI_API_KEY_SHA256"))
    }

    /// Whether no key is configured (every request is then refused).
    public var isEmpty: Bool { digests.isEmpty }

    /// A short name of the key at `index` that reveals nothing of it (hex of the first 8 bytes of SHA-256
    /// over its digest): what a dashboard session records of the key that opened it.
    func fingerprint(ofKeyAt index: Int) -> String {
        fingerprints[index]
    }

    /// Whether a configured key has `fingerprint` (a session of a key no longer configured has ended).
    func hasKey(withFingerprint fingerprint: String) -> Bool {
        fingerprints.contains(fingerprint)
    }

    /// The index of the key matching `presented`, comparing against every key without early exit.
    func match(_ presented: String) -> Int? {
        let digest = Array(SHA256.hash(data: Array(presented.utf8)))
        var found: Int?
        for (index, candidate) in digests.enumerated() {
            var difference: UInt8 = 0
            for position in 0..<candidate.count { difference |= candidate[position] ^ digest[position] }
            if difference == 0 && found == nil { found = index }
        }
        return found
    }
}

/// A malformed key configuration.
public struct APIKeyConfigurationError: QuimbiError {
    public var code: String { "invalid_api_key_configuration" }
    public var message: String
}
