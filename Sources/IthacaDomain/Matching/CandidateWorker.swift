import Foundation

/// One mentor's running sums for the current mentee: points of the walked (not popular) skills and products of the
/// walked (not common) words it shares with the mentee. Small, so every worker's sums stay in its core's cache.
struct Sums {
    var skills: Int32
    var dot: Int32
}

/// One worker's candidate search (see `CompatibilityScorer.candidateEdges`): per mentee, its best `keep` mentors.
///
/// The search ranks by reduced score, a pair's score minus its mentor's price (`prices`; all 0 for the candidate
/// search, the dual prices of a solved round for the sparse mode's proof, `CompatibilityScorer.pairsBeating`), and keeps
/// only pairs whose reduced score beats the mentee's value (0 for the candidate search). Every bound below is a bound on
/// the score, less the lowest price it could meet (the mentor's own, or its group's lowest), so the pruning stays exact
/// in both uses. `threshold` is the lowest reduced score that can still make the list: equal ones compete by the
/// list's tie key.
///
/// The state is raw buffers and plain fields of a value the worker owns, so the hot loops run without exclusivity,
/// bounds or uniqueness checks (captured variables cost a runtime access check on every touch). `release()` frees it.
/// Mentors are by position (see `MentorPostings`) until a pair is offered to the list.
struct CandidateWorker {
    private let scorer: CompatibilityScorer
    private let postings: MentorPostings
    private let kernel: PairKernel
    private let scratch: MenteeScratch
    private let keep: Int
    private let skillCap = Int32(CompatibilityPoints.skillCap)

    /// Per position: reached for the current mentee (a bit, cleared per mentee), and if so its running sums.
    private let reached: UnsafeMutablePointer<UInt64>
    private let reachedWords: Int
    private let sums: UnsafeMutablePointer<Sums>
    /// Positions reached by a walked list, and the floor of each (its exact score without the common words).
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
    /// The current mentee's popular skills (not walked): their bits, and each bit's points.
    private var popularSkills: UInt32 = 0
    private let popularPoints: UnsafeMutablePointer<Int32>
    // The current mentee's facts, copied out of the scratch (a class: each read of its fields is checked).
    private var mentee = 0
    private var organisation: Int32 = 0
    private var freshEyes: Int32 = 0
    private var requiredGender = UInt8.max
    private var organisationPreference = MatchCandidate.OrganisationPreference.any
    private var threshold: Int32 = 1
    /// Each mentor's price, by position and by index in the round; the lowest price in each group.
    private let priceAt: UnsafeMutablePointer<Int32>
    private let priceOf: UnsafeMutablePointer<Int32>
    private let groupLowestPrice: UnsafeMutablePointer<Int32>
    /// Each group's positions, cheapest first: a group is scanned until the bound less the price cannot beat the list.
    private let byPrice: UnsafeMutablePointer<Int32>
    private var top: TopPairs
    private var floors: TopPairs

    /// Rows found so far: how many pairs each, then the pairs best first.
    private(set) var counts: [Int] = []
    private(set) var mentorList: [Int32] = []
    private(set) var scoreList: [Int32] = []
    private(set) var scored = 0
    private(set) var walked = 0

    /// `prices` by mentor index in the round (nil: all 0).
    init(_ scorer: CompatibilityScorer, postings: MentorPostings, kernel: PairKernel, keep: Int, prices: [Int32]? = nil) {
        self.scorer = scorer
        self.postings = postings
        self.kernel = kernel
        self.keep = keep
        scratch = MenteeScratch(scorer)
        let m = postings.mentorCount
        reachedWords = (m + 63) / 64
        reached = .allocate(capacity: max(reachedWords, 1))
        reached.initialize(repeating: 0, count: max(reachedWords, 1))
        sums = .allocate(capacity: max(m, 1))
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
        popularPoints = .allocate(capacity: 32)
        popularPoints.initialize(repeating: 0, count: 32)
        top = TopPairs(capacity: keep)
        floors = TopPairs(capacity: keep)
        priceAt = .allocate(capacity: max(m, 1))
        priceOf = .allocate(capacity: max(m, 1))
        groupLowestPrice = .allocate(capacity: max(postings.groupCount, 1))
        byPrice = .allocate(capacity: max(m, 1))
        for p in 0..<m {
            let price = prices?[Int(postings.mentorAt[p])] ?? 0
            priceAt[p] = price
            priceOf[Int(postings.mentorAt[p])] = price
        }
        for g in 0..<postings.groupCount {
            let members = Int(postings.groupStart[g])..<Int(postings.groupStart[g + 1])
            let table = priceAt
            let ordered = prices == nil ? Array(members) : members.sorted { table[$0] < table[$1] }
            for (k, p) in ordered.enumerated() { byPrice[members.lowerBound + k] = Int32(p) }
            groupLowestPrice[g] = members.isEmpty ? Int32.max : priceAt[ordered[0]]
        }
    }

