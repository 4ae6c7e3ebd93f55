import Foundation
import Testing

/// `quimbi segment --out`: the profiles, then the archetypes, as JSON Lines, written in place and a chunk at a time.
@Suite struct SegmentOutputTests {
    /// A fresh directory holding a generated store of `customers` customers (`orders.jsonl`, `customers.jsonl`).
    private static func generatedStore(customers: Int) async throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quimbi-segment-\(UUID().uuidString)")
        let generated = try await QuimbiProgram.run(
            executable: QuimbiProgram.binary,
            arguments: ["generate", "--customers", "\(customers)", "--out-dir", directory.path, "--as-of", "2026-12-01"])
        try #require(generated.status == 0, "\(generated.output)")
        return directory
    }

    private static func segment(_ directory: URL, out: String) async throws -> QuimbiProgram.Result {
        try await QuimbiProgram.run(
            executable: QuimbiProgram.binary,
            arguments: ["segment", "--orders", directory.appendingPathComponent("orders.jsonl").path, "--out", out, "--as-of", "2026-12-01"])
    }

    /// 8,000 customers make about 3 MB of lines, so the file is written in more than one chunk: every line is
    /// whole, the profiles come first, one per customer, then the archetypes.
    @Test func everyProfileThenEveryArchetypeIsOneWholeLine() async throws {
        let directory = try await Self.generatedStore(customers: 8_000)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("segments.jsonl")
        let segmented = try await Self.segment(directory, out: out.path)
        try #require(segmented.status == 0, "\(segmented.output)")
        let data = try Data(contentsOf: out)
        #expect(data.count > 2 << 20, "\(data.count) bytes: more than two chunks of a megabyte")
        #expect(data.last == 10)
        let types = try data.split(separator: 10).map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            return try #require(object["type"] as? String)
        }
        let profiles = types.prefix { $0 == "profile" }.count
        #expect(profiles == 8_000, "\(profiles) profiles")
        #expect(types.count > profiles && types.dropFirst(profiles).allSatisfy { $0 == "archetype" }, "\(Set(types))")
    }

    /// A device given as the output stays a device (a temporary file renamed over it replaced /dev/null once); a file
    /// that cannot be opened is named in the error.
    @Test func aDeviceStaysADeviceAndAnUnwritablePathIsNamed() async throws {
        let directory = try await Self.generatedStore(customers: 50)
        defer { try? FileManager.default.removeItem(at: directory) }
        let toDevice = try await Self.segment(directory, out: "/dev/null")
        #expect(toDevice.status == 0, "\(toDevice.output)")
        let kind = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(kind == .typeCharacterSpecial)
        let missing = directory.appendingPathComponent("no-such-directory/segments.jsonl").path
        let refused = try await Self.segment(directory, out: missing)
        #expect(refused.status != 0 && refused.output.contains("cannot write \(missing)"), "\(refused.output)")
    }
}
