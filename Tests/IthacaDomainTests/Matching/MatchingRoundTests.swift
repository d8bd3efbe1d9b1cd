import Foundation
import IthacaDomain
import Testing

@Test func theGeneratorIsDeterministic() {
    // given the same seed twice and another seed
    let first = MatchInstanceGenerator(seed: 42).make(mentees: 300, mentors: 60)
    let again = MatchInstanceGenerator(seed: 42).make(mentees: 300, mentors: 60)
    let other = MatchInstanceGenerator(seed: 43).make(mentees: 300, mentors: 60)
    // then the same seed gives the same round, another seed another round
    #expect(first.mentees == again.mentees)
    #expect(first.mentors == again.mentors)
    #expect(first.restrictions.pastPairs == again.restrictions.pastPairs)
    #expect(first.mentees != other.mentees)
    // and total capacity is 1.2 × mentees
    #expect(first.mentorCapacities.reduce(0, +) == 360)
    #expect(first.mentorCapacities.allSatisfy { $0 >= 1 })
}

@Test func aGeneratedRoundIsMatchedWithinConstraintsAndExplained() async throws {
    // given a generated round, scored
    let instance = MatchInstanceGenerator(seed: 3).make(mentees: 400, mentors: 80)
    let scorer = CompatibilityScorer(mentees: instance.mentees, mentors: instance.mentors, restrictions: instance.restrictions)
    let problem = MatchingProblem(scores: .dense(await scorer.scoreMatrix()), mentorCapacities: instance.mentorCapacities)
    // when the round runs
    let result = try MatchingRound.run(problem, scorer: scorer)
    // then it is proven optimal, no mentor is over capacity, no forbidden pair is matched, every pair is explained
    #expect(result.isProvenOptimal)
    var load = [Int](repeating: 0, count: instance.mentors.count)
    for pair in result.pairs {
        load[pair.mentor] += 1
        #expect(scorer.forbiddenBecause(mentee: pair.mentee, mentor: pair.mentor) == nil)
        #expect(!instance.mentees[pair.mentee].managersAbove.contains(instance.mentors[pair.mentor].id))
        #expect(!instance.mentors[pair.mentor].managersAbove.contains(instance.mentees[pair.mentee].id))
        #expect(pair.score == scorer.score(mentee: pair.mentee, mentor: pair.mentor))
        #expect(!pair.reasons.isEmpty && pair.reasons.allSatisfy { $0.contains(" ") })
    }
    #expect(zip(load, instance.mentorCapacities).allSatisfy { $0 <= $1 })
    #expect(result.objective == result.pairs.reduce(0) { $0 + $1.score })
    #expect(result.matchedCount + result.unmatched.count == 400)
}

@Test func unmatchedMenteesAreListedWithWhy() throws {
    // given three mentees and one mentor with one place: mentee 2 can't be paired with anyone
    let mentees = (1...3).map { MatchCandidate(id: UUID(uuidString: "00000000-0000-0000-0000-00000000000\($0)")!) }
    let mentor = MatchCandidate(id: UUID(uuidString: "00000000-0000-0000-0000-000000000010")!, careerStage: 3)
    let scorer = CompatibilityScorer(
        mentees: mentees, mentors: [mentor],
        restrictions: MatchRestrictions(neverPairs: [PersonPair(mentee: mentees[2].id, mentor: mentor.id)]))
    var values: [Int32] = []
    for i in 0..<3 { values.append(scorer.score(mentee: i, mentor: 0).map(Int32.init) ?? ScoreMatrix.forbidden) }
    let problem = MatchingProblem(
        scores: .dense(ScoreMatrix(menteeCount: 3, mentorCount: 1, values: values)), mentorCapacities: [1])
    // when the round runs
    let result = try MatchingRound.run(problem, scorer: scorer)
    // then one of the first two is matched, the other waits for capacity, the third has no compatible mentor
    #expect(result.matchedCount == 1)
    let reasons = Dictionary(uniqueKeysWithValues: result.unmatched.map { ($0.mentee, $0.reason) })
    #expect(reasons[2] == .noCompatibleMentor)
    #expect(reasons[result.pairs[0].mentee == 0 ? 1 : 0] == .compatibleMentorsFull(count: 1))
    #expect(UnmatchedReason.compatibleMentorsFull(count: 1).description
        == "no compatible mentor with capacity: all 1 compatible mentor is full")
    #expect(UnmatchedReason.noCompatibleMentor.description.hasPrefix("no compatible mentor: "))
}

