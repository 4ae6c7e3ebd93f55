import Foundation

/// Why a model could not be fitted.
public struct SegmentationError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        /// No orders on or before the as-of date.
        case noOrders = "no_orders"
        /// Nobody bought twice: repeat-purchase models cannot be fitted.
        case noRepeatBuyers = "no_repeat_buyers"
        /// The optimiser ended outside the valid parameter region.
        case fitFailed = "fit_failed"
    }

    public var reason: Code
    public var message: String
    public var code: String { reason.rawValue }
    public var description: String { "\(code): \(message)" }

    public init(_ reason: Code, _ message: String) {
        self.reason = reason
        self.message = message
    }
}

/// How a maximum-likelihood fit went.
public struct FitReport: Sendable, Hashable, Codable {
    public var logLikelihood: Double
    public var iterations: Int
    public var converged: Bool
}

/// Maximum-likelihood fitting of BG/NBD and Gamma-Gamma.
public enum ModelFitter {
    /// Fits BG/NBD on (x, t_x, T) by maximum likelihood in log parameters: BFGS on the analytic
    /// gradient, then Nelder–Mead from where it stopped should BFGS not converge.
    public static func fitBGNBD(_ features: [CustomerFeatures]) throws(SegmentationError) -> (BGNBDModel, FitReport) {
        guard !features.isEmpty else { throw SegmentationError(.noOrders, "no customers to fit") }
        guard features.contains(where: { $0.repeatPurchases > 0 }) else {
            throw SegmentationError(.noRepeatBuyers, "no customer bought on two different days; BG/NBD needs repeat purchases")
        }
        let likelihood = BGNBDLikelihood(features)
        let meanAge = features.reduce(0) { $0 + $1.age } / Double(features.count)
        let meanX = max(0.05, features.reduce(0) { $0 + Double($1.repeatPurchases) } / Double(features.count))
        let start = [0.0, log(max(1e-3, meanAge / meanX)), 0.0, 0.0]
        let negativeLogLikelihood: ([Double]) -> BFGS.Evaluation = { p in
            let (value, gradient) = likelihood.logLikelihoodWithGradient(BGNBDModel(r: exp(p[0]), alpha: exp(p[1]), a: exp(p[2]), b: exp(p[3])))
            return (-value, [-gradient[0], -gradient[1], -gradient[2], -gradient[3]])
        }
        var result = BFGS().minimize(negativeLogLikelihood, from: start)
        if !result.converged {
            let polished = NelderMead().minimize({ negativeLogLikelihood($0).value }, from: result.point)
            result = Minimum(point: polished.point, value: polished.value, iterations: result.iterations + polished.iterations, converged: polished.converged)
        }
        let model = BGNBDModel(r: exp(result.point[0]), alpha: exp(result.point[1]), a: exp(result.point[2]), b: exp(result.point[3]))
        guard result.value.isFinite, [model.r, model.alpha, model.a, model.b].allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw SegmentationError(.fitFailed, "BG/NBD fit did not reach valid parameters")
        }
        return (model, FitReport(logLikelihood: -result.value, iterations: result.iterations, converged: result.converged))
    }

    /// Fits Gamma-Gamma on the customers with repeat purchases (x > 0, mean repeat spend > 0).
    public static func fitGammaGamma(_ features: [CustomerFeatures]) throws(SegmentationError) -> (GammaGammaModel, FitReport) {
        let repeaters = features.filter { $0.repeatPurchases > 0 && $0.meanRepeatSpend > 0 }
        let likelihood = GammaGammaLikelihood(repeaters)
        guard !likelihood.isEmpty else {
            throw SegmentationError(.noRepeatBuyers, "no repeat purchases with a positive value; Gamma-Gamma needs them")
        }
        let meanSpend = repeaters.reduce(0) { $0 + $1.meanRepeatSpend } / Double(repeaters.count)
        let start = [log(2.0), log(2.0), log(max(1e-3, meanSpend))]
        let negativeLogLikelihood: ([Double]) -> Double = { p in
            -likelihood.logLikelihood(GammaGammaModel(p: exp(p[0]), q: exp(p[1]), gamma: exp(p[2])))
        }
        let result = NelderMead().minimize(negativeLogLikelihood, from: start)
        let model = GammaGammaModel(p: exp(result.point[0]), q: exp(result.point[1]), gamma: exp(result.point[2]))
        guard result.value.isFinite else { throw SegmentationError(.fitFailed, "Gamma-Gamma fit did not converge to a finite likelihood") }
        return (model, FitReport(logLikelihood: -result.value, iterations: result.iterations, converged: result.converged))
    }
}
