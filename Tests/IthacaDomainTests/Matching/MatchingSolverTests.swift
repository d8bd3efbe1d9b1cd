import Foundation
import IthacaDomain
import Testing

/// A small random round: scores 0…20, about one pair in six forbidden, capacities 0…2.
private func randomProblem(seed: UInt64, mentees: Int? = nil, mentors: Int? = nil) -> MatchingProblem {
    var random = SplitMix64(seed: seed)
    let n = mentees ?? 1 + random.below(6)
    let m = mentors ?? 1 + random.below(3)
    var values: [Int32] = []
    for _ in 0..<(n * m) { values.append(random.below(6) == 0 ? ScoreMatrix.forbidden : Int32(random.below(21))) }
    let capacities = (0..<m).map { _ in random.below(3) }
    return MatchingProblem(
        scores: .dense(ScoreMatrix(menteeCount: n, mentorCount: m, values: values)), mentorCapacities: capacities)
}

private struct BruteForce {
    var bestTotal = 0
    /// (matched count, worst score, total), the fairness order.
    var fairest: (Int, Int, Int) = (0, Int.max, 0)
}

/// Every assignment of each mentee to a mentor or to nobody that respects capacities and edges.
private func bruteForce(_ problem: MatchingProblem) -> BruteForce {
    var result = BruteForce()
    var load = [Int](repeating: 0, count: problem.mentorCount)
    func visit(_ mentee: Int, count: Int, worst: Int, total: Int) {
        if mentee == problem.menteeCount {
            result.bestTotal = max(result.bestTotal, total)
            let key = (count, count == 0 ? Int.max : worst, total)
            if key > result.fairest { result.fairest = key }
            return
        }
        visit(mentee + 1, count: count, worst: worst, total: total)
        for mentor in 0..<problem.mentorCount where load[mentor] < problem.mentorCapacities[mentor] {
            guard let score = problem.score(MatchPair(mentee: mentee, mentor: mentor)), score > 0 else { continue }
            load[mentor] += 1
            visit(mentee + 1, count: count + 1, worst: min(worst, score), total: total + score)
            load[mentor] -= 1
        }
    }
    visit(0, count: 0, worst: Int.max, total: 0)
    return result
}

private func isFeasible(_ assignment: MatchingAssignment, _ problem: MatchingProblem) -> Bool {
    var load = [Int](repeating: 0, count: problem.mentorCount)
    for (mentee, mentor) in assignment.mentorOf.enumerated() {
        guard let mentor else { continue }
        load[mentor] += 1
        let pair = MatchPair(mentee: mentee, mentor: mentor)
        if problem.score(pair) == nil { return false }
    }
    return zip(load, problem.mentorCapacities).allSatisfy { $0 <= $1 }
}

@Test func theSolverMatchesBruteForceOnManySmallRandomRounds() throws {
    for seed in UInt64(1)...600 {
        // given a random small round
        let problem = randomProblem(seed: seed)
        // when it is solved
        let assignment = try MatchingSolver.solve(problem)
        // then the total is the best any assignment reaches, capacities and forbidden pairs respected
        #expect(assignment.objective == bruteForce(problem).bestTotal, "seed \(seed)")
        #expect(isFeasible(assignment, problem), "seed \(seed)")
        #expect(assignment.isProvenOptimal)
    }
}

@Test func theSolverMatchesBruteForceWhenMenteesOutnumberSlots() throws {
    for seed in UInt64(1)...200 {
        let problem = randomProblem(seed: seed &* 7919, mentees: 7, mentors: 3)
        let assignment = try MatchingSolver.solve(problem)
        #expect(assignment.objective == bruteForce(problem).bestTotal, "seed \(seed)")
        #expect(isFeasible(assignment, problem), "seed \(seed)")
    }
}

@Test func theFairnessFloorMaximisesTheWorstMatchThenTheTotal() throws {
    for seed in UInt64(1)...300 {
        // given a random round with the fairness floor on
        var problem = randomProblem(seed: seed &+ 10_000, mentees: 6, mentors: 3)
        problem.fairnessFloor = true
        // when it is solved
        let assignment = try MatchingSolver.solve(problem)
        // then nobody who could be matched is left out, the worst match is as good as it can be, then the total
        let best = bruteForce(problem).fairest
        #expect(assignment.matchedCount == best.0, "seed \(seed)")
        #expect((assignment.worstScore ?? Int.max) == best.1, "seed \(seed)")
        #expect(assignment.objective == best.2, "seed \(seed)")
        #expect(isFeasible(assignment, problem), "seed \(seed)")
    }
}

@Test func theFairnessFloorCanTradeTotalForTheWorstMatch() throws {
    // given two mentees and one mentor each with one place: the best total leaves mentee 1 with a poor match
    let scores = ScoreMatrix(menteeCount: 2, mentorCount: 2, values: [10, 9, 8, 1])
    let plain = try MatchingSolver.solve(MatchingProblem(scores: .dense(scores), mentorCapacities: [1, 1]))
    let fair = try MatchingSolver.solve(
        MatchingProblem(scores: .dense(scores), mentorCapacities: [1, 1], fairnessFloor: true))
    // then the plain round maximises the total (10 + 1 < 9 + 8, so it is 17 either way)…
    #expect(plain.objective == 17)
    #expect(plain.mentorOf == [1, 0])
    // …and the fair round picks the same here, as its worst match (8) beats 10 + 1's worst (1)
    #expect(fair.worstScore == 8)
    let unfairTotal = ScoreMatrix(menteeCount: 2, mentorCount: 2, values: [20, 9, 8, 1])
    let plain2 = try MatchingSolver.solve(MatchingProblem(scores: .dense(unfairTotal), mentorCapacities: [1, 1]))
    let fair2 = try MatchingSolver.solve(
        MatchingProblem(scores: .dense(unfairTotal), mentorCapacities: [1, 1], fairnessFloor: true))
    #expect(plain2.objective == 21)
    #expect(plain2.worstScore == 1)
    #expect(fair2.objective == 17)
    #expect(fair2.worstScore == 8)
}

