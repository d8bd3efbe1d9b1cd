import Foundation
import IthacaDomain
import Testing

/// A symmetric random weight table; `forbidden` pairs get the forbidden weight.
private func weights(_ n: Int, seed: UInt64, forbidden: Set<[Int]> = []) -> [[Int]] {
    var generator = SplitMix64(seed: seed)
    var w = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
    for a in 0..<n { for b in (a + 1)..<n {
        let value = forbidden.contains([a, b]) ? PeerGrouping.forbidden : Int(generator.next() % 300)
        w[a][b] = value
        w[b][a] = value
    } }
    return w
}

@Test func groupsHaveTheChosenSizeWithLeftoversSpreadOut() {
    let w = weights(10, seed: 1)
    let outcome = PeerGrouping.group(count: 10, size: 3) { w[$0][$1] }
    #expect(outcome.groups.map(\.count).sorted() == [3, 3, 4])
    #expect(Set(outcome.groups.flatMap { $0 }) == Set(0..<10))
    #expect(PeerGrouping.group(count: 3, size: 4) { w[$0][$1] }.groups == [[0, 1, 2]])
    #expect(PeerGrouping.group(count: 1, size: 2) { _, _ in 1 }.groups.isEmpty)
    #expect(PeerGrouping.group(count: 6, size: 2) { w[$0][$1] }.groups.allSatisfy { $0.count == 2 })
}

@Test(arguments: 1...20 as ClosedRange<UInt64>)
func forbiddenPairsAreSeparatedAndNoSwapImprovesTheResult(seed: UInt64) {
    let n = 12
    let forbidden: Set<[Int]> = [[0, 1], [2, 3], [0, 5], [7, 11]]
    let w = weights(n, seed: seed, forbidden: forbidden)
    let outcome = PeerGrouping.group(count: n, size: 3) { w[$0][$1] }
    #expect(outcome.conflicted.isEmpty)
    for group in outcome.groups {
        for pair in forbidden { #expect(!(group.contains(pair[0]) && group.contains(pair[1]))) }
    }
    // a local optimum: no exchange of two peers between groups raises the total
    func total(_ groups: [[Int]]) -> Int {
        groups.reduce(0) { sum, g in sum + g.indices.reduce(0) { s, i in s + g.indices.filter { $0 > i }.reduce(0) { $0 + w[g[i]][g[$1]] } } }
    }
    #expect(total(outcome.groups) == outcome.total)
    for x in outcome.groups.indices { for y in outcome.groups.indices where y > x {
        for i in outcome.groups[x].indices { for j in outcome.groups[y].indices {
            var swapped = outcome.groups
            (swapped[x][i], swapped[y][j]) = (swapped[y][j], swapped[x][i])
            #expect(total(swapped) <= outcome.total)
        } }
    } }
}

/// On instances small enough to try every grouping into pairs, the search finds the best one or comes close.
@Test(arguments: 1...30 as ClosedRange<UInt64>)
func pairsComeCloseToTheBruteForceOptimum(seed: UInt64) {
    let n = 8
    let w = weights(n, seed: seed)
    func best(_ left: [Int]) -> Int {
        guard let first = left.first else { return 0 }
        return left.dropFirst().map { other in w[first][other] + best(left.filter { $0 != first && $0 != other }) }.max() ?? 0
    }
    let optimum = best(Array(0..<n))
    let found = PeerGrouping.group(count: n, size: 2) { w[$0][$1] }.total
    #expect(found <= optimum)
    #expect(Double(found) >= 0.9 * Double(optimum), "found \(found), optimum \(optimum)")
}

@Test func aGroupsReasonsNameWhatTheyShare() {
    let window = WorkingWindow(startMinuteUTC: 9 * 60, lengthMinutes: 8 * 60)
    let later = WorkingWindow(startMinuteUTC: 12 * 60, lengthMinutes: 8 * 60)
    let a = MatchCandidate(id: UUID(), workingHours: window, languages: ["English", "French"])
    let b = MatchCandidate(id: UUID(), workingHours: later, languages: ["french"])
    let reasons = PeerGrouping.reasons(of: [(["Swift", "Go"], ["Rust"], a), (["Rust", "Go"], ["Swift"], b)])
    #expect(reasons.contains("skills to learn from each other: Swift, Rust"))
    #expect(reasons.contains("all want to grow in Go"))
    #expect(reasons.contains("everyone shares at least 5 h of working hours"))
    #expect(reasons.contains("a shared language: French"))
}
