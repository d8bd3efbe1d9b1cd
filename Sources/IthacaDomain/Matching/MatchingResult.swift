import Foundation

/// A matched pair with its score and why it is a good one.
public struct MatchedPair: Sendable, Hashable {
    public var mentee: Int
    public var mentor: Int
    public var score: Int
    public var reasons: [String]
    public var pinned: Bool
}

/// Why a mentee was left without a mentor.
public enum UnmatchedReason: Sendable, Hashable, CustomStringConvertible {
    /// Every mentor is ruled out for them (reporting line, earlier pairing, never-pair, preferences, or nothing in common).
    case noCompatibleMentor
    /// They have compatible mentors, but all of them are full with matches that add up to more.
    case compatibleMentorsFull(count: Int)
    /// The same in a round too large to score every pair (sparse mode): `count` compatible mentors are known, there
    /// may be more, and all of them are full (the answer is optimal, so a free one would have been used).
    case compatibleMentorsFullAtLeast(count: Int)

    public var description: String {
        switch self {
        case .noCompatibleMentor:
            "no compatible mentor: every mentor is ruled out by a reporting line, an earlier pairing, "
                + "a never-pair or their preferences"
        case .compatibleMentorsFull(let count):
            "no compatible mentor with capacity: all \(count) compatible mentor\(count == 1 ? " is" : "s are") full"
        case .compatibleMentorsFullAtLeast(let count) where count == 0:
            "no compatible mentor with capacity: the round forbids their closest ones and every other is full or ruled out"
        case .compatibleMentorsFullAtLeast(let count):
            "no compatible mentor with capacity: all their compatible mentors (\(count) or more) are full"
        }
    }
}

public struct UnmatchedMentee: Sendable, Hashable {
    public var mentee: Int
    public var reason: UnmatchedReason
}

/// A matching round's outcome: the pairs with their reasons, the total, and who is left unmatched and why.
public struct MatchingResult: Sendable {
    public var pairs: [MatchedPair]
    public var unmatched: [UnmatchedMentee]
    public var objective: Int
    public var worstScore: Int?
    public var isProvenOptimal: Bool
    /// See `MatchingAssignment.gapBound`.
    public var gapBound: Int?

    public var matchedCount: Int { pairs.count }
}

/// Runs a matching round end to end: the solver's assignment, explained by the scorer.
public enum MatchingRound {
    /// Solves `problem` (built from `scorer`'s scores) and explains every pair and every unmatched mentee.
    public static func run(_ problem: MatchingProblem, scorer: CompatibilityScorer) throws(MatchingError) -> MatchingResult {
        let assignment = try MatchingSolver.solve(problem)
        return explain(assignment, problem: problem, scorer: scorer)
    }

    public static func explain(
        _ assignment: MatchingAssignment, problem: MatchingProblem, scorer: CompatibilityScorer
    ) -> MatchingResult {
        var pairs: [MatchedPair] = []
        var unmatched: [UnmatchedMentee] = []
        for (mentee, mentor) in assignment.mentorOf.enumerated() {
            if let mentor {
                let pair = MatchPair(mentee: mentee, mentor: mentor)
                let compatibility = scorer.compatibility(mentee: mentee, mentor: mentor)
                pairs.append(MatchedPair(
                    mentee: mentee, mentor: mentor, score: problem.score(pair) ?? compatibility?.score ?? 0,
                    reasons: compatibility?.reasons ?? [], pinned: assignment.pinned.contains(pair)))
            } else {
                unmatched.append(UnmatchedMentee(mentee: mentee, reason: whyUnmatched(mentee, problem)))
            }
        }
        return MatchingResult(
            pairs: pairs, unmatched: unmatched, objective: assignment.objective, worstScore: assignment.worstScore,
            isProvenOptimal: assignment.isProvenOptimal, gapBound: assignment.gapBound)
    }

    /// Counted over every pair in dense mode; in sparse mode over the mentee's candidates, which are its best allowed
    /// mentors (none means there is none at all), read from its own row rather than by probing every mentor.
    static func whyUnmatched(_ mentee: Int, _ problem: MatchingProblem) -> UnmatchedReason {
        switch problem.scores {
        case .dense:
            let compatible = (0..<problem.mentorCount).count { (problem.score(MatchPair(mentee: mentee, mentor: $0)) ?? 0) > 0 }
            return compatible == 0 ? .noCompatibleMentor : .compatibleMentorsFull(count: compatible)
        case .sparse(let edges):
            let row = (edges.rowStart[mentee]..<edges.rowStart[mentee + 1]).filter { edges.scores[$0] > 0 }
            let compatible = row.count { !problem.forbidden.contains(MatchPair(mentee: mentee, mentor: Int(edges.mentors[$0]))) }
            return row.isEmpty ? .noCompatibleMentor : .compatibleMentorsFullAtLeast(count: compatible)
        }
    }
}
