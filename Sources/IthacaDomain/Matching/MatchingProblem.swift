import Foundation

/// One matching round: who can be paired with whom and how well, mentors' capacities, and the admin's pins and bans.
///
/// Mentees and mentors are positions in the round's lists. A pair is an edge when its score is positive and nothing
/// forbids it; a mentee may stay unmatched (worth 0).
public struct MatchingProblem: Sendable {
    public enum Scores: Sendable {
        /// Every pair scored: the solver proves its answer optimal over all of them.
        case dense(ScoreMatrix)
        /// Only candidate pairs scored (the sparse mode for very large rounds). With `pricing`, the solver widens them
        /// until the answer is proven optimal over all pairs (or reports a certified gap); without, it is optimal over
        /// these candidates only.
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
    /// Sparse mode: finds the pairs outside the candidates that beat a solved round's dual prices (the scorer).
    public var pricing: (any SparsePricing)?
    /// Sparse mode with pricing: solves after which the answer is returned with its certified gap.
    public var pricingRoundLimit = MatchingSolver.maximumPricingRounds

    public init(
        scores: Scores, mentorCapacities: [Int], pinned: [MatchPair] = [], forbidden: Set<MatchPair> = [],
        fairnessFloor: Bool = false, pricing: (any SparsePricing)? = nil
    ) {
        self.pricing = pricing
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

    /// The score a pinned pair counts for, or nil if it may not be pinned: its edge's score, or, for a pair the sparse
    /// mode did not keep as a candidate, its score from the pricing step's scorer (nil if it can never be matched).
    public func pinnableScore(_ pair: MatchPair) -> Int? {
        if let score = score(pair) { return score }
        guard case .sparse = scores, !forbidden.contains(pair), let pricing else { return nil }
        return pricing.pairScore(pair)
    }

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

/// The dual prices of a solved round: a value per mentee and a price per mentor such that value + price ≥ score on
/// every pair in the graph. A pair outside it can improve the answer only if its score beats them.
public struct DualPrices: Sendable {
    public var menteeValue: [Int32]
    public var mentorPrice: [Int32]
    /// Mentees still to match (pinned ones are not priced).
    public var active: [Bool]
    /// Per mentee: false when only the `recheck` mentors can beat its value (nil: every mentee searched in full).
    public var searchAll: [Bool]?
    /// The mentors to check for mentees not searched in full.
    public var recheck: [Int32]

    public init(menteeValue: [Int32], mentorPrice: [Int32], active: [Bool], searchAll: [Bool]? = nil, recheck: [Int32] = []) {
        self.menteeValue = menteeValue
        self.mentorPrice = mentorPrice
        self.active = active
        self.searchAll = searchAll
        self.recheck = recheck
    }
}

/// The sparse mode's pricing step: searches all pairs, without scoring them all, for those that beat the prices.
public protocol SparsePricing: Sendable {
    /// Per active mentee, up to `limit` allowed mentors with score − price > value, the largest margin first, with
    /// their scores (among `prices.recheck` only where `prices.searchAll` says so); inactive mentees get empty rows.
    func pairsBeating(_ prices: DualPrices, limit: Int) -> CandidateEdges
    /// One pair's score, nil when the pair can never be matched.
    func pairScore(_ pair: MatchPair) -> Int?
}

extension CompatibilityScorer: SparsePricing {
    public func pairScore(_ pair: MatchPair) -> Int? {
        compatibility(mentee: pair.mentee, mentor: pair.mentor, reasonCount: 0)?.score
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
    /// True when a duality certificate shows no assignment over all pairs scores higher (dense scores, and sparse
    /// scores with pricing once no pair beats the prices); false for the sparse mode without pricing.
    public var isProvenOptimal: Bool
    /// The most any assignment over all pairs could score above `objective`, certified by the duals (0 when proven
    /// optimal); nil when no certificate was computed (sparse without pricing, or the fairness floor in sparse mode).
    public var gapBound: Int?
    /// How many times the candidate graph was widened before the certificate held.
    public var pricingRounds: Int

    public var matchedCount: Int { mentorOf.lazy.filter { $0 != nil }.count }
}