@Test func theSparseModeKeepsTheBestCandidatesOfEachMentee() async throws {
    // given a generated round
    let instance = MatchInstanceGenerator(seed: 5).make(mentees: 300, mentors: 60)
    let scorer = CompatibilityScorer(mentees: instance.mentees, mentors: instance.mentors, restrictions: instance.restrictions)
    // when each mentee's best 8 candidates are searched (bound and prune, not every pair scored)
    var search = CandidateSearch()
    search.keep = 8
    let edges = await scorer.candidateEdges(search)
    let matrix = await scorer.scoreMatrix()
    // then each mentee keeps its 8 best allowed mentors, with their exact scores
    for i in 0..<300 {
        let row = edges.rowStart[i]..<edges.rowStart[i + 1]
        let best = (0..<60).map { matrix[i, $0] }.filter { $0 > 0 }.sorted(by: >).prefix(8)
        #expect(row.map { edges.scores[$0] } == Array(best))
        #expect(row.allSatisfy { edges.scores[$0] == matrix[i, Int(edges.mentors[$0])] })
    }
    // and the sparse answer is close to the exact one
    let sparse = try MatchingSolver.solve(MatchingProblem(scores: .sparse(edges), mentorCapacities: instance.mentorCapacities))
    let exact = try MatchingSolver.solve(MatchingProblem(scores: .dense(matrix), mentorCapacities: instance.mentorCapacities))
    #expect(sparse.objective <= exact.objective)
    #expect(Double(sparse.objective) >= 0.98 * Double(exact.objective))
}

@Test func theCandidateSearchFindsExactlyTheBestMentorsOnRandomRounds() async throws {
    for seed in UInt64(1)...12 {
        // given generated rounds of various shapes (few mentors, many mentors, hashed never-pairs, preferences)
        var random = SplitMix64(seed: seed)
        let n = 20 + random.below(200)
        let m = 3 + random.below(120)
        var generator = MatchInstanceGenerator(seed: seed)
        generator.skillCount = 40 + random.below(300)
        generator.wordCount = 50 + random.below(500)
        let instance = generator.make(mentees: n, mentors: m)
        let scorer = CompatibilityScorer(mentees: instance.mentees, mentors: instance.mentors, restrictions: instance.restrictions)
        let matrix = await scorer.scoreMatrix()
        for keep in [1, 3, 16, m, m + 5] {
            var search = CandidateSearch()
            search.keep = keep
            // when the best `keep` per mentee are searched
            let edges = await scorer.candidateEdges(search)
            // then every row holds exactly the best allowed scores, best first, each the pair's own score
            for i in 0..<n {
                let row = edges.rowStart[i]..<edges.rowStart[i + 1]
                let best = (0..<m).map { matrix[i, $0] }.filter { $0 > 0 }.sorted(by: >).prefix(keep)
                #expect(row.map { edges.scores[$0] } == Array(best), "seed \(seed), keep \(keep), mentee \(i)")
                #expect(row.allSatisfy { edges.scores[$0] == matrix[i, Int(edges.mentors[$0])] })
                #expect(Set(row.map { edges.mentors[$0] }).count == row.count)
            }
            // and with every allowed pair kept, the sparse answer is the exact optimum
            if keep >= m {
                let capacities = instance.mentorCapacities
                let sparse = try MatchingSolver.solve(MatchingProblem(scores: .sparse(edges), mentorCapacities: capacities))
                let exact = try MatchingSolver.solve(MatchingProblem(scores: .dense(matrix), mentorCapacities: capacities))
                #expect(sparse.objective == exact.objective, "seed \(seed)")
                #expect(edges.edgeCount == matrix.values.count { $0 > 0 })
            }
        }
    }
}

@Test func aSparseRoundOnPeopleWhoLookAlikeFillsEveryPlaceAndIsProvenOptimal() async throws {
    // given an HR export where many people look alike (ten skills, six zones): 2,000 mentees, 500 mentors × 2 places
    let instance = HRExportPopulation.make(rows: 2_500)
    let scorer = CompatibilityScorer(mentees: instance.mentees, mentors: instance.mentors, restrictions: instance.restrictions)
    // when the round runs in sparse mode (each mentee's best 16 mentors, then every other pair priced)
    let edges = await scorer.candidateEdges()
    let sparse = try MatchingSolver.solve(MatchingProblem(
        scores: .sparse(edges), mentorCapacities: instance.mentorCapacities, pricing: scorer))
    // then equals are spread: the candidate lists reach far more than 16 mentors
    #expect(Set(edges.mentors).count > 200)
    // and every place is filled, with the exact optimum, proven
    #expect(sparse.matchedCount == 1_000)
    let exact = try MatchingSolver.solve(MatchingProblem(
        scores: .dense(await scorer.scoreMatrix()), mentorCapacities: instance.mentorCapacities))
    #expect(sparse.objective == exact.objective)
    #expect(sparse.isProvenOptimal)
    #expect(sparse.gapBound == 0)
}

