import Foundation
import Testing

/// `quimbi bench` on the embedded broker: its one JSON report says where the end-to-end latency went.
@Suite struct BenchReportTests {
    @Test func theReportSplitsTheLatencyIntoItsFourStages() async throws {
        let result = try await QuimbiProgram.run(
            executable: QuimbiProgram.binary, arguments: ["bench", "--tickets", "300", "--lexicon-only"])
        try #require(result.status == 0, "\(result.output)")
        let line = try #require(result.output.split(separator: "\n").last { $0.hasPrefix("{") }, "\(result.output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(report["tickets_completed"] as? Int == 300)
        let endToEnd = try #require(report["latency_ms"] as? [String: Double])
        let stages = try #require(report["latency_stages_ms"] as? [String: [String: Double]])
        #expect(Set(stages.keys) == ["to_worker", "processing", "publishing", "to_reader"])
        let longest = try #require(endToEnd["max"])
        for (stage, percentiles) in stages {
            let p50 = try #require(percentiles["p50"], "\(stage)")
            let max = try #require(percentiles["max"], "\(stage)")
            #expect(p50 >= 0 && p50 <= max, "\(stage): \(percentiles)")
            // Each stage is part of a ticket's way, so none lasts longer than the longest whole way (the stages
            // are read on the wall clock, the whole on the continuous clock: 5 ms of slack).
            #expect(max <= longest + 5, "\(stage): \(percentiles), end to end \(endToEnd)")
        }
    }
}
