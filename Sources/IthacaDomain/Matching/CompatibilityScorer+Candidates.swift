import Foundation

/// How the sparse mode picks the pairs worth keeping when scoring every pair would take too long.
public struct CandidateSearch: Sendable {
    /// Pairs kept per mentee: exactly that mentee's best `keep` mentors by score (ties in any order). 16 keeps the
    /// objective within 0.002 % of the exact optimum on the generated rounds where that can be computed.
    public var keep = 16

    public init() {}
}

/// What the candidate search needs about mentors: inverted lists for skills and the rarer words, a dense weight table
/// for the commonest words, and mentors grouped by what the base part of the score depends on.
struct MentorPostings: Sendable {
    /// How many of the most used words are "common" (a dense table instead of lists).
    static let common = 64

    var skillStart: [Int32]
    var skillMentors: [Int32]
    var termStart: [Int32]
    var termMentors: [Int32]
    /// The mentor's weight for the word, beside `termMentors`.
    var termWeights: [Int32]
    var termMaxWeight: [Int32]
    /// The word's column in `commonWeights`, or −1 when it is not among the commonest.
    var termSlot: [Int32]
    /// `mentorCount × common`: mentor j's weight for the common word in column c at `j * common + c`.
    var commonWeights: [UInt16]
    /// Per mentor, what the candidate search reads for every mentor it reaches, in one place.
    var mentorInfo: [MentorInfo]
    /// Mentors with the same working hours, languages and career stage (the base, but for fresh eyes, is theirs).
    var groupStart: [Int32]
    var groupMembers: [Int32]
    var groupOf: [Int32]
    var groupWindow: [Int32]
    var groupLanguages: [UInt64]
    var groupStage: [Int32]
    /// Distinct working-hours classes among mentors.
    var mentorWindowClasses: [Int32]

    init(_ scorer: CompatibilityScorer) {
        let m = scorer.mentors.count
        func invert(keys: Int, start: [Int], list: [Int32], values: [Int32]) -> ([Int32], [Int32], [Int32]) {
            var counts = [Int32](repeating: 0, count: keys + 1)
            for key in list { counts[Int(key) + 1] += 1 }
            for key in 0..<keys { counts[key + 1] += counts[key] }
            var fill = counts
            var mentors = [Int32](repeating: 0, count: list.count)
            var inverted = [Int32](repeating: 0, count: values.isEmpty ? 0 : list.count)
            for j in 0..<m {
                for index in start[j]..<start[j + 1] {
                    let key = Int(list[index])
                    mentors[Int(fill[key])] = Int32(j)
                    if !values.isEmpty { inverted[Int(fill[key])] = values[index] }
                    fill[key] += 1
                }
            }
            return (counts, mentors, inverted)
        }
        func commonest(_ starts: [Int32]) -> [Int32] {
            func length(_ key: Int) -> Int32 { starts[key + 1] - starts[key] }
            let keys = (0..<(starts.count - 1)).filter { length($0) > 0 }.sorted { length($0) > length($1) }
            var slot = [Int32](repeating: -1, count: starts.count - 1)
            for (column, key) in keys.prefix(MentorPostings.common).enumerated() { slot[key] = Int32(column) }
            return slot
        }
        (skillStart, skillMentors, _) = invert(
            keys: scorer.skillNames.count, start: scorer.mentorSkillStart, list: scorer.mentorSkillList, values: [])

        let wordCount = scorer.vocabulary.words.count
        (termStart, termMentors, termWeights) = invert(
            keys: wordCount, start: scorer.mentorTermStart, list: scorer.mentorTerms, values: scorer.mentorTermWeights)
        var maxWeight = [Int32](repeating: 0, count: wordCount)
        for (term, weight) in zip(scorer.mentorTerms, scorer.mentorTermWeights) {
            maxWeight[Int(term)] = max(maxWeight[Int(term)], weight)
        }
        termMaxWeight = maxWeight
        termSlot = commonest(termStart)
        var weights = [UInt16](repeating: 0, count: m * MentorPostings.common)
        var masks = [UInt64](repeating: 0, count: m)
        for j in 0..<m {
            for index in scorer.mentorTermStart[j]..<scorer.mentorTermStart[j + 1] {
                let slot = termSlot[Int(scorer.mentorTerms[index])]
                if slot >= 0 {
                    weights[j * MentorPostings.common + Int(slot)] = UInt16(clamping: scorer.mentorTermWeights[index])
                    masks[j] |= 1 << UInt64(slot)
                }
            }
        }
        commonWeights = weights

        struct Key: Hashable {
            var window: Int32
            var languages: UInt64
            var stage: Int32
        }
        var groupIndex: [Key: Int32] = [:]
        var window: [Int32] = []
        var languages: [UInt64] = []
        var stage: [Int32] = []
        groupOf = (0..<m).map { j in
            let key = Key(window: scorer.mentorWindow[j], languages: scorer.mentorLanguages[j], stage: scorer.mentorStage[j])
            if let known = groupIndex[key] { return known }
            groupIndex[key] = Int32(window.count)
            window.append(key.window)
            languages.append(key.languages)
            stage.append(key.stage)
            return Int32(window.count - 1)
        }
        groupWindow = window
        groupLanguages = languages
        groupStage = stage
        (groupStart, groupMembers, _) = invert(
            keys: window.count, start: Array(0...m), list: groupOf, values: [])
        mentorWindowClasses = Array(Set(scorer.mentorWindow)).sorted()
        let groups = groupOf
        mentorInfo = (0..<m).map {
            MentorInfo(wordMask: masks[$0], group: groups[$0], organisation: scorer.mentorOrganisation[$0])
        }
    }
}

