import Foundation

/// Finds the assignment of mentees to mentors with the highest total compatibility, exactly.
///
/// Dense scores: the solver matches on each mentee's best few mentors first, then checks every other pair against the
/// dual prices of that answer (column generation); pairs that could still help are added and the graph is re-solved,
/// until no pair can. The answer is then optimal over all pairs, not just the candidates.
///
/// Sparse scores with a pricing step (`MatchingProblem.pricing`) do the same without a matrix: the pricing step
/// searches every pair for those that beat the prices, by bound and prune. When the round budget ends first, the
/// duals still certify how far from the optimum the answer can be at most (`gapBound`).
public enum MatchingSolver {
    /// How many best mentors per mentee start the candidate graph in dense mode.
    public static let initialCandidates = 12
    /// Sparse mode with pricing: pairs added per mentee and round (those that beat the duals by the most).
    public static let pricingBatch = 8
    /// Sparse mode with pricing: rounds after which the answer is returned with its certified gap instead.
    public static let maximumPricingRounds = 25
    /// Sparse mode with pricing: how far below the prices a pair may be and still be added, once the tail is reached.
    public static let pricingSlack: Int32 = 2

    public static func solve(_ problem: MatchingProblem) throws(MatchingError) -> MatchingAssignment {
        let n = problem.menteeCount
        let m = problem.mentorCount
        if case .dense(let matrix) = problem.scores, matrix.mentorCount != m { throw .capacitiesDoNotMatchScores }
        if case .sparse(let edges) = problem.scores, edges.mentorCount != m { throw .capacitiesDoNotMatchScores }

        var capacity = problem.mentorCapacities.map { max($0, 0) }
        var pinnedMentor = [Int?](repeating: nil, count: n)
        var pinnedScore = [Int: Int]()
        for pair in problem.pinned {
            guard pair.mentee >= 0, pair.mentee < n, pair.mentor >= 0, pair.mentor < m, let score = problem.pinnableScore(pair) else {
                throw .pinnedPairForbidden(pair)
            }
            if pinnedMentor[pair.mentee] != nil { throw .menteePinnedTwice(pair.mentee) }
            pinnedMentor[pair.mentee] = pair.mentor
            pinnedScore[pair.mentee] = score
            capacity[pair.mentor] -= 1
            if capacity[pair.mentor] < 0 { throw .pinsExceedCapacity(mentor: pair.mentor) }
        }
        var bannedByMentee: [Int: Set<Int>] = [:]
        for pair in problem.forbidden { bannedByMentee[pair.mentee, default: []].insert(pair.mentor) }
        let graph = Graph(scores: problem.scores, active: pinnedMentor.map { $0 == nil }, banned: bannedByMentee)

        var solution: Solution
        if case .sparse(let edges) = problem.scores, let pricing = problem.pricing, !problem.fairnessFloor {
            solution = graph.optimisePriced(edges, pricing: pricing, capacity: capacity, roundLimit: problem.pricingRoundLimit)
        } else if problem.fairnessFloor {
            solution = fairest(graph, capacity: capacity)
        } else {
            solution = graph.optimise(.total, capacity: capacity)
        }

        var mentorOf = [Int?](repeating: nil, count: n)
        var objective = 0
        var worst: Int?
        for mentee in 0..<n {
            if let mentor = pinnedMentor[mentee] {
                mentorOf[mentee] = mentor
                objective += pinnedScore[mentee] ?? 0
            } else if solution.mentorOf[mentee] >= 0 {
                let mentor = Int(solution.mentorOf[mentee])
                let score = solution.scoreOf.map { Int($0[mentee]) } ?? graph.rawScore(mentee, mentor)
                mentorOf[mentee] = mentor
                objective += score
                worst = min(worst ?? score, score)
            }
        }
        return MatchingAssignment(
            mentorOf: mentorOf, pinned: Set(problem.pinned), objective: objective, worstScore: worst,
            isProvenOptimal: solution.proven, gapBound: solution.gapBound, pricingRounds: solution.rounds)
    }

