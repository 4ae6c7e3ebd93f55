/// Derivative-free minimisation (Nelder–Mead simplex with restarts) in log-parameter space: the
/// Gamma-Gamma fit, and the BG/NBD fit's fallback when BFGS does not converge.
struct NelderMead {
    /// Stop when the best and worst vertex values differ by less than this (relative).
    var tolerance = 1e-11
    var maxIterations = 5_000
    /// Restarts from the best point, which guards against a collapsed simplex.
    var restarts = 3

    func minimize(_ f: ([Double]) -> Double, from start: [Double], step: Double = 0.5) -> Minimum {
        var best = Minimum(point: start, value: f(start), iterations: 0, converged: false)
        for _ in 0...restarts {
            let run = once(f, from: best.point, step: step)
            let improved = run.value < best.value - abs(best.value) * 1e-12
            let iterations = best.iterations + run.iterations
            if run.value <= best.value {
                best = Minimum(point: run.point, value: run.value, iterations: iterations, converged: run.converged)
            } else {
                best.iterations = iterations
            }
            if !improved, run.converged { break }
        }
        return best
    }

    private func once(_ f: ([Double]) -> Double, from start: [Double], step: Double) -> Minimum {
        let n = start.count
        var simplex = [start]
        for index in 0..<n {
            var vertex = start
            vertex[index] += step
            simplex.append(vertex)
        }
        var values = simplex.map { guarded(f($0)) }
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if abs(values[n] - values[0]) <= tolerance * (abs(values[0]) + 1e-12) {
                return Minimum(point: simplex[0], value: values[0], iterations: iteration, converged: true)
            }
            var centroid = [Double](repeating: 0, count: n)
            for vertex in simplex.dropLast() {
                for index in 0..<n { centroid[index] += vertex[index] / Double(n) }
            }
            func along(_ coefficient: Double) -> [Double] {
                (0..<n).map { centroid[$0] + coefficient * (simplex[n][$0] - centroid[$0]) }
            }
            let reflected = along(-1)
            let reflectedValue = guarded(f(reflected))
            if reflectedValue < values[0] {
                let expanded = along(-2)
                let expandedValue = guarded(f(expanded))
                (simplex[n], values[n]) = expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue)
            } else if reflectedValue < values[n - 1] {
                (simplex[n], values[n]) = (reflected, reflectedValue)
            } else {
                let contracted = reflectedValue < values[n] ? along(-0.5) : along(0.5)
                let contractedValue = guarded(f(contracted))
                if contractedValue < min(reflectedValue, values[n]) {
                    (simplex[n], values[n]) = (contracted, contractedValue)
                } else {
                    for vertex in 1...n {
                        simplex[vertex] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[vertex][$0] - simplex[0][$0]) }
                        values[vertex] = guarded(f(simplex[vertex]))
                    }
                }
            }
        }
        let bestIndex = values.indices.min { values[$0] < values[$1] } ?? 0
        return Minimum(point: simplex[bestIndex], value: values[bestIndex], iterations: iteration, converged: false)
    }

    /// Treats NaN as +∞ so that invalid regions are never chosen.
    private func guarded(_ value: Double) -> Double {
        value.isNaN ? .infinity : value
    }
}
