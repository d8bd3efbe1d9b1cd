import Foundation

/// One matching round: who can be paired with whom and how well, mentors' capacities, and the admin's pins and bans.
///
/// Mentees and mentors are positions in the round's lists. A pair is an edge when its score is positive and nothing
/// forbids it; a mentee may stay unmatched (worth 0).
public struct MatchingProblem: Sendable {
    public enum Scores: Sendable {
        /// Every pair scored: the solver proves its answer optimal over all of them.
        case dense(ScoreMatrix)
        /// Only candidate pairs scored (the sparse mode for very large rounds): optimal over these candidates.
        case sparse(CandidateEdges)
    }

    public var scores: Scores
    public var mentorCapacities: [Int]
    /// Pairs the admin fixed: kept as they are, the rest is matched around them.
    public var pinned: [MatchPair]
    /// Pairs the admin ruled out for this round.
    public var forbidden: Set<MatchPair>
    /// Maximise the worst match first (without leaving out anyone who could be matched), then the total.
    public var fairnessFloor: Bool

    public init(
        scores: Scores, mentorCapacities: [Int], pinned: [MatchPair] = [], forbidden: Set<MatchPair> = [],
        fairnessFloor: Bool = false
    ) {
        self.scores = scores
        self.mentorCapacities = mentorCapacities
        self.pinned = pinned
        self.forbidden = forbidden
        self.fairnessFloor = fairnessFloor
    }

    public var menteeCount: Int {
        switch scores {
        case .dense(let matrix): matrix.menteeCount
        case .sparse(let edges): edges.menteeCount
        }
    }

    public var mentorCount: Int { mentorCapacities.count }

    /// The pair's score, or nil if it is not an edge (forbidden, banned for the round, not a candidate).
    public func score(_ pair: MatchPair) -> Int? {
        if forbidden.contains(pair) { return nil }
        switch scores {
        case .dense(let matrix):
            let value = matrix[pair.mentee, pair.mentor]
            return value == ScoreMatrix.forbidden ? nil : Int(value)
        case .sparse(let edges):
            for index in edges.rowStart[pair.mentee]..<edges.rowStart[pair.mentee + 1]
            where Int(edges.mentors[index]) == pair.mentor {
                return Int(edges.scores[index])
            }
            return nil
        }
    }
}

/// Why a round could not be matched as asked.
public enum MatchingError: Error, Sendable, Equatable {
    case pinnedPairForbidden(MatchPair)
    case menteePinnedTwice(Int)
    case pinsExceedCapacity(mentor: Int)
    case capacitiesDoNotMatchScores
}

/// The assignment the solver found.
public struct MatchingAssignment: Sendable, Equatable {
    /// Each mentee's mentor, or nil when unmatched.
    public var mentorOf: [Int?]
    public var pinned: Set<MatchPair>
    /// The sum of the matched pairs' scores.
    public var objective: Int
    /// The lowest score among matched pairs that were not pinned, nil if none.
    public var worstScore: Int?
    /// True when a duality certificate shows no assignment over all pairs scores higher (dense scores);
    /// false for the sparse mode, which is optimal over its candidate pairs only.
    public var isProvenOptimal: Bool
    /// How many times the candidate graph was widened before the certificate held.
    public var pricingRounds: Int

    public var matchedCount: Int { mentorOf.lazy.filter { $0 != nil }.count }
}
