import Foundation

/// The Prometheus series the program exposes, read from its sources (swift-metrics labels and direct
/// swift-prometheus registrations under `Sources/`), with the `_bucket`/`_sum`/`_count` series of histograms.
enum ExposedMetrics {
    /// Series Prometheus itself adds to every scrape target.
    static let scrapeSeries: Set<String> = ["up", "scrape_duration_seconds", "scrape_samples_scraped"]

    static func names() throws -> Set<String> {
        var names: Set<String> = []
        for source in try swiftSources() {
            let text = try String(contentsOf: source, encoding: .utf8)
            for match in text.matches(of: /\b(Counter|FloatingPointCounter|Gauge|Meter)\(\s*label:\s*"([a-zA-Z_:][a-zA-Z0-9_:]*)"/) {
                names.insert(String(match.output.2))
            }
            for match in text.matches(of: /\bmake(Counter|Gauge)\(\s*name:\s*"([a-zA-Z_:][a-zA-Z0-9_:]*)"/) {
                names.insert(String(match.output.2))
            }
            for match in text.matches(of: /\b(Timer|Recorder)\(\s*label:\s*"([a-zA-Z_:][a-zA-Z0-9_:]*)"/) {
                names.formUnion(histogramSeries(String(match.output.2)))
            }
            for match in text.matches(of: /\bmake(DurationHistogram|ValueHistogram)\(\s*name:\s*"([a-zA-Z_:][a-zA-Z0-9_:]*)"/) {
                names.formUnion(histogramSeries(String(match.output.2)))
            }
        }
        return names
    }

    private static func histogramSeries(_ name: String) -> [String] {
        [name + "_bucket", name + "_sum", name + "_count"]
    }

    private static func swiftSources() throws -> [URL] {
        let sources = RepositoryFiles.url("Sources")
        guard let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else {
            throw DeployFileError("cannot list \(sources.path)")
        }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }
}
