import Foundation

/// One mentor's running sums for the current mentee.
struct Sums {
    var stamp: UInt32 = 0
    var skills: Int32 = 0
    var dot: Int32 = 0
}

/// One worker's candidate search (see `CompatibilityScorer.candidateEdges`): per mentee, its best `keep` mentors.
///
/// The state is raw buffers and plain fields of a value the worker owns, so the hot loops run without exclusivity,
/// bounds or uniqueness checks (captured variables cost a runtime access check on every touch). `release()` frees it.
struct CandidateWorker {
    private let scorer: CompatibilityScorer
    private let postings: MentorPostings
    private let kernel: PairKernel
    private let scratch: MenteeScratch
    private let keep: Int
    private let skillCap = Int32(CompatibilityPoints.skillCap)

    /// Per mentor: reached for the current mentee (stamp), its skill points and word products so far.
    private let sums: UnsafeMutableBufferPointer<Sums>
    private var stamp: UInt32 = 0
    /// Mentors reached by a walked list, and the floor of each (its score without popular skills and common words).
    private let touched: UnsafeMutablePointer<Int32>
    private let floorOf: UnsafeMutablePointer<Int32>
    private var touchedCount = 0
    private let overlapRow: UnsafeMutableBufferPointer<Int32>
    private var rowWindow: WorkingWindow?
    /// Per mentor group: the base for the current mentee (working hours, language, career stage; not fresh eyes).
    private let baseTable: UnsafeMutableBufferPointer<Int32>
    // The current mentee's common words: column, weight, column bit, the most the word adds to the dot product.
    private let commonColumn: UnsafeMutablePointer<Int>
    private let commonWeight: UnsafeMutablePointer<Int32>
    private let commonBit: UnsafeMutablePointer<UInt64>
    private let commonMost: UnsafeMutablePointer<Int32>
    private var commonCount = 0
    private var commonDotBound = 0
    /// Points of the current mentee's popular skills (not walked), all together.
    private var popularPoints: Int32 = 0
    // The current mentee's facts, copied out of the scratch (a class: each read of its fields is checked).
    private var mentee = 0
    private var organisation: Int32 = 0
    private var freshEyes: Int32 = 0
    private var requiredGender = UInt8.max
    private var organisationPreference = MatchCandidate.OrganisationPreference.any
    private var threshold: Int32 = 0
    private var top: TopPairs
    private var floors: TopPairs

    /// Rows found so far: how many pairs each, then the pairs best first.
    private(set) var counts: [Int] = []
    private(set) var mentorList: [Int32] = []
    private(set) var scoreList: [Int32] = []
    private(set) var scored = 0
    private(set) var walked = 0

    init(_ scorer: CompatibilityScorer, postings: MentorPostings, kernel: PairKernel, keep: Int) {
        self.scorer = scorer
        self.postings = postings
        self.kernel = kernel
        self.keep = keep
        scratch = MenteeScratch(scorer)
        let m = postings.mentorCount
        sums = .allocate(capacity: max(m, 1))
        sums.initialize(repeating: Sums())
        touched = .allocate(capacity: max(m, 1))
        floorOf = .allocate(capacity: max(m, 1))
        overlapRow = .allocate(capacity: max(scorer.windows.count, 1))
        overlapRow.initialize(repeating: 0)
        baseTable = .allocate(capacity: max(postings.groupCount, 1))
        baseTable.initialize(repeating: 0)
        let vocabulary = max(scorer.vocabulary.words.count, 1)
        commonColumn = .allocate(capacity: vocabulary)
        commonWeight = .allocate(capacity: vocabulary)
        commonBit = .allocate(capacity: vocabulary)
        commonMost = .allocate(capacity: vocabulary)
        top = TopPairs(capacity: keep)
        floors = TopPairs(capacity: keep)
    }

    func release() {
        sums.deallocate()
        touched.deallocate()
        floorOf.deallocate()
        overlapRow.deallocate()
        baseTable.deallocate()
        commonColumn.deallocate()
        commonWeight.deallocate()
        commonBit.deallocate()
        commonMost.deallocate()
        top.release()
        floors.release()
    }