    /// Lexicographic: as many matched as possible, then the best worst score, then the best total.
    static func fairest(_ graph: Graph, capacity: [Int]) -> Solution {
        // Score + bonus on pairs at or above a floor: the most matches first, then the total. Distinct weights keep
        // the pricing rounds few (plain 1-per-pair weights make nearly every pair a candidate).
        let bonus = Int64(graph.maxScore) * Int64(graph.menteeCount + 1) + 1
        func solve(atLeast floor: Int32) -> Solution { graph.optimise(.fair(atLeast: floor, bonus: bonus), capacity: capacity) }
        let levels = graph.distinctScores()
        guard !levels.isEmpty else { return graph.optimise(.total, capacity: capacity) }
        let unconstrained = solve(atLeast: levels[0])
        let most = unconstrained.matched
        guard most > 0 else { return unconstrained }
        // The largest floor that still lets as many mentees be matched.
        var low = 0
        var high = levels.count - 1
        var best = unconstrained
        while low < high {
            let middle = (low + high + 1) / 2
            let candidate = solve(atLeast: levels[middle])
            if candidate.matched == most {
                low = middle
                best = candidate
            } else {
                high = middle - 1
            }
        }
        return best.floor == levels[low] ? best : solve(atLeast: levels[low])
    }

    enum Objective {
        case total
        /// Weights score + bonus on pairs at or above the floor: maximal cardinality first, then total.
        case fair(atLeast: Int32, bonus: Int64)

        @inline(__always)
        func weight(_ score: Int32) -> Int64 {
            switch self {
            case .total: return Int64(score)
            case .fair(let floor, let bonus): return score >= floor ? Int64(score) + bonus : 0
            }
        }
    }

    struct Solution {
        var mentorOf: [Int32]
        var floor: Int32 = 0
        var value: Int64
        var proven: Bool
        var rounds: Int
        /// Certified: no assignment over all pairs beats `value` by more (0 when proven; nil when not computed).
        var gapBound: Int?
        /// Each mentee's pair score, when the solver added pairs to the problem's own (sparse mode with pricing).
        var scoreOf: [Int32]?

        var matched: Int { mentorOf.lazy.filter { $0 >= 0 }.count }
    }

    /// The edges the solver may use: positive scores of active mentees, minus the round's bans.
    struct Graph {
        let scores: MatchingProblem.Scores
        let active: [Bool]
        let banned: [Int: Set<Int>]

        var menteeCount: Int { active.count }

        func rawScore(_ mentee: Int, _ mentor: Int) -> Int {
            switch scores {
            case .dense(let matrix): return Int(matrix[mentee, mentor])
            case .sparse(let edges):
                let row = edges.rowStart[mentee]..<edges.rowStart[mentee + 1]
                return Int(edges.scores[row.first { Int(edges.mentors[$0]) == mentor }!])
            }
        }

        var maxScore: Int32 {
            switch scores {
            case .dense(let matrix): return matrix.values.max() ?? 0
            case .sparse(let edges): return edges.scores.max() ?? 0
            }
        }

        func distinctScores() -> [Int32] {
            var present = [Bool](repeating: false, count: Int(max(maxScore, 0)) + 1)
            forEachEdge { _, _, score in present[Int(score)] = true }
            return present.indices.filter { $0 > 0 && present[$0] }.map { Int32($0) }
        }

        func forEachEdge(_ body: (Int, Int, Int32) -> Void) {
            switch scores {
            case .dense(let matrix):
                matrix.values.withUnsafeBufferPointer { values in
                    for i in 0..<matrix.menteeCount where active[i] {
                        let ban = banned[i]
                        let base = i * matrix.mentorCount
                        for j in 0..<matrix.mentorCount {
                            let score = values[base + j]
                            if score > 0, ban?.contains(j) != true { body(i, j, score) }
                        }
                    }
                }
            case .sparse(let edges):
                for i in 0..<edges.menteeCount where active[i] {
                    let ban = banned[i]
                    for e in edges.rowStart[i]..<edges.rowStart[i + 1] {
                        let j = Int(edges.mentors[e])
                        if edges.scores[e] > 0, ban?.contains(j) != true { body(i, j, edges.scores[e]) }
                    }
                }
            }
        }