struct MentorInfo: Sendable {
    /// Bit c set when the mentor uses the common word in column c.
    var wordMask: UInt64
    var group: Int32
    var organisation: Int32
}

/// One mentor's running sums for the current mentee.
struct Sums {
    var stamp: UInt32 = 0
    var skills: Int32 = 0
    var dot: Int32 = 0
}

/// The `keep` best (score, mentor) pairs seen so far: a min-heap on (score, then higher mentor position first).
struct TopPairs {
    let capacity: Int
    var scores: [Int32] = []
    var mentors: [Int32] = []

    init(capacity: Int) {
        self.capacity = capacity
        scores.reserveCapacity(capacity)
        mentors.reserveCapacity(capacity)
    }

    var isFull: Bool { scores.count == capacity }
    /// The lowest kept score once full.
    var threshold: Int32 { scores[0] }

    @inline(__always)
    static func worse(_ s1: Int32, _ j1: Int32, than s2: Int32, _ j2: Int32) -> Bool { s1 != s2 ? s1 < s2 : j1 > j2 }

    @inline(__always)
    mutating func offer(_ score: Int32, _ mentor: Int32) {
        if scores.count < capacity {
            scores.append(score)
            mentors.append(mentor)
            var child = scores.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                if !TopPairs.worse(score, mentor, than: scores[parent], mentors[parent]) { break }
                scores[child] = scores[parent]
                mentors[child] = mentors[parent]
                child = parent
            }
            scores[child] = score
            mentors[child] = mentor
            return
        }
        guard capacity > 0, TopPairs.worse(scores[0], mentors[0], than: score, mentor) else { return }
        var parent = 0
        let count = scores.count
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count, TopPairs.worse(scores[child + 1], mentors[child + 1], than: scores[child], mentors[child]) {
                child += 1
            }
            if !TopPairs.worse(scores[child], mentors[child], than: score, mentor) { break }
            scores[parent] = scores[child]
            mentors[parent] = mentors[child]
            parent = child
        }
        scores[parent] = score
        mentors[parent] = mentor
    }

    mutating func clear() {
        scores.removeAll(keepingCapacity: true)
        mentors.removeAll(keepingCapacity: true)
    }

    /// Best first; empties the heap.
    mutating func drain() -> [(Int32, Int32)] {
        let pairs = zip(mentors, scores).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        scores.removeAll(keepingCapacity: true)
        mentors.removeAll(keepingCapacity: true)
        return pairs
    }
}

