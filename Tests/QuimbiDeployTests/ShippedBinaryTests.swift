import Foundation
import Testing

/// What the shipped `quimbi` binary must not contain.
struct ShippedBinaryTests {
    /// The fake Shopify is a test tool (`quimbi-fake-shopify`); its type names would be in the binary's
    /// metadata if it were linked in.
    @Test func theFakeShopifyIsNotLinkedIntoQuimbi() throws {
        let binary = try Data(contentsOf: QuimbiProgram.binary, options: .alwaysMapped)
        #expect(binary.count > 1_000_000, "\(QuimbiProgram.binary.path) is the real binary")
        #expect(binary.range(of: Data("FakeShopifyServer".utf8)) == nil)
    }
}