        func optimise(_ objective: Objective, capacity: [Int]) -> Solution {
            var solution = optimiseAny(objective, capacity: capacity)
            if case .fair(let floor, _) = objective { solution.floor = floor }
            return solution
        }

        func optimiseAny(_ objective: Objective, capacity: [Int]) -> Solution {
            switch scores {
            case .sparse(let edges):
                // The candidate rows are already compressed: copied straight into the matcher's arrays.
                var rowStart = [Int](repeating: 0, count: edges.menteeCount + 1)
                var column: [Int32] = []
                var weight: [Int64] = []
                column.reserveCapacity(edges.edgeCount)
                weight.reserveCapacity(edges.edgeCount)
                var next = 0
                forEachEdge { i, j, score in
                    while next <= i {
                        rowStart[next] = column.count
                        next += 1
                    }
                    let w = objective.weight(score)
                    if w > 0 {
                        column.append(Int32(j))
                        weight.append(w)
                    }
                }
                while next <= edges.menteeCount {
                    rowStart[next] = column.count
                    next += 1
                }
                let matcher = FlowMatcher(
                    menteeCount: edges.menteeCount, mentorCount: edges.mentorCount, rowStart: rowStart, column: column,
                    weight: weight, capacity: capacity)
                matcher.solve()
                return Solution(
                    mentorOf: Array(matcher.mentorOf), value: matcher.objective, proven: false, rounds: 1, gapBound: nil)
            case .dense(let matrix):
                return optimiseDense(matrix, objective, capacity: capacity)
            }
        }