extension CompatibilityScorer {
    /// Per mentee, exactly its best `search.keep` mentors by score (positive scores only; ties in any order), without
    /// scoring every pair.
    ///
    /// A pair's score is a skills part, plus a words part, plus a "base" (working hours, language, career stage and
    /// fresh eyes). Per mentee:
    /// 1. the inverted lists of its skills and of its rarer words (not among the 64 most used by mentors) are walked,
    ///    adding up every reached mentor's skill points and word products;
    /// 2. each reached mentor gets its base from a per-mentee table over mentor groups (same working hours, languages
    ///    and career stage); if that plus the common words at their most can beat the `keep`-th best so far, the
    ///    common words are added exactly from a dense weight table, which gives the exact score;
    /// 3. every other mentor shares no skill and only common words, so it scores at most its group's base, plus fresh
    ///    eyes, plus the common words at their most: groups where that cannot beat the `keep`-th best so far are
    ///    skipped whole, the others' mentors are scored as in step 2.
    /// Hard constraints are checked only for pairs that would make the list. The kept pairs and their scores are
    /// exactly those of `scoreMatrix()`.
    public func candidateEdges(_ search: CandidateSearch = CandidateSearch()) async -> CandidateEdges {
        let m = mentors.count
        let keep = max(search.keep, 0)
        let postings = MentorPostings(self)
        let kernel = PairKernel(self)
        let common = MentorPostings.common
        let groupCount = postings.groupWindow.count
        let chunks = await forEachChunk(of: mentees.count) { rows -> ([Int], [Int32], [Int32], Int, Int) in
            let scratch = MenteeScratch(self)
            // Per mentor: reached for the current mentee (stamp), its skill points and word products so far.
            var sums = [Sums](repeating: Sums(), count: m)
            var stamp: UInt32 = 0
            var touched: [Int32] = []
            var overlapRow = [Int32](repeating: 0, count: windows.count)
            var baseTable = [Int32](repeating: 0, count: groupCount)
            var top = TopPairs(capacity: keep)
            var floors = TopPairs(capacity: keep)
            var floorOf: [Int32] = []
            var counts: [Int] = []
            var mentorList: [Int32] = []
            var scoreList: [Int32] = []
            var scored = 0
            var walked = 0
            // (column, the mentee's weight, the column's bit, the most the word can add to the dot product)
            var commonWords: [(Int, Int32, UInt64, Int32)] = []
            postings.skillStart.withUnsafeBufferPointer { skillStart in
            postings.skillMentors.withUnsafeBufferPointer { skillMentors in
            postings.termStart.withUnsafeBufferPointer { termStart in
            postings.termMentors.withUnsafeBufferPointer { termMentors in
            postings.termWeights.withUnsafeBufferPointer { termWeights in
            postings.commonWeights.withUnsafeBufferPointer { commonWeights in
            postings.mentorInfo.withUnsafeBufferPointer { mentorInfo in
            sums.withUnsafeMutableBufferPointer { sums in
            overlapRow.withUnsafeMutableBufferPointer { overlapRow in
            baseTable.withUnsafeMutableBufferPointer { baseTable in
                var rowWindow: WorkingWindow? = nil
                for i in rows {
                    load(i, into: scratch)
                    stamp &+= 1
                    if stamp == 0 {
                        for j in 0..<m { sums[j].stamp = 0 }
                        stamp = 1
                    }
                    touched.removeAll(keepingCapacity: true)
                    commonWords.removeAll(keepingCapacity: true)
                    var commonDotBound = 0
                    // 1. Rarer skills and words: walk their lists.
                    @inline(__always) func reach(_ j: Int) {
                        if sums[j].stamp != stamp {
                            sums[j] = Sums(stamp: stamp)
                            touched.append(Int32(j))
                        }
                    }
                    for skill in menteeSkills[i] {
                        let points = skillPoints[Int(skill)]
                        let list = Int(skillStart[Int(skill)])..<Int(skillStart[Int(skill) + 1])
                        walked &+= list.count
                        for index in list {
                            let j = Int(skillMentors[index])
                            reach(j)
                            sums[j].skills &+= points
                        }
                    }
                    let vector = vocabulary.vectors[i]
                    for (term, weight) in zip(vector.terms, vector.weights) {
                        let slot = postings.termSlot[Int(term)]
                        if slot >= 0 {
                            let most = Int(weight) * Int(postings.termMaxWeight[Int(term)])
                            commonWords.append((Int(slot), weight, 1 << UInt64(slot), Int32(most)))
                            commonDotBound += most
                            continue
                        }
                        let list = Int(termStart[Int(term)])..<Int(termStart[Int(term) + 1])
                        walked &+= list.count
                        for index in list {
                            let j = Int(termMentors[index])
                            reach(j)
                            sums[j].dot &+= weight &* termWeights[index]
                        }
                    }
                    // The base's tables for this mentee.
                    if rowWindow != scratch.menteeWindow {
                        rowWindow = scratch.menteeWindow
                        for w in postings.mentorWindowClasses {
                            overlapRow[Int(w)] = Int32(
                                CompatibilityPoints.overlapPoints(scratch.menteeWindow.overlapMinutes(with: windows[Int(w)])))
                        }
                    }
                    let languages = scratch.languages
                    let stage = scratch.stage
                    let careerLast = kernel.careerPoints.count - 1
                    let language = Int32(CompatibilityPoints.sharedLanguage)
                    for g in 0..<groupCount {
                        var base = overlapRow[Int(postings.groupWindow[g])]
                        if languages & postings.groupLanguages[g] != 0 { base &+= language }
                        let gap = Int(postings.groupStage[g] &- stage)
                        if gap >= 0 { base &+= kernel.careerPoints[min(gap, careerLast)] }
                        baseTable[g] = base
                    }
                    let organisation = scratch.organisation
                    let freshEyes = scratch.freshEyes ? Int32(CompatibilityPoints.freshEyes) : 0
                    let requiredGender = scratch.requiredGender
                    let preference = scratch.organisationPreference
                    let skillCap = Int32(CompatibilityPoints.skillCap)
                    var threshold: Int32 = 0
                    @inline(__always) func allowed(_ j: Int, _ sameOrganisation: Bool) -> Bool {
                        if scratch.blockedMark[j] != 0 { return false }
                        if requiredGender != UInt8.max, kernel.gender[j] != requiredGender { return false }
                        switch preference {
                        case .inside where !sameOrganisation, .outside where sameOrganisation: return false
                        default: break
                        }
                        if let hashed = kernel.hashed, hashed.excludes(mentee: i, mentor: j) { return false }
                        return true
                    }
                    // 2. A mentor's exact score from its rarer part; offered when it can make the list.
                    @inline(__always) func consider(_ j: Int, _ skills: Int32, _ rareDot: Int32) {
                        let about = mentorInfo[j]
                        let sameOrganisation = about.organisation == organisation
                        let base = min(skills, skillCap) &+ baseTable[Int(about.group)] &+ (sameOrganisation ? 0 : freshEyes)
                        // dot × 200 / 1 000 000 = dot / 5 000; first with the shared common words at their most.
                        let mask = about.wordMask
                        var most = rareDot
                        for word in commonWords where mask & word.2 != 0 { most &+= word.3 }
                        if base &+ most / 5_000 <= threshold { return }
                        var dot = Int(rareDot)
                        let row = j &* common
                        for word in commonWords where mask & word.2 != 0 {
                            dot &+= Int(word.1) &* Int(commonWeights[row &+ word.0])
                        }
                        let score = base &+ Int32(dot / 5_000)
                        if score <= threshold { return }
                        if !allowed(j, sameOrganisation) { return }
                        scored &+= 1
                        top.offer(score, Int32(j))
                        if top.isFull { threshold = top.threshold }
                    }
                    // A first pass without the common words: each score is at least that "floor", so the `keep`-th
                    // best floor (allowed pairs only) is a floor for the final list, and the exact pass starts from it
                    // and skips, without reading anything more, every mentor whose floor plus the most the common
                    // words could add cannot beat it.
                    floorOf.removeAll(keepingCapacity: true)
                    for j32 in touched {
                        let j = Int(j32)
                        let about = mentorInfo[j]
                        let sameOrganisation = about.organisation == organisation
                        let floor = min(sums[j].skills, skillCap) &+ baseTable[Int(about.group)]
                            &+ (sameOrganisation ? 0 : freshEyes) &+ sums[j].dot / 5_000
                        floorOf.append(floor)
                        if floor <= threshold || keep == 0 { continue }
                        if !allowed(j, sameOrganisation) { continue }
                        floors.offer(floor, j32)
                        if floors.isFull { threshold = floors.threshold }
                    }
                    threshold = floors.isFull ? floors.threshold &- 1 : 0
                    floors.clear()
                    // (a + b) / 5 000 ≤ a / 5 000 + b / 5 000 + 1
                    let commonMost = Int32(commonDotBound / 5_000) &+ 1
                    for (position, j32) in touched.enumerated() where floorOf[position] &+ commonMost > threshold {
                        consider(Int(j32), sums[Int(j32)].skills, sums[Int(j32)].dot)
                    }
                    // 3. The rest share no skill and only common words: skip groups whose bound cannot make the list.
                    let commonBound = Int32(commonDotBound / 5_000) &+ freshEyes
                    for g in 0..<groupCount where baseTable[g] &+ commonBound > threshold {
                        for index in Int(postings.groupStart[g])..<Int(postings.groupStart[g + 1]) {
                            let j = Int(postings.groupMembers[index])
                            if sums[j].stamp != stamp { consider(j, 0, 0) }
                        }
                    }
                    unload(scratch)
                    let best = top.drain()
                    threshold = 0
                    counts.append(best.count)
                    for (j, score) in best {
                        mentorList.append(j)
                        scoreList.append(score)
                    }
                }
            }
            }
            }
            }
            }
            }
            }
            }
            }
            }
            return (counts, mentorList, scoreList, scored, walked)
        }
        var rowStart = [0]
        rowStart.reserveCapacity(mentees.count + 1)
        var mentorList: [Int32] = []
        var scoreList: [Int32] = []
        var edges = CandidateEdges(menteeCount: mentees.count, mentorCount: m, rowStart: [], mentors: [], scores: [])
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
