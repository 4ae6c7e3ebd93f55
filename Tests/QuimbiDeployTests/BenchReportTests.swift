import Foundation
import Testing

/// `quimbi bench` on the embedded broker: its one JSON report says where the end-to-end latency went.
@Suite struct BenchReportTests {
    /// The JSON report of `quimbi bench` run with `arguments`.
    private static func report(_ arguments: [String]) async throws -> [String: Any] {
        let result = try await QuimbiProgram.run(executable: QuimbiProgram.binary, arguments: ["bench"] + arguments)
        try #require(result.status == 0, "\(result.output)")
        let line = try #require(result.output.split(separator: "\n").last { $0.hasPrefix("{") }, "\(result.output)")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func theReportSplitsTheLatencyIntoItsFourStages() async throws {
        let report = try await Self.report(["--tickets", "300", "--lexicon-only"])
        #expect(report["tickets_completed"] as? Int == 300)
        // The broker ran in its own process: its memory is reported apart from the worker's.
        let brokerMemory = try #require(report["broker_peak_rss_mb"] as? Double, "\(report)")
        let ownMemory = try #require(report["peak_rss_mb"] as? Double)
        #expect(brokerMemory > 0 && ownMemory > 0, "\(report)")
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

    /// The embedded broker used to override `--fetch-wait-max-ms` with 5 ms, so a shorter wait was never measured.
    @Test func theTuningGivenIsTheOneUsedAndTheDefaultsOtherwise() async throws {
        let given = try await Self.report([
            "--tickets", "50", "--lexicon-only", "--fetch-wait-max-ms", "1", "--linger-ms", "0", "--max-in-flight", "256", "--prompt-rate", "0",
        ])
        let givenSettings = try #require(given["settings"] as? [String: String])
        #expect(givenSettings["fetch_wait_max_ms"] == "1", "\(givenSettings)")
        #expect(givenSettings["linger_ms"] == "0", "\(givenSettings)")
        #expect(givenSettings["prompt_rate"] == "0", "\(givenSettings)")
        #expect(givenSettings["max_in_flight"] == "256", "\(givenSettings)")
        let unset = try await Self.report(["--tickets", "50", "--lexicon-only"])
        let unsetSettings = try #require(unset["settings"] as? [String: String])
        #expect(unsetSettings["fetch_wait_max_ms"] == "5", "\(unsetSettings)")
        #expect(unsetSettings["linger_ms"] == "20", "\(unsetSettings)")
        #expect(unsetSettings["prompt_rate"] == "3000", "\(unsetSettings)")
        #expect(unsetSettings["max_in_flight"] == "1024", "\(unsetSettings)")
        #expect(unsetSettings["max_concurrency"] == "128", "\(unsetSettings)")
    }

    /// Orders from Shopify keep the in-memory default of 128 tickets at once (512 is for PostgreSQL, in
    /// `StoreCommandsEndToEndTests`); a given in-flight limit bounds the default, and a concurrency given is
    /// the one used. Orders from a Shopify that refuses connections only degrade the drafts.
    @Test func theDefaultConcurrencyIsBoundedByTheInFlightLimitAndAGivenOneIsUsed() async throws {
        let shopify = ["--tickets", "20", "--lexicon-only", "--shopify-url", "http://127.0.0.1:9", "--shopify-token", "test-token"]
        let fromShopify = try #require(try await Self.report(shopify)["settings"] as? [String: String])
        #expect(fromShopify["orders"] == "shopify" && fromShopify["max_concurrency"] == "128", "\(fromShopify)")
        let bounded = try #require(try await Self.report(["--tickets", "20", "--lexicon-only", "--max-in-flight", "100"])["settings"] as? [String: String])
        #expect(bounded["max_concurrency"] == "100" && bounded["max_in_flight"] == "100", "\(bounded)")
        let given = try #require(try await Self.report(["--tickets", "20", "--lexicon-only", "--max-concurrency", "64"])["settings"] as? [String: String])
        #expect(given["max_concurrency"] == "64", "\(given)")
    }

    /// Fewer tickets in flight than processed at once cannot be: the flag is refused before anything starts. Without
    /// it, the limit follows a concurrency above its default (which the 4× rule before it allowed). `quimbi draft`
    /// parses the same flags and ends with its input, so a regression fails here instead of hanging.
    @Test func anInFlightLimitBelowTheConcurrencyIsRefusedAndAHighConcurrencyAloneIsNot() async throws {
        let refused = try await QuimbiProgram.run(
            executable: QuimbiProgram.binary, arguments: ["draft", "--lexicon-only", "--max-concurrency", "64", "--max-in-flight", "32"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("--max-in-flight must be --max-concurrency"), "\(refused.output)")
        let zero = try await QuimbiProgram.run(executable: QuimbiProgram.binary, arguments: ["draft", "--lexicon-only", "--max-in-flight", "0"])
        #expect(zero.status != 0 && zero.output.contains("--max-in-flight must be 1…1000000"), "\(zero.output)")
        let alone = try await QuimbiProgram.run(executable: QuimbiProgram.binary, arguments: ["draft", "--lexicon-only", "--max-concurrency", "2000"])
        #expect(alone.status == 0, "\(alone.output)")
    }

    @Test func aPromptRateOutOfRangeIsRefused() async throws {
        for rate in ["-1", "19", "1000001"] {
            let refused = try await QuimbiProgram.run(executable: QuimbiProgram.binary, arguments: ["draft", "--lexicon-only", "--prompt-rate=\(rate)"])
            #expect(refused.status != 0 && refused.output.contains("--prompt-rate must be 0 or 20…1000000"), "\(rate): \(refused.output)")
        }
    }

    @Test func aRateSpreadsTheTicketsOverTime() async throws {
        let report = try await Self.report(["--tickets", "300", "--rate", "1000", "--lexicon-only"])
        #expect(report["tickets_completed"] as? Int == 300)
        // Ticket 299 is due 299 ms after the first: the run from the first send to the last draft lasts at least that long.
        let seconds = try #require(report["seconds"] as? Double)
        #expect(seconds >= 0.299, "\(report)")
    }

    /// A paced run spreads its tickets over 96 partitions of the embedded broker (whose fetches walk each partition's
    /// log from its start) and waits 2 ms for an empty fetch (which that broker holds for the whole wait), a run at
    /// full speed 24 partitions and 5 ms; the partitions and the wait given are the ones used.
    @Test func aPacedRunHas96PartitionsAndA2MsFetchWaitByDefaultAndTheGivenOnesAreUsed() async throws {
        let paced = try #require(try await Self.report(["--tickets", "50", "--rate", "1000", "--lexicon-only"])["settings"] as? [String: String])
        #expect(paced["partitions"] == "96" && paced["fetch_wait_max_ms"] == "2", "\(paced)")
        let fullSpeed = try #require(try await Self.report(["--tickets", "50", "--lexicon-only"])["settings"] as? [String: String])
        #expect(fullSpeed["partitions"] == "24" && fullSpeed["fetch_wait_max_ms"] == "5", "\(fullSpeed)")
        let given = try #require(
            try await Self.report(["--tickets", "50", "--rate", "1000", "--partitions", "24", "--fetch-wait-max-ms", "5", "--lexicon-only"])["settings"]
                as? [String: String])
        #expect(given["partitions"] == "24" && given["fetch_wait_max_ms"] == "5", "\(given)")
    }

    /// `--pass-through` answers every ticket without processing it: every draft arrives, none escalated (the same
    /// tickets processed escalate some), and the report says so.
    @Test func aPassThroughRunDraftsEveryTicketAndSaysItDidNoWork() async throws {
        let passedThrough = try await Self.report(["--tickets", "300", "--lexicon-only", "--pass-through"])
        #expect(passedThrough["tickets_completed"] as? Int == 300)
        #expect(passedThrough["tickets_degraded"] as? Int == 0)
        #expect(passedThrough["tickets_escalated"] as? Int == 0, "\(passedThrough)")
        let settings = try #require(passedThrough["settings"] as? [String: String])
        #expect(settings["work"]?.hasPrefix("pass-through") == true, "\(settings)")
        let processed = try await Self.report(["--tickets", "300", "--lexicon-only"])
        #expect((processed["tickets_escalated"] as? Int ?? 0) > 0, "\(processed)")
        #expect((processed["settings"] as? [String: String])?["work"] == "processed", "\(processed)")
    }
}
