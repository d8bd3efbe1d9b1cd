import Foundation

/// Groups peers into pairs or circles of a chosen size so that the sum of compatibility inside the groups is as high
/// as it can be found (non-bipartite: anyone may be grouped with anyone).
///
/// Exact grouping is NP-hard from circles of three, so this is a local search, reported as such (never "proven
/// optimal"): greedy starts (the hardest-to-place peer first, then seeded shuffles), each improved by swapping two
/// peers between groups while any swap raises the total; the best of these local optima wins. Pairs that must never meet (a reporting
/// line) weigh `forbidden`, so swaps separate them whenever the sizes allow.
public enum PeerGrouping {
    public static let forbidden = -1_000_000

    public struct Outcome: Sendable, Equatable {
        /// Each group's members, by position; sorted inside and by first member.
        public var groups: [[Int]]
        /// Each group's internal compatibility (the sum over its pairs).
        public var scores: [Int]
        /// Groups that still hold a forbidden pair (only when the sizes leave no way around it).
        public var conflicted: [Int]
        public var total: Int { scores.reduce(0, +) }
    }

    /// `weight(a, b)` must be symmetric; `size` ≥ 2. Leftover peers (n mod size) join groups one each, so some groups
    /// have size + 1; fewer than `size` peers make one smaller group (none below two).
    public static func group(count n: Int, size: Int, restarts: Int = 12, passes: Int = 60, weight: (Int, Int) -> Int) -> Outcome {
        let size = max(size, 2)
        guard n >= 2 else { return Outcome(groups: [], scores: [], conflicted: []) }
        let groupCount = max(n / size, 1)
        var w = [Int](repeating: 0, count: n * n)
        for a in 0..<n { for b in (a + 1)..<n { let value = weight(a, b); w[a * n + b] = value; w[b * n + a] = value } }
        var capacity = [Int](repeating: n >= size ? size : n, count: groupCount)
        for extra in 0..<(n >= size ? n - groupCount * size : 0) { capacity[extra % groupCount] += 1 }

        // Greedy start: peers with the fewest good partners are placed first; further starts shuffle that order
        // (seeded, so the result is the same every time) and the best local optimum wins.
        let partners = (0..<n).map { a in (0..<n).count { $0 != a && w[a * n + $0] > 0 } }
        let hardestFirst = (0..<n).sorted { a, b in partners[a] != partners[b] ? partners[a] < partners[b] : a < b }
        var random = SplitMix64(seed: 0x5EED)
        var bestGroupOf: [Int] = []
        var bestTotal = Int.min
        for attempt in 0..<max(restarts, 1) {
            var order = hardestFirst
            if attempt > 0 { order.shuffle(using: &random) }
            let (groupOf, total) = search(order: order, n: n, groupCount: groupCount, capacity: capacity, w: w, passes: passes)
            if total > bestTotal { bestTotal = total; bestGroupOf = groupOf }
        }
        let groupOf = bestGroupOf
        var groups = [[Int]](repeating: [], count: groupCount)
        for p in 0..<n { groups[groupOf[p]].append(p) }
        groups = groups.filter { !$0.isEmpty }.sorted { $0[0] < $1[0] }
        let scores = groups.map { group in
            var total = 0
            for i in group.indices { for j in group.indices where j > i { total += w[group[i] * n + group[j]] } }
            return total
        }
        let conflicted = groups.indices.filter { index in
            let group = groups[index]
            return group.indices.contains { i in group.indices.contains { j in j > i && w[group[i] * n + group[j]] <= forbidden / 2 } }
        }
        return Outcome(groups: groups, scores: scores, conflicted: conflicted)
    }

    /// One greedy start from `order`, then swaps while one helps; returns each peer's group and twice the total.
    static func search(order: [Int], n: Int, groupCount: Int, capacity: [Int], w: [Int], passes: Int) -> ([Int], Int) {
        var groupOf = [Int](repeating: -1, count: n)
        var sizes = [Int](repeating: 0, count: groupCount)
        // sums[p * groupCount + g]: p's total weight with g's members.
        var sums = [Int](repeating: 0, count: n * groupCount)
        for p in order {
            var best = -1
            var bestValue = Int.min
            for g in 0..<groupCount where sizes[g] < capacity[g] {
                // An empty group is worth 0: it is opened when joining any open one would cost.
                let value = sizes[g] == 0 ? 0 : sums[p * groupCount + g]
                if value > bestValue { best = g; bestValue = value }
            }
            groupOf[p] = best
            sizes[best] += 1
            for x in 0..<n { sums[x * groupCount + best] += w[x * n + p] }
        }
        for _ in 0..<passes {
            var improved = false
            for a in 0..<n {
                for b in (a + 1)..<n where groupOf[a] != groupOf[b] {
                    let ga = groupOf[a], gb = groupOf[b]
                    let delta = (sums[b * groupCount + ga] - w[b * n + a]) + (sums[a * groupCount + gb] - w[a * n + b])
                        - sums[a * groupCount + ga] - sums[b * groupCount + gb]
                    guard delta > 0 else { continue }
                    for x in 0..<n {
                        sums[x * groupCount + ga] += w[x * n + b] - w[x * n + a]
                        sums[x * groupCount + gb] += w[x * n + a] - w[x * n + b]
                    }
                    groupOf[a] = gb
                    groupOf[b] = ga
                    improved = true
                }
            }
            if !improved { break }
        }
        var total = 0
        for p in 0..<n { total += sums[p * groupCount + groupOf[p]] }
        return (groupOf, total)
    }

    /// What a group has in common, in words: skills one wants and another offers, shared working hours, a language.
    public static func reasons(of group: [(wanted: [String], offered: [String], candidate: MatchCandidate)]) -> [String] {
        var reasons: [String] = []
        let offered = Set(group.flatMap { $0.offered.map(SkillTag.normalize) })
        var shared: [String] = []
        var seen = Set<String>()
        for member in group {
            for skill in member.wanted where offered.contains(SkillTag.normalize(skill)) && seen.insert(SkillTag.normalize(skill)).inserted {
                shared.append(skill)
            }
        }
        if !shared.isEmpty { reasons.append("skills to learn from each other: " + shared.prefix(4).joined(separator: ", ")) }
        let wanted = group.map { Set($0.wanted.map(SkillTag.normalize)) }
        if let common = wanted.dropFirst().reduce(wanted.first, { $0?.intersection($1) }), !common.isEmpty, group.count > 1 {
            let names = group[0].wanted.filter { common.contains(SkillTag.normalize($0)) }
            reasons.append("all want to grow in " + names.prefix(3).joined(separator: ", "))
        }
        var overlap = Int.max
        for i in group.indices { for j in group.indices where j > i {
            overlap = min(overlap, group[i].candidate.workingHours.overlapMinutes(with: group[j].candidate.workingHours))
        } }
        if overlap != Int.max, overlap > 0 { reasons.append("everyone shares at least \(CompatibilityScorer.describe(minutes: overlap)) of working hours") }
        let languages = group.map { Set($0.candidate.languages.map { $0.lowercased() }) }
        if let common = languages.dropFirst().reduce(languages.first, { $0?.intersection($1) }), let language = group[0].candidate.languages.first(where: { common.contains($0.lowercased()) }) {
            reasons.append("a shared language: \(language)")
        }
        return reasons.isEmpty ? ["grouped to meet new people"] : reasons
    }
}
