import Foundation
import QuimbiCore

/// How well the models predict a holdout period they did not see.
public struct HoldoutReport: Sendable, Codable {
    public var customers: Int
    public var bgnbd: BGNBDModel
    public var bgnbdFit: FitReport
    public var gammaGamma: GammaGammaModel?
    /// Customers with repeat purchases in the calibration period.
    public var repeatCustomers: Int
    /// Sum over customers of predicted and of actual repeat purchases in the holdout.
    public var predictedPurchases: Double
    public var actualPurchases: Int
    /// Pearson correlation of predicted and actual holdout purchases per customer.
    public var correlation: Double
    /// AUC of the churn score for "did not buy in the holdout" (0.5 = chance).
    public var churnAUC: Double
    /// AUC of 1 − P(alive) for the same target, for comparison.
    public var oneMinusPAliveAUC: Double
}

/// Fits on the calibration period and scores the holdout period.
public enum HoldoutEvaluation {
    public static func evaluate(
        orders: [Order], calibrationEnd: Date, holdoutEnd: Date, configuration: SegmentationConfiguration
    ) throws(SegmentationError) -> HoldoutReport {
        let unit = configuration.timeUnitDays
        let (features, _) = FeatureExtractor.features(from: orders, asOf: calibrationEnd, timeUnit: unit)
        guard !features.isEmpty else { throw SegmentationError(.noOrders, "no orders in the calibration period") }
        let (model, fit) = try ModelFitter.fitBGNBD(features)
        let spend = try? ModelFitter.fitGammaGamma(features)
        let calibrationDay = Int((calibrationEnd.timeIntervalSince1970 / 86_400).rounded(.down))
        var holdoutDays: [String: Set<Int>] = [:]
        for order in orders where order.createdAt > calibrationEnd && order.createdAt <= holdoutEnd {
            let day = Int((order.createdAt.timeIntervalSince1970 / 86_400).rounded(.down))
            if day > calibrationDay { holdoutDays[order.customerID, default: []].insert(day) }
        }
        let horizon = holdoutEnd.timeIntervalSince(calibrationEnd) / 86_400 / unit
        var predicted: [Double] = []
        var actual: [Double] = []
        var churn: [Double] = []
        var notAlive: [Double] = []
        for customer in features {
            let x = Double(customer.repeatPurchases)
            predicted.append(model.expectedPurchases(horizon: horizon, x: x, tx: customer.recency, age: customer.age))
            actual.append(Double(holdoutDays[customer.customerID]?.count ?? 0))
            churn.append(model.probabilityNoPurchase(horizon: configuration.churnHorizonDays / unit, x: x, tx: customer.recency, age: customer.age))
            notAlive.append(1 - model.probabilityAlive(x: x, tx: customer.recency, age: customer.age))
        }
        let churned = actual.map { $0 == 0 }
        return HoldoutReport(
            customers: features.count, bgnbd: model, bgnbdFit: fit, gammaGamma: spend?.0,
            repeatCustomers: features.filter { $0.repeatPurchases > 0 }.count,
            predictedPurchases: predicted.reduce(0, +), actualPurchases: Int(actual.reduce(0, +)),
            correlation: Statistics.pearson(predicted, actual),
            churnAUC: Statistics.auc(scores: churn, positives: churned),
            oneMinusPAliveAUC: Statistics.auc(scores: notAlive, positives: churned))
    }
}

/// Correlation and ranking quality.
public enum Statistics {
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        guard n > 1 else { return 0 }
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
        for (a, b) in zip(x, y) {
            covariance += (a - meanX) * (b - meanY)
            varianceX += (a - meanX) * (a - meanX)
            varianceY += (b - meanY) * (b - meanY)
        }
        guard varianceX > 0, varianceY > 0 else { return 0 }
        return covariance / (varianceX * varianceY).squareRoot()
    }

    /// Area under the ROC curve of `scores` for the `positives` (ties count half).
    public static func auc(scores: [Double], positives: [Bool]) -> Double {
        let ranked = zip(scores, positives).sorted { $0.0 < $1.0 }
        var rankSum = 0.0
        var index = 0
        while index < ranked.count {
            var end = index
            while end + 1 < ranked.count, ranked[end + 1].0 == ranked[index].0 { end += 1 }
            let averageRank = Double(index + end) / 2 + 1
            for position in index...end where ranked[position].1 { rankSum += averageRank }
            index = end + 1
        }
        let positiveCount = Double(positives.filter { $0 }.count)
        let negativeCount = Double(positives.count) - positiveCount
        guard positiveCount > 0, negativeCount > 0 else { return 0.5 }
        return (rankSum - positiveCount * (positiveCount + 1) / 2) / (positiveCount * negativeCount)
    }
}