@Test func pricingMakesEverySparseRoundExactAndItsGapBoundHolds() async throws {
    for seed in UInt64(1)...6 {
        // given generated rounds, a few pairs forbidden by the admin, and candidates cut to each mentee's best 1 or 3
        var random = SplitMix64(seed: seed)
        let n = 40 + random.below(160)
        let m = 5 + random.below(60)
        var generator = MatchInstanceGenerator(seed: seed)
        generator.skillCount = 30 + random.below(100)
        let instance = generator.make(mentees: n, mentors: m)
        let scorer = CompatibilityScorer(mentees: instance.mentees, mentors: instance.mentors, restrictions: instance.restrictions)
        let matrix = await scorer.scoreMatrix()
        let forbidden = Set((0..<n / 4).map { _ in MatchPair(mentee: random.below(n), mentor: random.below(m)) })
        let exact = try MatchingSolver.solve(MatchingProblem(
            scores: .dense(matrix), mentorCapacities: instance.mentorCapacities, forbidden: forbidden))
        for keep in [1, 3] {
            var search = CandidateSearch()
            search.keep = keep
            let edges = await scorer.candidateEdges(search)
            // when solved with pricing
            var problem = MatchingProblem(
                scores: .sparse(edges), mentorCapacities: instance.mentorCapacities, forbidden: forbidden, pricing: scorer)
            let priced = try MatchingSolver.solve(problem)
            // then the answer is the exact optimum, proven
            #expect(priced.objective == exact.objective, "seed \(seed), keep \(keep)")
            #expect(priced.isProvenOptimal && priced.gapBound == 0, "seed \(seed), keep \(keep)")
            #expect(priced.mentorOf.enumerated().allSatisfy { mentee, mentor in
                mentor.map { !forbidden.contains(MatchPair(mentee: mentee, mentor: $0)) } ?? true
            })
            // and stopped after one solve, the certified gap still covers the distance to the optimum
            problem.pricingRoundLimit = 1
            let early = try MatchingSolver.solve(problem)
            let gap = try #require(early.gapBound)
            #expect(early.objective + gap >= exact.objective, "seed \(seed), keep \(keep)")
            #expect(early.isProvenOptimal == (gap == 0))
        }
    }
}

@Test func aPinnedPairTheSparseCandidatesLeftOutIsKeptAndTheRestIsStillOptimal() async throws {
    // given a round whose candidates are each mentee's single best mentor, and a pin outside them
    let instance = MatchInstanceGenerator(seed: 3).make(mentees: 120, mentors: 30)
    let scorer = CompatibilityScorer(mentees: instance.mentees, mentors: instance.mentors, restrictions: instance.restrictions)
    var search = CandidateSearch()
    search.keep = 1
    let edges = await scorer.candidateEdges(search)
    let matrix = await scorer.scoreMatrix()
    let mentee = 0
    let kept = Set(edges.mentors[edges.rowStart[mentee]..<edges.rowStart[mentee + 1]])
    let mentor = try #require((0..<30).first { matrix[mentee, $0] > 0 && !kept.contains(Int32($0)) })
    let pin = MatchPair(mentee: mentee, mentor: mentor)
    // when solved with pricing
    let sparse = try MatchingSolver.solve(MatchingProblem(
        scores: .sparse(edges), mentorCapacities: instance.mentorCapacities, pinned: [pin], pricing: scorer))
    // then the pin holds and the answer equals the exact one with the same pin, proven
    let exact = try MatchingSolver.solve(MatchingProblem(
        scores: .dense(matrix), mentorCapacities: instance.mentorCapacities, pinned: [pin]))
    #expect(sparse.mentorOf[mentee] == mentor && sparse.pinned == [pin])
    #expect(sparse.objective == exact.objective && sparse.isProvenOptimal)
    // and without a pricing step (nothing to score it with) such a pin is refused, as before
    #expect(throws: MatchingError.pinnedPairForbidden(pin)) {
        try MatchingSolver.solve(MatchingProblem(scores: .sparse(edges), mentorCapacities: instance.mentorCapacities, pinned: [pin]))
    }
}

@Test func aSparseRoundSaysHowManyCompatibleMentorsAreFullAtLeast() throws {
    // given a sparse round of two mentees and one mentor with one place, where only mentee 0 has candidates
    let edges = CandidateEdges(menteeCount: 3, mentorCount: 2, rowStart: [0, 2, 3, 3], mentors: [0, 1, 0], scores: [9, 4, 5])
    let problem = MatchingProblem(scores: .sparse(edges), mentorCapacities: [1, 0])
    // when explained
    let assignment = try MatchingSolver.solve(problem)
    let scorer = CompatibilityScorer(
        mentees: (0..<3).map { _ in MatchCandidate(id: UUID()) }, mentors: (0..<2).map { _ in MatchCandidate(id: UUID()) },
        restrictions: MatchRestrictions())
    let reasons = Dictionary(uniqueKeysWithValues: MatchingRound.explain(assignment, problem: problem, scorer: scorer).unmatched
        .map { ($0.mentee, $0.reason) })
    // then the mentee left out has "at least" its candidates, all full, and the one without candidates has none
    #expect(assignment.mentorOf == [0, nil, nil])
    #expect(reasons[1] == .compatibleMentorsFullAtLeast(count: 1))
    #expect(reasons[2] == .noCompatibleMentor)
    #expect(reasons[1]?.description == "no compatible mentor with capacity: all their compatible mentors (1 or more) are full")
}