    func release() {
        reached.deallocate()
        sums.deallocate()
        touched.deallocate()
        floorOf.deallocate()
        overlapRow.deallocate()
        baseTable.deallocate()
        commonColumn.deallocate()
        commonWeight.deallocate()
        commonBit.deallocate()
        commonMost.deallocate()
        popularPoints.deallocate()
        top.release()
        floors.release()
        priceAt.deallocate()
        byPrice.deallocate()
        priceOf.deallocate()
        groupLowestPrice.deallocate()
    }

    /// Everything found so far, for `CompatibilityScorer` to join with the other workers'.
    var found: CompatibilityScorer.CandidateRows { (counts, mentorList, scoreList, scored, walked) }

    /// An empty row for mentee `i` (not searched).
    mutating func skip() { counts.append(0) }

    /// Like `search`, but among `mentors` only, each scored exactly (the pricing step's recheck of the mentors whose
    /// price fell since the mentee was last searched in full).
    mutating func recheck(_ i: Int, among mentors: [Int32], beating value: Int32) {
        guard keep > 0, value < Int32.max else {
            counts.append(0)
            return
        }
        threshold = value &+ 1
        top.salt = TopPairs.salt(mentee: i)
        scorer.load(i, into: scratch)
        for mentor in mentors {
            let j = Int(mentor)
            let score = scorer.kernelScore(j, kernel, scratch)
            guard score > 0 else { continue }
            let reduced = score &- priceOf[j]
            if reduced < threshold { continue }
            scored &+= 1
            top.offer(reduced, mentor)
            if top.isFull { threshold = top.threshold }
        }
        scorer.unload(scratch)
        appendRow()
    }

    /// Finds mentee `i`'s best `keep` mentors by reduced score among those whose reduced score beats `value`, and
    /// appends them (with their plain scores) as the next row.
    mutating func search(_ i: Int, beating value: Int32 = 0) {
        guard keep > 0, postings.mentorCount > 0, value < Int32.max else {
            counts.append(0)
            return
        }
        threshold = value &+ 1
        top.salt = TopPairs.salt(mentee: i)
        scorer.load(i, into: scratch)
        reached.update(repeating: 0, count: reachedWords)
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
        appendRow()
    }

    /// Moves the list into the rows found so far, best first; it holds reduced scores: back to the pairs' scores.
    private mutating func appendRow() {
        let first = mentorList.count
        top.drain(mentors: &mentorList, scores: &scoreList)
        for k in first..<scoreList.count { scoreList[k] &+= priceOf[Int(mentorList[k])] }
        counts.append(mentorList.count - first)
    }

    /// 1. The lists of the mentee's rarer skills and words, adding up each reached mentor's skill points and word
    /// products. Popular skills and common words are only noted.
    private mutating func walkRarerLists(_ i: Int) {
        touchedCount = 0
        popularSkills = 0
        for skill in scorer.menteeSkills[i] {
            let s = Int(skill)
            let points = scorer.skillPoints[s]
            let bit = postings.popularBit[s]
            if bit >= 0 {
                popularSkills |= 1 << UInt32(bit)
                popularPoints[Int(bit)] = points
                continue
            }
            var index = Int(postings.skillStart[s])
            let end = Int(postings.skillStart[s + 1])
            walked &+= end &- index
            while index < end {
                reach(Int(postings.skillPositions[index]), skills: points, dot: 0)
                index &+= 1
            }
        }
        commonCount = 0
        commonDotBound = 0
        let vector = scorer.vocabulary.vectors[i]
        for (term, weight) in zip(vector.terms, vector.weights) {
            let t = Int(term)
            let column = postings.termSlot[t]
            if column >= 0 {
                let most = Int(weight) &* Int(postings.termMaxWeight[t])
                commonColumn[commonCount] = Int(column)
                commonWeight[commonCount] = weight
                commonBit[commonCount] = 1 << UInt64(column)
                commonMost[commonCount] = Int32(most)
                commonCount &+= 1
                commonDotBound &+= most
                continue
            }
            var index = Int(postings.termStart[t])
            let end = Int(postings.termStart[t + 1])
            walked &+= end &- index
            while index < end {
                reach(Int(postings.termPositions[index]), skills: 0, dot: weight &* postings.termWeights[index])
                index &+= 1
            }
        }
    }

    /// Adds to the sums of the mentor at position `p`, starting them when it is reached first for this mentee.
    @inline(__always)
    private mutating func reach(_ p: Int, skills: Int32, dot: Int32) {
        let bit: UInt64 = 1 << UInt64(p & 63)
        if reached[p >> 6] & bit == 0 {
            reached[p >> 6] |= bit
            sums[p] = Sums(skills: skills, dot: dot)
            touched[touchedCount] = Int32(p)
            touchedCount &+= 1
        } else {
            sums[p].skills &+= skills
            sums[p].dot &+= dot
        }
    }

