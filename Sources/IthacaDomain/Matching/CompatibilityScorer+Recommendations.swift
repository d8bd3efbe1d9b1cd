import Foundation

/// One recommended person (a mentor for a mentee, or a mentee for a mentor) with the score and its reasons.
public struct Recommendation: Sendable, Hashable {
    /// Position in the scorer's mentors (or mentees) list.
    public var index: Int
    public var compatibility: Compatibility
}

/// A program's scorer kept warm for recommendations on page views: the per-mentor tables are packed once, and each
/// request scores one row (a mentee against every mentor) or one column with the allocation-free kernel.
public final class RecommendationIndex: Sendable {
    public let scorer: CompatibilityScorer
    let kernel: PairKernel

    public init(scorer: CompatibilityScorer) {
        self.scorer = scorer
        kernel = PairKernel(scorer)
    }

    /// The best `count` mentors for mentee `mentee`, best first, each with its reasons; mentors for whom
    /// `isAvailable` is false (full, already asked) and ruled-out pairs are left out.
    public func mentors(forMentee mentee: Int, count: Int, isAvailable: (Int) -> Bool = { _ in true }) -> [Recommendation] {
        let scratch = MenteeScratch(scorer)
        scorer.load(mentee, into: scratch)
        var best = TopList(count: count)
        for j in 0..<scorer.mentors.count {
            let score = scorer.kernelScore(j, kernel, scratch)
            if score > 0, best.admits(score), isAvailable(j) { best.offer(score, j) }
        }
        scorer.unload(scratch)
        return best.ranked.compactMap { entry in
            scorer.compatibility(mentee: mentee, mentor: entry.index).map { Recommendation(index: entry.index, compatibility: $0) }
        }
    }

    /// The `count` mentees who would fit mentor `mentor` best, best first, with reasons.
    public func mentees(forMentor mentor: Int, count: Int, isAvailable: (Int) -> Bool = { _ in true }) -> [Recommendation] {
        let scratch = MenteeScratch(scorer)
        var best = TopList(count: count)
        for i in 0..<scorer.mentees.count {
            scorer.load(i, into: scratch)
            let score = scorer.kernelScore(mentor, kernel, scratch)
            scorer.unload(scratch)
            if score > 0, best.admits(score), isAvailable(i) { best.offer(score, i) }
        }
        return best.ranked.compactMap { entry in
            scorer.compatibility(mentee: entry.index, mentor: mentor).map { Recommendation(index: entry.index, compatibility: $0) }
        }
    }
}

/// The `count` highest scores seen, ties broken by the lower index so results are deterministic.
struct TopList {
    struct Entry {
        var score: Int32
        var index: Int
    }

    let count: Int
    private(set) var entries: [Entry] = []

    init(count: Int) { self.count = max(count, 0) }

    func admits(_ score: Int32) -> Bool {
        entries.count < count || score > entries[entries.count - 1].score
    }

    mutating func offer(_ score: Int32, _ index: Int) {
        guard admits(score) else { return }
        var position = entries.count
        while position > 0, entries[position - 1].score < score { position -= 1 }
        entries.insert(Entry(score: score, index: index), at: position)
        if entries.count > count { entries.removeLast() }
    }

    var ranked: [Entry] { entries }
}
