import Foundation

/// A "nice" value axis from 0: 3 to 5 round ticks whose labels need at most one decimal.
struct ChartScale: Equatable {
    let step: Double
    let maximum: Double

    /// Tick values from 0 to `maximum`.
    var ticks: [Double] {
        let count = Int((maximum / step).rounded())
        return (0...count).map { Double($0) * step }
    }

    /// Chooses a scale covering `largest` (non-positive or non-finite values get a 0–1 axis).
    init(covering largest: Double) {
        let target = largest.isFinite && largest > 0 ? min(largest, 1e15) : 1
        let raw = target / 4
        let magnitude = pow(10, floor(log10(raw)))
        // A 2.5 step below 1 would need two decimals, so it is only used for magnitudes of 1 and up.
        let multipliers: [Double] = magnitude >= 1 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10]
        let multiplier = multipliers.first { $0 * magnitude >= raw * (1 - 1e-9) } ?? 10
        let step = max(multiplier * magnitude, 0.1)
        // At least two steps keeps three ticks; the epsilon absorbs float noise such as 0.3 / 0.1.
        let steps = max(2, Int((target / step - 1e-9).rounded(.up)))
        self.step = step
        self.maximum = Double(steps) * step
    }
}
