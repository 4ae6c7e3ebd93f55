/// Path identifiers accepted by the API: 1–128 characters of `A-Z a-z 0-9 _ - . @ +`, not starting with
/// `.` (so never `.` or `..`): `Schemas/api/openapi.yaml`'s `Identifier` pattern
/// `^[A-Za-z0-9_@+-][A-Za-z0-9_.@+-]{0,127}$`. Anything else (slashes, percent-escapes, quotes,
/// spaces) is refused before any lookup.
enum IdentifierRules {
    static func isValid(_ id: String) -> Bool {
        guard (1...128).contains(id.utf8.count), id.utf8.first != UInt8(ascii: ".") else { return false }
        return id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "+"):
                true
            default:
                false
            }
        }
    }
}
