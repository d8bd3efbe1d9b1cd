import Foundation

/// How the sparse mode picks the pairs worth keeping when scoring every pair would take too long.
public struct CandidateSearch: Sendable {
    /// Pairs kept per mentee: exactly that mentee's best `keep` mentors by score (ties broken by a hash salted per
    /// mentee, so that people who look alike do not all get the same few mentors). The solver then prices every other
    /// pair against the duals (`SparsePricing`), so this only decides how much work the proof has left.
    public var keep = 16

    public init() {}
}

extension CompatibilityScorer {
    /// Per mentee, exactly its best `search.keep` mentors by score (positive scores only; ties in any order), without
    /// scoring every pair.
    ///
    /// A pair's score is a skills part, plus a words part, plus a "base" (working hours, language, career stage and
    /// fresh eyes). Per mentee (`CandidateWorker`):
    /// 1. the inverted lists of its rarer skills (offered by at most one mentor in 8) and rarer words (not among the
    ///    64 most used by mentors) are walked, adding up every reached mentor's skill points and word products;
    /// 2. each reached mentor gets a floor (that sum plus its base, from a per-mentee table over mentor groups of the
    ///    same working hours, languages and career stage); the `keep`-th best floor starts the list's threshold, and
    ///    only mentors whose floor plus the most the popular skills and common words could add beats it are scored
    ///    exactly (their few skills probed, common words from a dense weight table);
    /// 3. every other mentor shares at most popular skills and common words, so it scores at most its group's base,
    ///    plus fresh eyes, the popular skills' points and the group's highest weights for the common words: groups
    ///    where that cannot beat the `keep`-th best so far are skipped whole, the others' mentors are scored as in 2.
    /// Hard constraints are checked only for pairs that would make the list. The kept pairs and their scores are
    /// exactly those of `scoreMatrix()`.
    public func candidateEdges(_ search: CandidateSearch = CandidateSearch()) async -> CandidateEdges {
        let keep = max(search.keep, 0)
        let postings = MentorPostings(self)
        let kernel = PairKernel(self)
        let chunks = await forEachChunk(of: mentees.count) { rows -> CandidateRows in
            var worker = CandidateWorker(self, postings: postings, kernel: kernel, keep: keep)
            defer { worker.release() }
            for i in rows { worker.search(i) }
            return worker.found
        }
        return joined(chunks)
    }

    /// The sparse mode's pricing step: for each active mentee, up to `limit` mentors whose score minus the mentor's
    /// price beats the mentee's value (best first by that margin; allowed pairs only), found by the same bound and
    /// prune as the candidates. No pair left out can beat the prices: that is the optimality proof's other half.
    public func pairsBeating(_ prices: DualPrices, limit: Int) -> CandidateEdges {
        let postings = MentorPostings(self)
        let kernel = PairKernel(self)
        let chunks = forEachChunkNow(of: mentees.count) { rows -> CandidateRows in
            var worker = CandidateWorker(self, postings: postings, kernel: kernel, keep: limit, prices: prices.mentorPrice)
            defer { worker.release() }
            for i in rows {
                if !prices.active[i] {
                    worker.skip()
                } else if prices.searchAll?[i] == false {
                    worker.recheck(i, among: prices.recheck, beating: prices.menteeValue[i])
                } else {
                    worker.search(i, beating: prices.menteeValue[i])
                }
            }
            return worker.found
        }
        return joined(chunks)
    }

    typealias CandidateRows = (counts: [Int], mentors: [Int32], scores: [Int32], scored: Int, walked: Int)

    private func joined(_ chunks: [CandidateRows]) -> CandidateEdges {
        var rowStart = [0]
        rowStart.reserveCapacity(mentees.count + 1)
        var mentorList: [Int32] = []
        var scoreList: [Int32] = []
        var edges = CandidateEdges(menteeCount: mentees.count, mentorCount: mentors.count, rowStart: [], mentors: [], scores: [])
        for (counts, chunkMentors, chunkScores, chunkScored, chunkWalked) in chunks {
            for count in counts { rowStart.append(rowStart[rowStart.count - 1] + count) }
            mentorList.append(contentsOf: chunkMentors)
            scoreList.append(contentsOf: chunkScores)
            edges.pairsScored += chunkScored
            edges.listEntriesWalked += chunkWalked
        }
        edges.rowStart = rowStart
        edges.mentors = mentorList
        edges.scores = scoreList
        return edges
    }
}