        /// Sparse mode with pricing (column generation): solve on the candidate pairs, ask `pricing` for the pairs that
        /// beat the duals, add them, solve again, until none is left. Each round also certifies a bound: raising each
        /// mentee's value to its best margin over all pairs makes the duals feasible for every pair, so their total
        /// bounds any assignment, and its distance to this one is `gapBound` (0: proven optimal).
        func optimisePriced(_ edges: CandidateEdges, pricing: any SparsePricing, capacity: [Int], roundLimit: Int) -> Solution {
            let n = edges.menteeCount
            let m = edges.mentorCount
            var rows = [[(Int32, Int64)]](repeating: [], count: n)
            forEachEdge { i, j, score in rows[i].append((Int32(j), Int64(score))) }
            var rounds = 0
            // What the last pricing step proved: no pair scores more than `proven[i]` + that step's price of its mentor
            // (nil when mentee i's list was cut at the batch size, so more pairs may beat it).
            var proven = [Int64?](repeating: nil, count: n)
            var lastPrice: [Int32] = []
            var previous: FlowMatcher?
            // Points below the prices a pair may fall short by and still be added (see below).
            var slack: Int32 = 0
            while true {
                rounds += 1
                let matcher = Graph.matcher(rows, mentorCount: m, capacity: capacity)
                // Re-solving from the last answer redoes only the mentees the new pairs concern (a fresh solve when
                // that is most of them, as when many people look alike).
                if previous.map({ matcher.warmStart(from: $0, limit: n / 4) }) != true { matcher.solve() }
                previous = matcher
                var prices = duals(matcher, capacity: capacity)
                if !lastPrice.isEmpty {
                    // Only mentors whose price fell can newly beat a mentee whose value is still at least what the last
                    // step proved; such mentees are rechecked against those mentors alone, the others searched again.
                    let fallen = (0..<m).filter { prices.mentorPrice[$0] < lastPrice[$0] }.map(Int32.init)
                    if fallen.count <= max(m / 16, 64) {
                        prices.recheck = fallen
                        prices.searchAll = (0..<n).map { i in
                            guard let bound = proven[i] else { return true }
                            return Int64(prices.menteeValue[i]) < bound
                        }
                    }
                }
                var asked = prices
                if slack > 0 { asked.menteeValue = prices.menteeValue.map { $0 - slack } }
                let found = pricing.pairsBeating(asked, limit: MatchingSolver.pricingBatch)
                var added = 0
                var bound = Int64(0)
                for j in 0..<m where capacity[j] > 0 { bound += Int64(capacity[j]) * Int64(prices.mentorPrice[j]) }
                for i in 0..<n where active[i] {
                    let ban = banned[i]
                    var value = Int64(prices.menteeValue[i])
                    var raised = false
                    let row = found.rowStart[i]..<found.rowStart[i + 1]
                    for e in row {
                        let j = found.mentors[e]
                        let margin = Int64(found.scores[e]) - Int64(prices.mentorPrice[Int(j)])
                        if ban?.contains(Int(j)) == true { continue }
                        if !raised {
                            value = max(value, margin)
                            raised = true
                        }
                        if !rows[i].contains(where: { $0.0 == j }) {
                            rows[i].append((j, Int64(found.scores[e])))
                            added += 1
                        }
                    }
                    // All found were banned but the list was cut at the limit: its last margin still bounds the rest.
                    if !raised, row.count == MatchingSolver.pricingBatch, let last = row.last {
                        value = max(value, Int64(found.scores[last]) - Int64(prices.mentorPrice[Int(found.mentors[last])]))
                    }
                    bound += value
                    proven[i] = row.count < MatchingSolver.pricingBatch ? value : nil
                }
                lastPrice = prices.mentorPrice
                let gap = Int(max(bound - matcher.objective, 0))
                // When the first pass finds only a few pairs, the candidates were nearly enough and what is left is the
                // tail of column generation: each re-solve moves a few prices and reveals a few more pairs. Adding the
                // pairs that nearly beat the prices too cuts that tail short. (Not when many pairs beat them, as when
                // many people look alike: there it would only swamp the next solve with equivalent choices.)
                if rounds == 1, found.edgeCount < n / 20 { slack = MatchingSolver.pricingSlack }
                if gap == 0 || added == 0 || rounds >= roundLimit {
                    var scoreOf = [Int32](repeating: 0, count: n)
                    for i in 0..<n where matcher.mentorOf[i] >= 0 {
                        let j = matcher.mentorOf[i]
                        scoreOf[i] = Int32(rows[i].first { $0.0 == j }?.1 ?? 0)
                    }
                    return Solution(
                        mentorOf: Array(matcher.mentorOf), value: matcher.objective, proven: gap == 0, rounds: rounds,
                        gapBound: gap, scoreOf: scoreOf)
                }
            }
        }

        /// The matcher's potentials as LP duals (value ≥ 0 per mentee, price ≥ 0 per mentor, value + price ≥ weight on
        /// every arc of its graph). A mentor without places gets a price no pair can beat (it costs nothing there).
        func duals(_ matcher: FlowMatcher, capacity: [Int]) -> DualPrices {
            let sink = matcher.sinkPotential
            let closed = Int64(1) << 28
            let value = (0..<matcher.menteeCount).map { Int32(clamping: max(matcher.menteePotential[$0] - sink, 0)) }
            let price = (0..<matcher.mentorCount).map {
                capacity[$0] > 0 ? Int32(clamping: min(max(sink - matcher.mentorPotential[$0], 0), closed)) : Int32(closed)
            }
            return DualPrices(menteeValue: value, mentorPrice: price, active: active)
        }

        static func matcher(_ rows: [[(Int32, Int64)]], mentorCount: Int, capacity: [Int]) -> FlowMatcher {
            var rowStart = [0]
            var column: [Int32] = []
            var weight: [Int64] = []
            for row in rows {
                for (j, w) in row {
                    column.append(j)
                    weight.append(w)
                }
                rowStart.append(column.count)
            }
            return FlowMatcher(
                menteeCount: rows.count, mentorCount: mentorCount, rowStart: rowStart, column: column, weight: weight,
                capacity: capacity)
        }

