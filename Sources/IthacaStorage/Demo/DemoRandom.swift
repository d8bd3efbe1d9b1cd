import Foundation

/// SplitMix64: tiny, fast and the same on every platform, so a seed always gives the same community.
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in the range (the standard library's own algorithm is not promised to stay the same).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// A uniform number in 0..<1.
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(UInt64(1) << 53)
    }

    /// True with the given probability.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(in: 0...(items.count - 1))]
    }

    /// An index chosen in proportion to the weights.
    mutating func weightedIndex(_ weights: [Double]) -> Int {
        var target = unit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    mutating func weighted<T>(_ items: [(T, Double)]) -> T {
        items[weightedIndex(items.map(\.1))].0
    }

    /// Up to `count` distinct items, each drawn in proportion to its weight.
    mutating func sample<T>(_ items: [(T, Double)], count: Int) -> [T] {
        var pool = items
        var chosen: [T] = []
        while chosen.count < count, !pool.isEmpty {
            chosen.append(pool.remove(at: weightedIndex(pool.map(\.1))).0)
        }
        return chosen
    }

    mutating func sample<T>(_ items: [T], count: Int) -> [T] {
        sample(items.map { ($0, 1.0) }, count: count)
    }
}
