/// A container image reference such as `apache/kafka:3.9.1` or `registry.example.com:5000/quimbi:0.1.0`.
struct ImageReference {
    let text: String

    /// The tag after the last `:` of the last path component, if any.
    var tag: String? {
        let lastComponent = text.split(separator: "/").last.map(String.init) ?? text
        let withoutDigest = lastComponent.split(separator: "@")[0]
        let parts = withoutDigest.split(separator: ":", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : nil
    }

    /// Pinned: an immutable digest, or a tag that starts with a version number (`3.9.1`, `17.6-bookworm`),
    /// never `latest` or no tag.
    var isPinned: Bool {
        if text.contains("@sha256:") { return true }
        guard let tag, tag != "latest" else { return false }
        return tag.firstMatch(of: /^v?[0-9]+(\.[0-9]+)+/) != nil
    }
}