    /// The points of the mentee's popular skills among `skills` (bits).
    @inline(__always)
    private func popular(_ skills: UInt32) -> Int32 {
        var shared = skills & popularSkills
        var points: Int32 = 0
        while shared != 0 {
            points &+= popularPoints[shared.trailingZeroBitCount]
            shared &= shared &- 1
        }
        return points
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

    /// 2. Mentors reached by a walked list. A first pass takes each one's floor (its score but for the common words):
    /// the `keep`-th best floor among allowed pairs is a floor for the final list. Then only mentors whose floor plus
    /// the most the common words could add beats it are scored exactly.
    private mutating func scoreReachedMentors() {
        // Floors first in a loop without branches, so the scattered reads overlap; then the list over them.
        for t in 0..<touchedCount {
            let p = Int(touched[t])
            let mentor = postings.facts[p]
            let skills = sums[p].skills &+ popular(mentor.popularSkills)
            floorOf[t] = min(skills, skillCap) &+ baseTable[Int(mentor.group)]
                &+ (mentor.organisation == organisation ? 0 : freshEyes) &+ sums[p].dot / 5_000
        }
        // The k-th best reduced floor among allowed pairs: the k-th best reduced score is at least that.
        for t in 0..<touchedCount where floorOf[t] &- priceAt[Int(touched[t])] >= threshold {
            let p = Int(touched[t])
            if !allowed(Int(postings.mentorAt[p]), postings.facts[p].organisation == organisation) { continue }
            floors.offer(floorOf[t] &- priceAt[p], Int32(p))
            if floors.isFull { threshold = floors.threshold }
        }
        floors.clear()
        // (a + b) / 5 000 ≤ a / 5 000 + b / 5 000 + 1
        let most = Int32(commonDotBound / 5_000) &+ 1
        for t in 0..<touchedCount where floorOf[t] &+ most &- priceAt[Int(touched[t])] >= threshold {
            let p = Int(touched[t])
            let mentor = postings.facts[p]
            let dot = sums[p].dot
            consider(p, mentor, dot, floorOf[t] &- dot / 5_000, mentor.organisation == organisation)
        }
    }

    /// 3. The rest share no walked skill or word: at most their group's base, fresh eyes, the popular skills the
    /// group offers and the group's highest weights for the common words. Groups where that cannot beat the `keep`-th
    /// best so far are skipped whole; the others' mentors are scored exactly.
    private mutating func scoreOtherMentors() {
        let loose = Int32(commonDotBound / 5_000) &+ freshEyes &+ min(popular(UInt32.max), skillCap)
        let common = MentorPostings.common
        for g in 0..<postings.groupCount where baseTable[g] &+ loose &- groupLowestPrice[g] >= threshold {
            // The group's own popular skills and highest weights for the mentee's common words: a much tighter bound.
            let row = g &* common
            var dot = 0
            for c in 0..<commonCount {
                dot &+= Int(commonWeight[c]) &* Int(postings.groupCommonMax[row &+ commonColumn[c]])
            }
            let bound = baseTable[g] &+ freshEyes &+ min(popular(postings.groupPopularSkills[g]), skillCap)
                &+ Int32(dot / 5_000)
            if bound &- groupLowestPrice[g] < threshold { continue }
            for q in Int(postings.groupStart[g])..<Int(postings.groupStart[g + 1]) {
                let p = Int(byPrice[q])
                if bound &- priceAt[p] < threshold { break }
                if reached[p >> 6] & (1 << UInt64(p & 63)) != 0 { continue }
                let mentor = postings.facts[p]
                let sameOrganisation = mentor.organisation == organisation
                let partial = min(popular(mentor.popularSkills), skillCap) &+ baseTable[g]
                    &+ (sameOrganisation ? 0 : freshEyes)
                consider(p, mentor, 0, partial, sameOrganisation)
            }
        }
    }

    /// A mentor's exact score: `partial` (all but the words) plus its word products, the walked ones (`rareDot`) and
    /// the common ones; offered when it can make the list.
    @inline(__always)
    private mutating func consider(
        _ p: Int, _ mentor: MentorFacts, _ rareDot: Int32, _ partial: Int32, _ sameOrganisation: Bool
    ) {
        // dot × 200 / 1 000 000 = dot / 5 000; first with the shared common words at their most (for this mentor).
        let mask = mentor.commonWords
        let mentorMost = Int32(mentor.commonMaxWeight)
        var most = rareDot
        for c in 0..<commonCount where mask & commonBit[c] != 0 {
            most &+= min(commonMost[c], commonWeight[c] &* mentorMost)
        }
        let price = priceAt[p]
        if partial &+ most / 5_000 &- price < threshold { return }
        var dot = Int(rareDot)
        let row = p &* MentorPostings.common
        for c in 0..<commonCount where mask & commonBit[c] != 0 {
            dot &+= Int(commonWeight[c]) &* Int(postings.commonWeights[row &+ commonColumn[c]])
        }
        let score = partial &+ Int32(dot / 5_000)
        let reduced = score &- price
        // (A pair scoring 0 is no edge, even when a pricing pass with slack asks for reduced scores below 0.)
        if reduced < threshold || score <= 0 { return }
        let j = Int(postings.mentorAt[p])
        if !allowed(j, sameOrganisation) { return }
        scored &+= 1
        top.offer(reduced, Int32(j))
        if top.isFull { threshold = top.threshold }
    }

    /// The hard constraints (mentor `j` by its index in the round), checked only for pairs that would make the list.
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
