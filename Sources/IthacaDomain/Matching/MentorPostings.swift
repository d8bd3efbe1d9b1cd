import Foundation

/// What the candidate search needs about mentors, built once per search and read by every worker: inverted lists for
/// the skills and the rarer words, a dense weight table for the commonest words, and mentors grouped by what the base
/// part of the score depends on. Kept in raw buffers so the workers' loops run without bounds or reference counting.
final class MentorPostings: @unchecked Sendable {
    /// How many of the most used words are "common" (a dense table instead of lists).
    static let common = 64
    /// A skill offered by more than one mentor in `popularShare` is "popular": its list is not walked (it is long and
    /// worth few points); its mentors are bounded by group and probed instead.
    static let popularShare = 8

    let mentorCount: Int
    let groupCount: Int
    let skillStart: UnsafeMutableBufferPointer<Int32>
    let skillMentors: UnsafeMutableBufferPointer<Int32>
    let skillIsPopular: UnsafeMutableBufferPointer<Bool>
    let termStart: UnsafeMutableBufferPointer<Int32>
    let termMentors: UnsafeMutableBufferPointer<Int32>
    /// The mentor's weight for the word, beside `termMentors`.
    let termWeights: UnsafeMutableBufferPointer<Int32>
    let termMaxWeight: UnsafeMutableBufferPointer<Int32>
    /// The word's column in `commonWeights`, or −1 when it is not among the commonest.
    let termSlot: UnsafeMutableBufferPointer<Int32>
    /// `mentorCount × common`: mentor j's weight for the common word in column c at `j * common + c`.
    let commonWeights: UnsafeMutableBufferPointer<UInt16>
    /// Per mentor, what the candidate search reads for every mentor it reaches, in one place.
    let mentorInfo: UnsafeMutableBufferPointer<MentorInfo>
    /// Mentors with the same working hours, languages and career stage (the base, but for fresh eyes, is theirs).
    let groupStart: UnsafeMutableBufferPointer<Int32>
    let groupMembers: UnsafeMutableBufferPointer<Int32>
    let groupWindow: UnsafeMutableBufferPointer<Int32>
    let groupLanguages: UnsafeMutableBufferPointer<UInt64>
    let groupStage: UnsafeMutableBufferPointer<Int32>
    /// `groupCount × common`: the highest weight any mentor of the group has for each common word.
    let groupCommonMax: UnsafeMutableBufferPointer<UInt16>
    /// Distinct working-hours classes among mentors.
    let mentorWindowClasses: [Int32]

    init(_ scorer: CompatibilityScorer) {
        let m = scorer.mentors.count
        mentorCount = m
        let common = MentorPostings.common
        let skills = MentorPostings.invert(
            keys: scorer.skillNames.count, mentorCount: m, start: scorer.mentorSkillStart, list: scorer.mentorSkillList)
        skillStart = PairKernel.copy(skills.start)
        skillMentors = PairKernel.copy(skills.mentors)
        skillIsPopular = PairKernel.copy((0..<scorer.skillNames.count).map {
            Int(skills.start[$0 + 1] - skills.start[$0]) * MentorPostings.popularShare > m
        })

        let wordCount = scorer.vocabulary.words.count
        let terms = MentorPostings.invert(
            keys: wordCount, mentorCount: m, start: scorer.mentorTermStart, list: scorer.mentorTerms,
            values: scorer.mentorTermWeights)
        termStart = PairKernel.copy(terms.start)
        termMentors = PairKernel.copy(terms.mentors)
        termWeights = PairKernel.copy(terms.values)
        var maxWeight = [Int32](repeating: 0, count: wordCount)
        for (term, weight) in zip(scorer.mentorTerms, scorer.mentorTermWeights) {
            maxWeight[Int(term)] = max(maxWeight[Int(term)], weight)
        }
        termMaxWeight = PairKernel.copy(maxWeight)
        let slots = MentorPostings.commonest(terms.start)
        termSlot = PairKernel.copy(slots)
        var weights = [UInt16](repeating: 0, count: m * common)
        var masks = [UInt64](repeating: 0, count: m)
        for j in 0..<m {
            for index in scorer.mentorTermStart[j]..<scorer.mentorTermStart[j + 1] {
                let slot = slots[Int(scorer.mentorTerms[index])]
                if slot >= 0 {
                    weights[j * common + Int(slot)] = UInt16(clamping: scorer.mentorTermWeights[index])
                    masks[j] |= 1 << UInt64(slot)
                }
            }
        }
        commonWeights = PairKernel.copy(weights)

        let groups = MentorGroups(scorer)
        groupCount = groups.window.count
        groupWindow = PairKernel.copy(groups.window)
        groupLanguages = PairKernel.copy(groups.languages)
        groupStage = PairKernel.copy(groups.stage)
        let members = MentorPostings.invert(
            keys: groupCount, mentorCount: m, start: Array(0...m), list: groups.groupOf)
        groupStart = PairKernel.copy(members.start)
        groupMembers = PairKernel.copy(members.mentors)
        var groupMax = [UInt16](repeating: 0, count: groupCount * common)
        for j in 0..<m {
            let row = Int(groups.groupOf[j]) * common
            for column in 0..<common {
                groupMax[row + column] = max(groupMax[row + column], weights[j * common + column])
            }
        }
        groupCommonMax = PairKernel.copy(groupMax)
        mentorWindowClasses = Array(Set(scorer.mentorWindow)).sorted()
        mentorInfo = PairKernel.copy((0..<m).map {
            MentorInfo(wordMask: masks[$0], group: groups.groupOf[$0], organisation: scorer.mentorOrganisation[$0])
        })
    }

    deinit {
        for buffer in [skillStart, skillMentors, termStart, termMentors, termWeights, termMaxWeight, termSlot,
                       groupStart, groupMembers, groupWindow, groupStage] {
            buffer.deallocate()
        }
        skillIsPopular.deallocate()
        commonWeights.deallocate()
        groupCommonMax.deallocate()
        groupLanguages.deallocate()
        mentorInfo.deallocate()
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

struct MentorInfo: Sendable {
    /// Bit c set when the mentor uses the common word in column c.
    var wordMask: UInt64
    var group: Int32
    var organisation: Int32
}
