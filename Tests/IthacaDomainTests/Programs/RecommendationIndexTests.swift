import Foundation
import IthacaDomain
import Testing

/// The warm index must return exactly what scoring every pair one by one would: the same people, scores and order.
@Test(arguments: [1, 2, 3, 4, 5])
func recommendationsEqualTheBruteForceRanking(seed: UInt64) {
    let instance = MatchInstanceGenerator(seed: seed).make(mentees: 60, mentors: 40)
    let scorer = CompatibilityScorer(mentees: instance.mentees, mentors: instance.mentors, restrictions: instance.restrictions)
    let index = RecommendationIndex(scorer: scorer)
    let full = Set([3, 7, 11])
    for mentee in [0, 17, 59] {
        let expected = ranking((0..<40).map { j in (j, scorer.score(mentee: mentee, mentor: j)) }, excluding: full, count: 5)
        let found = index.mentors(forMentee: mentee, count: 5) { !full.contains($0) }
        #expect(found.map(\.index) == expected.map(\.0))
        #expect(found.map(\.compatibility.score) == expected.map(\.1))
        #expect(found.allSatisfy { !$0.compatibility.reasons.isEmpty })
    }
    for mentor in [0, 39] {
        let expected = ranking((0..<60).map { i in (i, scorer.score(mentee: i, mentor: mentor)) }, excluding: [], count: 4)
        #expect(index.mentees(forMentor: mentor, count: 4).map(\.index) == expected.map(\.0))
    }
}

/// Positive scores, best first, ties by position: what a recommendation list must be.
private func ranking(_ scored: [(Int, Int?)], excluding: Set<Int>, count: Int) -> [(Int, Int)] {
    var kept: [(Int, Int)] = []
    for (index, score) in scored {
        if let score, score > 0, !excluding.contains(index) { kept.append((index, score)) }
    }
    kept.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    return Array(kept.prefix(count))
}
