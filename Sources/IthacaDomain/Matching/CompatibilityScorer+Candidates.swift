import Foundation

/// How the sparse mode picks the pairs worth scoring when scoring every pair would take too long.
public struct CandidateSearch: Sendable {
    /// Pairs kept per mentee, the best by score.
    public var keep = 32
    /// Mentors looked at per wanted skill among those offering it (all of them for rarer skills).
    public var perSkill = 256
    /// The mentee's most distinctive goal words whose mentors are looked at (up to `perSkill` each).
    public var words = 4
    /// Mentors drawn at random per mentee besides, for matches on time zone, language and career stage.
    public var sampled = 512
    public var seed: UInt64 = 0x1BAD_5EED

    public init() {}
}

extension CompatibilityScorer {
    /// Per mentee, the best `search.keep` mentors among those sharing a wanted skill and a random sample; scored exactly.
    public func candidateEdges(_ search: CandidateSearch = CandidateSearch()) async -> CandidateEdges {
        let m = mentors.count
        var offering = [[Int32]](repeating: [], count: skillNames.count)
        for j in 0..<m {
            for index in mentorSkillStart[j]..<mentorSkillStart[j + 1] { offering[Int(mentorSkillList[index])].append(Int32(j)) }
        }
        let postings = offering
        var using = [[Int32]](repeating: [], count: vocabulary.words.count)
        for j in 0..<m {
            for index in mentorTermStart[j]..<mentorTermStart[j + 1] { using[Int(mentorTerms[index])].append(Int32(j)) }
        }
        let wordPostings = using
        let chunks = await forEachChunk(of: mentees.count) { rows -> ([Int], [Int32], [Int32]) in
            var scratch = makeScratch()
            var mark = [UInt32](repeating: 0, count: m)
            var stamp: UInt32 = 0
            var candidates: [Int] = []
            var best: [(Int32, Int32)] = []
            var counts: [Int] = []
            var mentorList: [Int32] = []
            var scoreList: [Int32] = []
            for i in rows {
                stamp += 1
                candidates.removeAll(keepingCapacity: true)
                var random = SplitMix64(seed: search.seed ^ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
                for skill in menteeSkills[i] {
                    let list = postings[Int(skill)]
                    let take = min(list.count, search.perSkill)
                    let offset = list.count > take ? random.below(list.count) : 0
                    for step in 0..<take {
                        let j = Int(list[(offset + step) % list.count])
                        if mark[j] != stamp {
                            mark[j] = stamp
                            candidates.append(j)
                        }
                    }
                }
                // The mentee's most distinctive goal words, and mentors who use them.
                let vector = vocabulary.vectors[i]
                let words = zip(vector.terms, vector.weights).sorted { $0.1 > $1.1 }.prefix(search.words)
                for (term, _) in words {
                    let list = wordPostings[Int(term)]
                    let take = min(list.count, search.perSkill)
                    let offset = list.count > take ? random.below(list.count) : 0
                    for step in 0..<take {
                        let j = Int(list[(offset + step) % list.count])
                        if mark[j] != stamp {
                            mark[j] = stamp
                            candidates.append(j)
                        }
                    }
                }
                if m > 0 {
                    let everyone = search.sampled >= m
                    for draw in 0..<min(search.sampled, m) {
                        let j = everyone ? draw : random.below(m)
                        if mark[j] != stamp {
                            mark[j] = stamp
                            candidates.append(j)
                        }
                    }
                }
                best.removeAll(keepingCapacity: true)
                scoreRow(i, mentors: candidates, scratch: &scratch) { j, score in
                    guard score > 0, best.count < search.keep || score > best[best.count - 1].1 else { return }
                    var position = best.count
                    while position > 0, best[position - 1].1 < score { position -= 1 }
                    best.insert((Int32(j), score), at: position)
                    if best.count > search.keep { best.removeLast() }
                }
                counts.append(best.count)
                for (j, score) in best {
                    mentorList.append(j)
                    scoreList.append(score)
                }
            }
            return (counts, mentorList, scoreList)
        }
        var rowStart = [0]
        rowStart.reserveCapacity(mentees.count + 1)
        var mentorList: [Int32] = []
        var scoreList: [Int32] = []
        for (counts, chunkMentors, chunkScores) in chunks {
            for count in counts { rowStart.append(rowStart[rowStart.count - 1] + count) }
            mentorList.append(contentsOf: chunkMentors)
            scoreList.append(contentsOf: chunkScores)
        }
        return CandidateEdges(
            menteeCount: mentees.count, mentorCount: m, rowStart: rowStart, mentors: mentorList, scores: scoreList)
    }
}
