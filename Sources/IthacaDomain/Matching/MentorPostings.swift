import Foundation

/// What the candidate search needs about mentors, built once per search and read by every worker: inverted lists for
/// the rarer skills and words, a dense weight table for the commonest words, and mentors grouped by what the base
/// part of the score depends on. Kept in raw buffers so the workers' loops run without bounds or reference counting.
///
/// Mentors are renumbered so that each group's members are neighbours ("positions"): scanning a group reads memory in
/// order. Lists and tables here are by position; `mentorAt` gives the mentor back.
final class MentorPostings: @unchecked Sendable {
    /// How many of the most used words are "common" (a dense table instead of lists).
    static let common = 64
    /// A skill offered by more than one mentor in `popularShare` is "popular" (at most 32 of them, the most offered):
    /// its list is long and worth few points, so it is not walked; each mentor carries a bit for it instead.
    static let popularShare = 8

    let mentorCount: Int
    let groupCount: Int
    let mentorAt: UnsafeMutableBufferPointer<Int32>
    let skillStart: UnsafeMutableBufferPointer<Int32>
    let skillPositions: UnsafeMutableBufferPointer<Int32>
    /// The skill's bit in `MentorSlot.popularSkills`, or −1 when its list is walked.
    let popularBit: UnsafeMutableBufferPointer<Int8>
    let termStart: UnsafeMutableBufferPointer<Int32>
    let termPositions: UnsafeMutableBufferPointer<Int32>
    /// The mentor's weight for the word, beside `termPositions`.
    let termWeights: UnsafeMutableBufferPointer<Int32>
    let termMaxWeight: UnsafeMutableBufferPointer<Int32>
    /// The word's column in `commonWeights`, or −1 when it is not among the commonest.
    let termSlot: UnsafeMutableBufferPointer<Int32>
    /// `mentorCount × common`: the weight of the mentor at position p for the common word in column c, at `p * common + c`.
    let commonWeights: UnsafeMutableBufferPointer<UInt16>
    /// Per position, what the search reads for every mentor it reaches, in one place.
    let facts: UnsafeMutableBufferPointer<MentorFacts>
    /// Mentors with the same working hours, languages and career stage (the base, but for fresh eyes, is theirs):
    /// group g holds positions `groupStart[g]..<groupStart[g + 1]`.
    let groupStart: UnsafeMutableBufferPointer<Int32>
    let groupWindow: UnsafeMutableBufferPointer<Int32>
    let groupLanguages: UnsafeMutableBufferPointer<UInt64>
    let groupStage: UnsafeMutableBufferPointer<Int32>
    /// `groupCount × common`: the highest weight any mentor of the group has for each common word.
    let groupCommonMax: UnsafeMutableBufferPointer<UInt16>
    /// The popular skills any mentor of the group offers.
    let groupPopularSkills: UnsafeMutableBufferPointer<UInt32>
    /// Distinct working-hours classes among mentors.
    let mentorWindowClasses: [Int32]

    init(_ scorer: CompatibilityScorer) {
        let m = scorer.mentors.count
        mentorCount = m
        let common = MentorPostings.common
        let groups = MentorGroups(scorer)
        groupCount = groups.window.count
        groupWindow = PairKernel.copy(groups.window)
        groupLanguages = PairKernel.copy(groups.languages)
        groupStage = PairKernel.copy(groups.stage)
        // Positions: mentors ordered by group (stable), so each group is one run.
        let byGroup = MentorPostings.invert(keys: groupCount, mentorCount: m, start: Array(0...m), list: groups.groupOf)
        groupStart = PairKernel.copy(byGroup.start)
        mentorAt = PairKernel.copy(byGroup.mentors)
        let order = byGroup.mentors.map(Int.init)

        // Per-position views of the scorer's per-mentor lists.
        let skillSets = order.map { Array(scorer.mentorSkillList[scorer.mentorSkillStart[$0]..<scorer.mentorSkillStart[$0 + 1]]) }
        let (skillSetStart, skillSetList) = CompatibilityScorer.flatten(skillSets)
        let skills = MentorPostings.invert(
            keys: scorer.skillNames.count, mentorCount: m, start: skillSetStart, list: skillSetList)
        skillStart = PairKernel.copy(skills.start)
        skillPositions = PairKernel.copy(skills.mentors)
        func offeredBy(_ skill: Int) -> Int32 { skills.start[skill + 1] - skills.start[skill] }
        let popular = (0..<scorer.skillNames.count)
            .filter { Int(offeredBy($0)) * MentorPostings.popularShare > m }
            .sorted { offeredBy($0) != offeredBy($1) ? offeredBy($0) > offeredBy($1) : $0 < $1 }
            .prefix(32)
        var bits = [Int8](repeating: -1, count: scorer.skillNames.count)
        for (bit, skill) in popular.enumerated() { bits[skill] = Int8(bit) }
        popularBit = PairKernel.copy(bits)

        let termSets = order.map { Array(scorer.mentorTerms[scorer.mentorTermStart[$0]..<scorer.mentorTermStart[$0 + 1]]) }
        let termWeightSets = order.map {
            Array(scorer.mentorTermWeights[scorer.mentorTermStart[$0]..<scorer.mentorTermStart[$0 + 1]])
        }
        let (termSetStart, termSetList) = CompatibilityScorer.flatten(termSets)
        let termSetWeights = termWeightSets.flatMap { $0 }
        let wordCount = scorer.vocabulary.words.count
        let terms = MentorPostings.invert(
            keys: wordCount, mentorCount: m, start: termSetStart, list: termSetList, values: termSetWeights)
        termStart = PairKernel.copy(terms.start)
        termPositions = PairKernel.copy(terms.mentors)
        termWeights = PairKernel.copy(terms.values)
        var maxWeight = [Int32](repeating: 0, count: wordCount)
        for (term, weight) in zip(termSetList, termSetWeights) { maxWeight[Int(term)] = max(maxWeight[Int(term)], weight) }
        termMaxWeight = PairKernel.copy(maxWeight)
        let columns = MentorPostings.commonest(terms.start)
        termSlot = PairKernel.copy(columns)

        var weights = [UInt16](repeating: 0, count: m * common)
        var mentorFacts: [MentorFacts] = []
        mentorFacts.reserveCapacity(m)
        var groupMax = [UInt16](repeating: 0, count: groupCount * common)
        var groupPopular = [UInt32](repeating: 0, count: groupCount)
        for p in 0..<m {
            let group = Int(groups.groupOf[order[p]])
            var mentor = MentorFacts(group: Int32(group), organisation: scorer.mentorOrganisation[order[p]])
            for index in termSetStart[p]..<termSetStart[p + 1] {
                let column = columns[Int(termSetList[index])]
                guard column >= 0 else { continue }
                let weight = UInt16(clamping: termSetWeights[index])
                weights[p * common + Int(column)] = weight
                groupMax[group * common + Int(column)] = max(groupMax[group * common + Int(column)], weight)
                mentor.commonWords |= 1 << UInt64(column)
                mentor.commonMaxWeight = max(mentor.commonMaxWeight, weight)
            }
            for skill in skillSets[p] where bits[Int(skill)] >= 0 { mentor.popularSkills |= 1 << UInt32(bits[Int(skill)]) }
            groupPopular[group] |= mentor.popularSkills
            mentorFacts.append(mentor)
        }
        commonWeights = PairKernel.copy(weights)
        groupCommonMax = PairKernel.copy(groupMax)
        groupPopularSkills = PairKernel.copy(groupPopular)
        facts = PairKernel.copy(mentorFacts)
        mentorWindowClasses = Array(Set(scorer.mentorWindow)).sorted()
    }

