/// Quasi-Newton minimisation of a smooth function with an analytic gradient: BFGS updates of the
/// inverse Hessian and a backtracking (Armijo) line search with quadratic interpolation. Used for
/// the BG/NBD maximum-likelihood fit in log-parameter space.
struct BFGS {
    /// Stop when the decrease the quasi-Newton model predicts for a full step, ½ gᵀH g, is at most
    /// this times max(1, |f|): beyond it f cannot resolve progress (rounding in a sum of many terms).
    var tolerance = 1e-13
    var maxIterations = 200
    /// The largest move of any coordinate in one step (in log-parameters, a factor of e²).
    var maxStep = 2.0
    /// Backtracking steps before the line search gives up.
    var maxBacktracks = 30

    /// A function value with its gradient.
    typealias Evaluation = (value: Double, gradient: [Double])

    /// Minimises `f` from `start`. Ends unconverged when the start is not finite, when the line
    /// search finds no sufficient decrease or after `maxIterations`.
    func minimize(_ f: ([Double]) -> Evaluation, from start: [Double]) -> Minimum {
        var point = start
        var current = f(start)
        guard Self.isFinite(current) else { return Minimum(point: start, value: current.value, iterations: 0, converged: false) }
        var inverseHessian = Self.steepestDescent(current.gradient)
        var iteration = 0
        while iteration < maxIterations {
            var direction = Self.times(inverseHessian, current.gradient).map { -$0 }
            let predictedDecrease = -0.5 * Self.dot(direction, current.gradient)
            // The first step's scaled identity is no curvature estimate; from then on H is.
            if iteration > 0, predictedDecrease >= 0, predictedDecrease <= tolerance * max(1, abs(current.value)) {
                return Minimum(point: point, value: current.value, iterations: iteration, converged: true)
            }
            iteration += 1
            if !(predictedDecrease > 0) {
                inverseHessian = Self.steepestDescent(current.gradient)
                direction = Self.times(inverseHessian, current.gradient).map { -$0 }
            }
            let longest = Self.largest(direction)
            if longest > maxStep { direction = direction.map { $0 * maxStep / longest } }
            guard let next = lineSearch(f, from: point, current, along: direction) else { break }
            let s = zip(next.point, point).map { $0 - $1 }
            let y = zip(next.evaluation.gradient, current.gradient).map { $0 - $1 }
            let sy = Self.dot(s, y)
            if sy > 0 {
                if iteration == 1 { inverseHessian = Self.scaledIdentity(start.count, sy / Self.dot(y, y)) }
                inverseHessian = Self.updated(inverseHessian, s: s, y: y, sy: sy)
            }
            (point, current) = (next.point, next.evaluation)
        }
        return Minimum(point: point, value: current.value, iterations: iteration, converged: false)
    }

    /// The first point along `direction` (steps 1, then shrinking) with an Armijo sufficient
    /// decrease and a finite value and gradient; nil when there is none within `maxBacktracks`.
    private func lineSearch(
        _ f: ([Double]) -> Evaluation, from point: [Double], _ current: Evaluation, along direction: [Double]
    ) -> (point: [Double], evaluation: Evaluation)? {
        let slope = Self.dot(direction, current.gradient)
        var step = 1.0
        for _ in 0..<maxBacktracks {
            let candidate = zip(point, direction).map { $0 + step * $1 }
            let trial = f(candidate)
            if Self.isFinite(trial), trial.value <= current.value + 1e-4 * step * slope { return (candidate, trial) }
            // Minimiser of the quadratic through f(0), f'(0) and f(step), kept within [0.1, 0.5] × step.
            let interpolated = trial.value.isFinite ? -slope * step * step / (2 * (trial.value - current.value - slope * step)) : 0
            step = min(0.5 * step, max(0.1 * step, interpolated))
        }
        return nil
    }

    /// The BFGS update of the inverse Hessian H for the step s and gradient change y (sᵀy > 0):
    /// H − ρ(H y sᵀ + s yᵀH) + (ρ² yᵀH y + ρ) s sᵀ with ρ = 1 / sᵀy.
    private static func updated(_ h: [[Double]], s: [Double], y: [Double], sy: Double) -> [[Double]] {
        let rho = 1 / sy
        let hy = times(h, y)
        let scale = rho * rho * dot(y, hy) + rho
        return h.indices.map { i in
            h[i].indices.map { j in h[i][j] - rho * (hy[i] * s[j] + s[i] * hy[j]) + scale * s[i] * s[j] }
        }
    }

    private static func isFinite(_ evaluation: Evaluation) -> Bool {
        evaluation.value.isFinite && evaluation.gradient.allSatisfy(\.isFinite)
    }

    /// The starting inverse Hessian: a steepest-descent step whose largest coordinate moves by at
    /// most 1.
    private static func steepestDescent(_ gradient: [Double]) -> [[Double]] {
        scaledIdentity(gradient.count, 1 / max(1, largest(gradient)))
    }

    private static func scaledIdentity(_ n: Int, _ scale: Double) -> [[Double]] {
        (0..<n).map { i in (0..<n).map { j in i == j ? scale : 0 } }
    }

    private static func times(_ matrix: [[Double]], _ vector: [Double]) -> [Double] {
        matrix.map { dot($0, vector) }
    }

    private static func dot(_ u: [Double], _ v: [Double]) -> Double {
        zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
    }

    private static func largest(_ vector: [Double]) -> Double {
        vector.reduce(0) { max($0, abs($1)) }
    }
}