@Test func pinnedPairsAreKeptAndTheRestIsMatchedAroundThem() throws {
    for seed in UInt64(1)...200 {
        // given a random round and one allowed pair pinned
        var problem = randomProblem(seed: seed &+ 50_000, mentees: 5, mentors: 3)
        guard let pin = (0..<15).lazy.map({ MatchPair(mentee: $0 / 3, mentor: $0 % 3) })
            .first(where: { problem.score($0) != nil && problem.mentorCapacities[$0.mentor] > 0 })
        else { continue }
        problem.pinned = [pin]
        // when it is solved
        let assignment = try MatchingSolver.solve(problem)
        // then the pin holds and the rest is the best possible given the pin
        #expect(assignment.mentorOf[pin.mentee] == pin.mentor)
        #expect(isFeasible(assignment, problem))
        var rest = problem
        rest.pinned = []
        rest.mentorCapacities[pin.mentor] -= 1
        rest.forbidden = Set((0..<3).map { MatchPair(mentee: pin.mentee, mentor: $0) })
        #expect(assignment.objective == bruteForce(rest).bestTotal + problem.score(pin)!, "seed \(seed)")
    }
}

@Test func forbiddenPairsAreNeverMatchedAndReRunningChangesTheAnswer() throws {
    // given a round whose best pair is (0, 0)
    let scores = ScoreMatrix(menteeCount: 2, mentorCount: 2, values: [50, 10, 10, 5])
    var problem = MatchingProblem(scores: .dense(scores), mentorCapacities: [1, 1])
    #expect(try MatchingSolver.solve(problem).mentorOf == [0, 1])
    // when the admin forbids it and re-runs
    problem.forbidden = [MatchPair(mentee: 0, mentor: 0)]
    let rerun = try MatchingSolver.solve(problem)
    // then mentee 0 gets mentor 1 instead
    #expect(rerun.mentorOf == [1, 0])
    #expect(rerun.objective == 20)
}

@Test func badPinsAreRefused() {
    let scores = ScoreMatrix(menteeCount: 2, mentorCount: 1, values: [ScoreMatrix.forbidden, 5])
    func solve(_ pins: [MatchPair]) -> MatchingError? {
        do {
            _ = try MatchingSolver.solve(MatchingProblem(scores: .dense(scores), mentorCapacities: [1], pinned: pins))
            return nil
        } catch { return error }
    }
    #expect(solve([MatchPair(mentee: 0, mentor: 0)]) == .pinnedPairForbidden(MatchPair(mentee: 0, mentor: 0)))
    #expect(solve([MatchPair(mentee: 1, mentor: 0), MatchPair(mentee: 1, mentor: 0)]) == .menteePinnedTwice(1))
    let full = ScoreMatrix(menteeCount: 2, mentorCount: 1, values: [5, 5])
    #expect(throws: MatchingError.pinsExceedCapacity(mentor: 0)) {
        try MatchingSolver.solve(MatchingProblem(
            scores: .dense(full), mentorCapacities: [1],
            pinned: [MatchPair(mentee: 0, mentor: 0), MatchPair(mentee: 1, mentor: 0)]))
    }
}

@Test func denseAnswersWithPricingEqualTheAnswerOnEveryEdge() throws {
    for seed in UInt64(1)...20 {
        // given a medium random round, far too big for brute force
        var random = SplitMix64(seed: seed)
        let n = 60 + random.below(60)
        let m = 5 + random.below(20)
        var values: [Int32] = []
        for _ in 0..<(n * m) { values.append(random.below(20) == 0 ? ScoreMatrix.forbidden : Int32(random.below(300))) }
        let capacities = (0..<m).map { _ in random.below(8) }
        let matrix = ScoreMatrix(menteeCount: n, mentorCount: m, values: values)
        // when solved dense (best 12 per mentee, then pricing) and on the full edge list
        let dense = try MatchingSolver.solve(MatchingProblem(scores: .dense(matrix), mentorCapacities: capacities))
        var rowStart = [0]
        var mentors: [Int32] = []
        var scores: [Int32] = []
        for i in 0..<n {
            for j in 0..<m where matrix[i, j] > 0 {
                mentors.append(Int32(j))
                scores.append(matrix[i, j])
            }
            rowStart.append(mentors.count)
        }
        let edges = CandidateEdges(menteeCount: n, mentorCount: m, rowStart: rowStart, mentors: mentors, scores: scores)
        let full = try MatchingSolver.solve(MatchingProblem(scores: .sparse(edges), mentorCapacities: capacities))
        // then both reach the same total
        #expect(dense.objective == full.objective, "seed \(seed)")
        #expect(dense.isProvenOptimal)
        #expect(!full.isProvenOptimal)
    }
}
