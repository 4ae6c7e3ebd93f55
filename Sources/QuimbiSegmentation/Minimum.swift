/// Where a minimisation ended: the best point found, its value, the optimiser's iterations and
/// whether its convergence test was met.
struct Minimum {
    var point: [Double]
    var value: Double
    var iterations: Int
    var converged: Bool
}