    /// Finds mentee `i`'s best `keep` mentors and appends them as the next row.
    mutating func search(_ i: Int) {
        guard keep > 0, postings.mentorCount > 0 else {
            counts.append(0)
            return
        }
        scorer.load(i, into: scratch)
        stamp &+= 1
        if stamp == 0 {
            for j in sums.indices { sums[j].stamp = 0 }
            stamp = 1
        }
        mentee = i
        organisation = scratch.organisation
        freshEyes = scratch.freshEyes ? Int32(CompatibilityPoints.freshEyes) : 0
        requiredGender = scratch.requiredGender
        organisationPreference = scratch.organisationPreference
        walkRarerLists(i)
        fillBaseTable()
        scoreReachedMentors()
        scoreOtherMentors()
        scorer.unload(scratch)
        threshold = 0
        let first = mentorList.count
        top.drain(mentors: &mentorList, scores: &scoreList)
        counts.append(mentorList.count - first)
    }

    /// 1. The lists of the mentee's rarer skills and words, adding up each reached mentor's skill points and word
    /// products. Popular skills and common words are only noted (their points at most).
    private mutating func walkRarerLists(_ i: Int) {
        touchedCount = 0
        popularPoints = 0
        for skill in scorer.menteeSkills[i] {
            let s = Int(skill)
            let points = scorer.skillPoints[s]
            if postings.skillIsPopular[s] {
                popularPoints &+= points
                continue
            }
            var index = Int(postings.skillStart[s])
            let end = Int(postings.skillStart[s + 1])
            walked &+= end &- index
            while index < end {
                let j = Int(postings.skillMentors[index])
                reach(j)
                sums[j].skills &+= points
                index &+= 1
            }
        }
        commonCount = 0
        commonDotBound = 0
        let vector = scorer.vocabulary.vectors[i]
        for (term, weight) in zip(vector.terms, vector.weights) {
            let t = Int(term)
            let slot = postings.termSlot[t]
            if slot >= 0 {
                let most = Int(weight) &* Int(postings.termMaxWeight[t])
                commonColumn[commonCount] = Int(slot)
                commonWeight[commonCount] = weight
                commonBit[commonCount] = 1 << UInt64(slot)
                commonMost[commonCount] = Int32(most)
                commonCount &+= 1
                commonDotBound &+= most
                continue
            }
            var index = Int(postings.termStart[t])
            let end = Int(postings.termStart[t + 1])
            walked &+= end &- index
            while index < end {
                let j = Int(postings.termMentors[index])
                reach(j)
                sums[j].dot &+= weight &* postings.termWeights[index]
                index &+= 1
            }
        }
    }

    @inline(__always)
    private mutating func reach(_ j: Int) {
        if sums[j].stamp != stamp {
            sums[j] = Sums(stamp: stamp)
            touched[touchedCount] = Int32(j)
            touchedCount &+= 1
        }
    }

    /// The base of each mentor group for this mentee (working hours, language, career stage).
    private mutating func fillBaseTable() {
        if rowWindow != scratch.menteeWindow {
            rowWindow = scratch.menteeWindow
            for w in postings.mentorWindowClasses {
                overlapRow[Int(w)] = Int32(CompatibilityPoints.overlapPoints(
                    scratch.menteeWindow.overlapMinutes(with: scorer.windows[Int(w)])))
            }
        }
        let languages = scratch.languages
        let stage = scratch.stage
        let careerLast = kernel.careerPoints.count - 1
        let language = Int32(CompatibilityPoints.sharedLanguage)
        for g in 0..<postings.groupCount {
            var base = overlapRow[Int(postings.groupWindow[g])]
            if languages & postings.groupLanguages[g] != 0 { base &+= language }
            let gap = Int(postings.groupStage[g] &- stage)
            if gap >= 0 { base &+= kernel.careerPoints[min(gap, careerLast)] }
            baseTable[g] = base
        }
    }

