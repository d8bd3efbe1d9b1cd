import Foundation
import Testing

@testable import IthacaDomain

/// A random graph as the matcher's rows: each mentee's arcs (mentor, weight), the first `prefix` of each row only.
private func matcher(_ rows: [[(Int32, Int64)]], prefix: Int, mentors: Int, capacity: [Int]) -> FlowMatcher {
    var rowStart = [0]
    var column: [Int32] = []
    var weight: [Int64] = []
    for row in rows {
        for (j, w) in row.prefix(prefix) {
            column.append(j)
            weight.append(w)
        }
        rowStart.append(column.count)
    }
    return FlowMatcher(
        menteeCount: rows.count, mentorCount: mentors, rowStart: rowStart, column: column, weight: weight, capacity: capacity)
}

@Test func aWarmStartFromASmallerGraphFindsTheSameOptimumAsAFreshSolve() {
    for seed in UInt64(1)...40 {
        // given a random graph, with few distinct weights (many ties) on some seeds
        var random = SplitMix64(seed: seed)
        let n = 5 + random.below(120)
        let m = 2 + random.below(40)
        let levels = seed % 2 == 0 ? 4 : 60
        let capacity = (0..<m).map { _ in random.below(4) }
        let rows: [[(Int32, Int64)]] = (0..<n).map { _ in
            let mentors = Array(0..<m).shuffled(using: &random).prefix(1 + random.below(m))
            return mentors.map { (Int32($0), Int64(1 + random.below(levels))) }
        }
        let fresh = matcher(rows, prefix: .max, mentors: m, capacity: capacity)
        fresh.solve()
        // when it is first solved on each mentee's first one or two arcs, then on all of them from that answer
        let small = matcher(rows, prefix: 1 + Int(seed % 2), mentors: m, capacity: capacity)
        small.solve()
        let warm = matcher(rows, prefix: .max, mentors: m, capacity: capacity)
        #expect(warm.warmStart(from: small, limit: n))
        // then the answer is as good, each mentor within capacity, each mentee on one of its own arcs
        #expect(warm.objective == fresh.objective, "seed \(seed)")
        var load = [Int](repeating: 0, count: m)
        for i in 0..<n where warm.mentorOf[i] >= 0 {
            load[Int(warm.mentorOf[i])] += 1
            #expect(rows[i].contains { $0.0 == warm.mentorOf[i] })
        }
        #expect(zip(load, capacity).allSatisfy { $0 <= $1 }, "seed \(seed)")
        // and a warm start that would redo more mentees than allowed declines, leaving a fresh solve to do it
        let declined = matcher(rows, prefix: .max, mentors: m, capacity: capacity)
        if !declined.warmStart(from: small, limit: 0) {
            declined.solve()
            #expect(declined.objective == fresh.objective)
        }
    }
}
