import Foundation
import QuimbiCore
import QuimbiSegmentation

/// Human-readable output of `quimbi segment`, and its JSON Lines file.
enum SegmentReport {
    static func render(_ summary: SegmentationSummary, asOf: Date) -> String {
        let model = summary.bgnbd
        var lines = [
            "as of \(RFC3339.string(from: asOf)): \(summary.customers) customers, \(summary.archetypes) archetypes, average LTV $\(format(summary.averageLifetimeValue, 2))",
            "churn bands: low \(percent(summary.churnDistribution["low"])), medium \(percent(summary.churnDistribution["medium"])), high \(percent(summary.churnDistribution["high"]))",
            "BG/NBD: r=\(format(model.r, 4)) alpha=\(format(model.alpha, 4)) a=\(format(model.a, 4)) b=\(format(model.b, 4)) log-likelihood=\(format(summary.bgnbdFit.logLikelihood, 2)) iterations=\(summary.bgnbdFit.iterations) converged=\(summary.bgnbdFit.converged)",
        ]
        if let spend = summary.gammaGamma, let fit = summary.gammaGammaFit {
            lines.append("Gamma-Gamma: p=\(format(spend.p, 4)) q=\(format(spend.q, 4)) gamma=\(format(spend.gamma, 4)) log-likelihood=\(format(fit.logLikelihood, 2)) iterations=\(fit.iterations) converged=\(fit.converged)")
        } else {
            lines.append("Gamma-Gamma: not fitted (no repeat purchases with value); expected spend = own average order value")
        }
        let skipped = summary.features
        if skipped.ordersAfterAsOf + skipped.duplicateOrderIDs + skipped.negativeTotals > 0 {
            lines.append("ignored orders: \(skipped.ordersAfterAsOf) after as-of, \(skipped.duplicateOrderIDs) duplicate ids, \(skipped.negativeTotals) negative totals")
        }
        lines.append("fit \(format(summary.fitSeconds, 3)) s, scoring and archetypes \(format(summary.scoringSeconds, 3)) s")
        return lines.joined(separator: "\n")
    }

    static func render(_ report: HoldoutReport) -> String {
        let model = report.bgnbd
        var lines = [
            "calibration: \(report.customers) customers, \(report.repeatCustomers) with repeat purchases",
            "BG/NBD: r=\(format(model.r, 4)) alpha=\(format(model.alpha, 4)) a=\(format(model.a, 4)) b=\(format(model.b, 4)) log-likelihood=\(format(report.bgnbdFit.logLikelihood, 2)) iterations=\(report.bgnbdFit.iterations) converged=\(report.bgnbdFit.converged)",
        ]
        if let spend = report.gammaGamma {
            lines.append("Gamma-Gamma: p=\(format(spend.p, 4)) q=\(format(spend.q, 4)) gamma=\(format(spend.gamma, 4))")
        }
        lines.append("holdout repeat purchases: predicted \(format(report.predictedPurchases, 1)), actual \(report.actualPurchases); per-customer correlation \(format(report.correlation, 4))")
        lines.append("churn AUC (no purchase in holdout): churn score \(format(report.churnAUC, 4)), 1 - P(alive) \(format(report.oneMinusPAliveAUC, 4))")
        return lines.joined(separator: "\n")
    }

    static func render(_ evaluation: RecommendationEvaluation) -> String {
        "recommendations, each repeat customer's last order held out (\(evaluation.customers) customers with a new item in it): "
            + "hit rate@\(evaluation.k) co-purchase \(format(evaluation.coPurchaseHitRate * 100, 1)) %, "
            + "popularity \(format(evaluation.popularityHitRate * 100, 1)) %"
    }

    /// The fitted models and settings of a run, for its `segmentation_runs` row.
    static func runParameters(_ summary: SegmentationSummary, asOf: Date) -> [String: String] {
        var parameters = [
            "as_of": RFC3339.string(from: asOf), "customers": String(summary.customers), "archetypes": String(summary.archetypes),
            "bgnbd_r": String(summary.bgnbd.r), "bgnbd_alpha": String(summary.bgnbd.alpha),
            "bgnbd_a": String(summary.bgnbd.a), "bgnbd_b": String(summary.bgnbd.b),
            "bgnbd_log_likelihood": String(summary.bgnbdFit.logLikelihood),
        ]
        if let spend = summary.gammaGamma {
            parameters["gamma_gamma_p"] = String(spend.p)
            parameters["gamma_gamma_q"] = String(spend.q)
            parameters["gamma_gamma_gamma"] = String(spend.gamma)
        }
        return parameters
    }

    /// Writes the profiles, then the archetypes, as JSON Lines to `path` (see ``JSONLines``: at 1 M profiles the
    /// 394 MB of lines, held whole before they were written, took the peak to 1.05 GB instead of 0.7).
    static func write(_ result: SegmentationResult, asOf: Date, to path: String) throws {
        let encoder = QuimbiJSON.makeEncoder()
        encoder.outputFormatting.insert(.sortedKeys)
        var lines = try JSONLines(path: path, encoder: encoder)
        for profile in result.profiles { try lines.append(bytes: profile.segmentLineJSON(asOf: asOf)) }
        for archetype in result.archetypes { try lines.append(ArchetypeLine(archetype: archetype)) }
        try lines.finish()
    }

    /// An archetype line of the output file: `{"type": "archetype", …}`.
    struct ArchetypeLine: Encodable {
        let archetype: Archetype
        func encode(to encoder: any Encoder) throws {
            try archetype.encode(to: encoder)
            var container = encoder.container(keyedBy: TypeKey.self)
            try container.encode("archetype", forKey: .type)
        }
    }

    enum TypeKey: String, CodingKey {
        case type
    }

    static func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    static func percent(_ value: Double?) -> String { String(format: "%.1f%%", (value ?? 0) * 100) }
    static func seconds(_ duration: Duration) -> String {
        format(duration.inSeconds, 3)
    }
}

/// A command failure with a clear message.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