    deinit {
        for buffer in [mentorAt, skillStart, skillPositions, termStart, termPositions, termWeights, termMaxWeight,
                       termSlot, groupStart, groupWindow, groupStage] {
            buffer.deallocate()
        }
        popularBit.deallocate()
        commonWeights.deallocate()
        facts.deallocate()
        groupLanguages.deallocate()
        groupCommonMax.deallocate()
        groupPopularSkills.deallocate()
    }

    /// Per-mentor lists (`list[start[j]..<start[j + 1]]`) turned into per-key lists of mentors, with the values beside.
    static func invert(
        keys: Int, mentorCount: Int, start: [Int], list: [Int32], values: [Int32] = []
    ) -> (start: [Int32], mentors: [Int32], values: [Int32]) {
        var counts = [Int32](repeating: 0, count: keys + 1)
        for key in list { counts[Int(key) + 1] += 1 }
        for key in 0..<keys { counts[key + 1] += counts[key] }
        var fill = counts
        var mentors = [Int32](repeating: 0, count: list.count)
        var inverted = [Int32](repeating: 0, count: values.isEmpty ? 0 : list.count)
        for j in 0..<mentorCount {
            for index in start[j]..<start[j + 1] {
                let key = Int(list[index])
                mentors[Int(fill[key])] = Int32(j)
                if !values.isEmpty { inverted[Int(fill[key])] = values[index] }
                fill[key] += 1
            }
        }
        return (counts, mentors, inverted)
    }

    /// Each key's column among the `common` longest lists, −1 for the others.
    static func commonest(_ starts: [Int32]) -> [Int32] {
        func length(_ key: Int) -> Int32 { starts[key + 1] - starts[key] }
        let keys = (0..<(starts.count - 1)).filter { length($0) > 0 }.sorted { length($0) > length($1) }
        var slot = [Int32](repeating: -1, count: starts.count - 1)
        for (column, key) in keys.prefix(MentorPostings.common).enumerated() { slot[key] = Int32(column) }
        return slot
    }
}

/// Mentors grouped by working hours, languages and career stage, in order of first appearance.
struct MentorGroups {
    var groupOf: [Int32] = []
    var window: [Int32] = []
    var languages: [UInt64] = []
    var stage: [Int32] = []

    init(_ scorer: CompatibilityScorer) {
        struct Key: Hashable {
            var window: Int32
            var languages: UInt64
            var stage: Int32
        }
        var index: [Key: Int32] = [:]
        for j in 0..<scorer.mentors.count {
            let key = Key(window: scorer.mentorWindow[j], languages: scorer.mentorLanguages[j], stage: scorer.mentorStage[j])
            if let known = index[key] {
                groupOf.append(known)
                continue
            }
            index[key] = Int32(window.count)
            groupOf.append(Int32(window.count))
            window.append(key.window)
            languages.append(key.languages)
            stage.append(key.stage)
        }
    }
}

/// One mentor as the candidate search sees it when bounding or scoring a pair.
struct MentorFacts {
    var group: Int32
    var organisation: Int32
    /// Bit c set when the mentor uses the common word in column c.
    var commonWords: UInt64 = 0
    /// Bit b set when the mentor offers the popular skill with bit b.
    var popularSkills: UInt32 = 0
    /// The mentor's highest weight for any common word (a tighter bound than each word's highest over all mentors).
    var commonMaxWeight: UInt16 = 0

    init(group: Int32, organisation: Int32) {
        self.group = group
        self.organisation = organisation
    }
}