    /// 2. Mentors reached by a walked list. A first pass takes each one's floor (no popular skills, no common words):
    /// the `keep`-th best floor among allowed pairs is a floor for the final list. Then only mentors whose floor plus
    /// the most the popular skills and common words could add beats it are scored exactly.
    private mutating func scoreReachedMentors() {
        for t in 0..<touchedCount {
            let j = Int(touched[t])
            let about = postings.mentorInfo[j]
            let sameOrganisation = about.organisation == organisation
            let floor = min(sums[j].skills, skillCap) &+ baseTable[Int(about.group)]
                &+ (sameOrganisation ? 0 : freshEyes) &+ sums[j].dot / 5_000
            floorOf[t] = floor
            if floor <= threshold { continue }
            if !allowed(j, sameOrganisation) { continue }
            floors.offer(floor, Int32(j))
            if floors.isFull { threshold = floors.threshold }
        }
        threshold = floors.isFull ? floors.threshold &- 1 : 0
        floors.clear()
        // min(a + b, cap) ≤ min(a, cap) + b, and (a + b) / 5 000 ≤ a / 5 000 + b / 5 000 + 1
        let most = min(popularPoints, skillCap) &+ Int32(commonDotBound / 5_000) &+ 1
        for t in 0..<touchedCount where floorOf[t] &+ most > threshold {
            let j = Int(touched[t])
            consider(j, sums[j].dot)
        }
    }

    /// 3. The rest share no walked skill or word: at most their group's base, fresh eyes, the popular skills and the
    /// group's common words at their most. Groups where that cannot beat the `keep`-th best so far are skipped whole.
    private mutating func scoreOtherMentors() {
        let popular = min(popularPoints, skillCap)
        let loose = Int32(commonDotBound / 5_000) &+ freshEyes &+ popular
        let common = MentorPostings.common
        for g in 0..<postings.groupCount where baseTable[g] &+ loose > threshold {
            // The group's own highest weights for the mentee's common words: a much tighter bound.
            let row = g &* common
            var dot = 0
            for c in 0..<commonCount {
                dot &+= Int(commonWeight[c]) &* Int(postings.groupCommonMax[row &+ commonColumn[c]])
            }
            if baseTable[g] &+ freshEyes &+ popular &+ Int32(dot / 5_000) <= threshold { continue }
            for index in Int(postings.groupStart[g])..<Int(postings.groupStart[g + 1]) {
                let j = Int(postings.groupMembers[index])
                if sums[j].stamp != stamp { consider(j, 0) }
            }
        }
    }

    /// A mentor's exact score from its walked word products; offered when it can make the list.
    @inline(__always)
    private mutating func consider(_ j: Int, _ rareDot: Int32) {
        let about = postings.mentorInfo[j]
        let sameOrganisation = about.organisation == organisation
        // All the mentor's skills against the mentee's (a few entries): the walked ones and the popular ones.
        var skills: Int32 = 0
        var index = Int(kernel.skillStart[j])
        let skillEnd = Int(kernel.skillStart[j + 1])
        while index < skillEnd {
            skills &+= scratch.skillWeight[Int(kernel.skillList[index])]
            index &+= 1
        }
        let base = min(skills, skillCap) &+ baseTable[Int(about.group)] &+ (sameOrganisation ? 0 : freshEyes)
        // dot × 200 / 1 000 000 = dot / 5 000; first with the shared common words at their most.
        let mask = about.wordMask
        var most = rareDot
        for c in 0..<commonCount where mask & commonBit[c] != 0 { most &+= commonMost[c] }
        if base &+ most / 5_000 <= threshold { return }
        var dot = Int(rareDot)
        let row = j &* MentorPostings.common
        for c in 0..<commonCount where mask & commonBit[c] != 0 {
            dot &+= Int(commonWeight[c]) &* Int(postings.commonWeights[row &+ commonColumn[c]])
        }
        let score = base &+ Int32(dot / 5_000)
        if score <= threshold { return }
        if !allowed(j, sameOrganisation) { return }
        scored &+= 1
        top.offer(score, Int32(j))
        if top.isFull { threshold = top.threshold }
    }

    /// The hard constraints, checked only for pairs that would make the list.
    @inline(__always)
    private func allowed(_ j: Int, _ sameOrganisation: Bool) -> Bool {
        if scratch.blockedMark[j] != 0 { return false }
        if requiredGender != UInt8.max, kernel.gender[j] != requiredGender { return false }
        switch organisationPreference {
        case .inside where !sameOrganisation, .outside where sameOrganisation: return false
        default: break
        }
        if let hashed = kernel.hashed, hashed.excludes(mentee: mentee, mentor: j) { return false }
        return true
    }
}