        func optimiseDense(_ matrix: ScoreMatrix, _ objective: Objective, capacity: [Int]) -> Solution {
            let n = matrix.menteeCount
            let m = matrix.mentorCount
            let k = MatchingSolver.initialCandidates
            // Each active mentee's best k mentors by weight.
            var rows = [[(Int32, Int64)]](repeating: [], count: n)
            matrix.values.withUnsafeBufferPointer { values in
                for i in 0..<n where active[i] {
                    let ban = banned[i]
                    var best: [(Int32, Int64)] = []
                    best.reserveCapacity(k + 1)
                    // Ties by a per-mentee hash, as in the sparse candidates: people who look alike spread out.
                    let salt = TopPairs.salt(mentee: i)
                    func beats(_ w: Int64, _ j: Int32, _ other: (Int32, Int64)) -> Bool {
                        w != other.1 ? w > other.1 : TopPairs.tieKey(salt, j) < TopPairs.tieKey(salt, other.0)
                    }
                    for j in 0..<m {
                        let score = values[i * m + j]
                        guard score > 0 else { continue }
                        let w = objective.weight(score)
                        guard w > 0, best.count < k || beats(w, Int32(j), best[best.count - 1]), ban?.contains(j) != true
                        else { continue }
                        var position = best.count
                        while position > 0, beats(w, Int32(j), best[position - 1]) { position -= 1 }
                        best.insert((Int32(j), w), at: position)
                        if best.count > k { best.removeLast() }
                    }
                    rows[i] = best
                }
            }
            var rounds = 0
            while true {
                rounds += 1
                let matcher = Graph.matcher(rows, mentorCount: m, capacity: capacity)
                matcher.solve()
                // Pricing: a pair outside the graph can help only if its weight beats the prices. Per mentee only the
                // `pricingBatch` that beat them by the most are added (ties spread by the hash): with many people
                // alike, adding every such pair would swamp the next solve with equivalent choices.
                var added = 0
                let batch = MatchingSolver.pricingBatch
                matrix.values.withUnsafeBufferPointer { values in
                    var best: [(mentor: Int32, weight: Int64, margin: Int64)] = []
                    best.reserveCapacity(batch + 1)
                    for i in 0..<n where active[i] {
                        let ban = banned[i]
                        let price = matcher.menteePotential[i]
                        let assigned = Int(matcher.mentorOf[i])
                        let salt = TopPairs.salt(mentee: i)
                        func beats(_ margin: Int64, _ j: Int32, _ other: (mentor: Int32, weight: Int64, margin: Int64)) -> Bool {
                            margin != other.margin ? margin > other.margin : TopPairs.tieKey(salt, j) < TopPairs.tieKey(salt, other.mentor)
                        }
                        best.removeAll(keepingCapacity: true)
                        for j in 0..<m where j != assigned {
                            let score = values[i * m + j]
                            guard score > 0 else { continue }
                            let w = objective.weight(score)
                            let margin = w - (price - matcher.mentorPotential[j])
                            guard w > 0, margin > 0 else { continue }
                            guard best.count < batch || beats(margin, Int32(j), best[best.count - 1]) else { continue }
                            guard ban?.contains(j) != true, !rows[i].contains(where: { $0.0 == Int32(j) }) else { continue }
                            var position = best.count
                            while position > 0, beats(margin, Int32(j), best[position - 1]) { position -= 1 }
                            best.insert((Int32(j), w, margin), at: position)
                            if best.count > batch { best.removeLast() }
                        }
                        for pair in best { rows[i].append((pair.mentor, pair.weight)) }
                        added += best.count
                    }
                }
                if added == 0 {
                    return Solution(
                        mentorOf: Array(matcher.mentorOf), value: matcher.objective, proven: true, rounds: rounds, gapBound: 0)
                }
            }
        }
    }
}
