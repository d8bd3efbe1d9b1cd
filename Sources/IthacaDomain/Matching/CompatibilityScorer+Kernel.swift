import Foundation

/// The scorer's per-mentor data packed into raw buffers, for the hot pair loop: no bounds checks, no reference counting.
///
/// Built once per scorer call (dense matrix or candidate search) and shared read-only by every worker.
final class PairKernel: @unchecked Sendable {
    let mentorCount: Int
    let skillStart: UnsafeMutableBufferPointer<Int32>
    let skillList: UnsafeMutableBufferPointer<Int32>
    let termStart: UnsafeMutableBufferPointer<Int32>
    let terms: UnsafeMutableBufferPointer<Int32>
    let termWeights: UnsafeMutableBufferPointer<Int32>
    let window: UnsafeMutableBufferPointer<Int32>
    let languages: UnsafeMutableBufferPointer<UInt64>
    let organisation: UnsafeMutableBufferPointer<Int32>
    let gender: UnsafeMutableBufferPointer<UInt8>
    let stage: UnsafeMutableBufferPointer<Int32>
    let careerPoints: UnsafeMutableBufferPointer<Int32>
    let hashed: HashedPairExclusion?

    init(_ scorer: CompatibilityScorer) {
        mentorCount = scorer.mentors.count
        skillStart = PairKernel.copy(scorer.mentorSkillStart.map { Int32($0) })
        skillList = PairKernel.copy(scorer.mentorSkillList)
        termStart = PairKernel.copy(scorer.mentorTermStart.map { Int32($0) })
        terms = PairKernel.copy(scorer.mentorTerms)
        termWeights = PairKernel.copy(scorer.mentorTermWeights)
        window = PairKernel.copy(scorer.mentorWindow)
        languages = PairKernel.copy(scorer.mentorLanguages)
        organisation = PairKernel.copy(scorer.mentorOrganisation)
        gender = PairKernel.copy(scorer.mentorGender)
        stage = PairKernel.copy(scorer.mentorStage)
        careerPoints = PairKernel.copy(CompatibilityPoints.careerGap.map { Int32($0) })
        hashed = scorer.restrictions.hashedNeverPairs
    }

    deinit {
        for buffer in [skillStart, skillList, termStart, terms, termWeights, window, organisation, stage, careerPoints] {
            buffer.deallocate()
        }
        languages.deallocate()
        gender.deallocate()
    }

    static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
        _ = buffer.initialize(from: array)
        return buffer
    }
}

/// One worker's view of one mentee: the mentee's skills and words spread into lookup tables, its blocked mentors marked.
/// Reused from mentee to mentee (`load` then `unload`), so scoring allocates nothing per pair or per row.
final class MenteeScratch {
    let termWeight: UnsafeMutableBufferPointer<Int32>
    let skillWeight: UnsafeMutableBufferPointer<Int32>
    let blockedMark: UnsafeMutableBufferPointer<UInt8>
    let overlapPoints: UnsafeMutableBufferPointer<Int32>
    let overlapStamp: UnsafeMutableBufferPointer<UInt32>
    var stamp: UInt32 = 0

    // The loaded mentee.
    var mentee = 0
    var menteeWindow = WorkingWindow(startMinuteUTC: 0, lengthMinutes: 0)
    var organisation: Int32 = 0
    var languages: UInt64 = 0
    var stage: Int32 = 0
    var freshEyes = false
    /// The only mentor gender allowed, or `UInt8.max` for any (a mentee asking for "same" without a gender gets none).
    var requiredGender = UInt8.max
    var organisationPreference = MatchCandidate.OrganisationPreference.any

    init(_ scorer: CompatibilityScorer) {
        termWeight = .allocate(capacity: max(scorer.vocabulary.words.count, 1))
        termWeight.initialize(repeating: 0)
        skillWeight = .allocate(capacity: max(scorer.skillNames.count, 1))
        skillWeight.initialize(repeating: 0)
        blockedMark = .allocate(capacity: max(scorer.mentors.count, 1))
        blockedMark.initialize(repeating: 0)
        overlapPoints = .allocate(capacity: max(scorer.windows.count, 1))
        overlapPoints.initialize(repeating: 0)
        overlapStamp = .allocate(capacity: max(scorer.windows.count, 1))
        overlapStamp.initialize(repeating: 0)
    }

    deinit {
        termWeight.deallocate()
        skillWeight.deallocate()
        blockedMark.deallocate()
        overlapPoints.deallocate()
        overlapStamp.deallocate()
    }
}

extension CompatibilityScorer {
    func load(_ i: Int, into scratch: MenteeScratch) {
        let mentee = mentees[i]
        let vector = vocabulary.vectors[i]
        for (term, weight) in zip(vector.terms, vector.weights) { scratch.termWeight[Int(term)] = weight }
        for skill in menteeSkills[i] { scratch.skillWeight[Int(skill)] = skillPoints[Int(skill)] }
        for mentor in blocked[i] { scratch.blockedMark[Int(mentor)] = 1 }
        scratch.stamp &+= 1
        if scratch.stamp == 0 {
            for index in scratch.overlapStamp.indices { scratch.overlapStamp[index] = 0 }
            scratch.stamp = 1
        }
        scratch.mentee = i
        scratch.menteeWindow = mentee.workingHours
        scratch.organisation = menteeOrganisation[i]
        scratch.languages = menteeLanguages[i]
        scratch.stage = Int32(mentee.careerStage)
        scratch.freshEyes = mentee.tenureYears >= CompatibilityPoints.freshEyesTenureYears
        scratch.requiredGender = mentee.genderPreference == .same
            ? (mentee.gender == .unspecified ? UInt8.max - 1 : UInt8(MatchCandidate.Gender.allCases.firstIndex(of: mentee.gender)!))
            : UInt8.max
        scratch.organisationPreference = mentee.organisationPreference
    }

    func unload(_ scratch: MenteeScratch) {
        let i = scratch.mentee
        for term in vocabulary.vectors[i].terms { scratch.termWeight[Int(term)] = 0 }
        for skill in menteeSkills[i] { scratch.skillWeight[Int(skill)] = 0 }
        for mentor in blocked[i] { scratch.blockedMark[Int(mentor)] = 0 }
    }

    /// The loaded mentee's score with mentor `j`, `ScoreMatrix.forbidden` when ruled out: the same number as
    /// `score(mentee:mentor:)`.
    @inline(__always)
    func kernelScore(_ j: Int, _ k: PairKernel, _ s: MenteeScratch) -> Int32 {
        if s.blockedMark[j] != 0 { return ScoreMatrix.forbidden }
        if s.requiredGender != UInt8.max, k.gender[j] != s.requiredGender { return ScoreMatrix.forbidden }
        let sameOrganisation = k.organisation[j] == s.organisation
        switch s.organisationPreference {
        case .inside where !sameOrganisation, .outside where sameOrganisation: return ScoreMatrix.forbidden
        default: break
        }
        if let hashed = k.hashed, hashed.excludes(mentee: s.mentee, mentor: j) { return ScoreMatrix.forbidden }
        var skills: Int32 = 0
        var index = Int(k.skillStart[j])
        let skillEnd = Int(k.skillStart[j + 1])
        while index < skillEnd {
            skills &+= s.skillWeight[Int(k.skillList[index])]
            index &+= 1
        }
        var dot = 0
        index = Int(k.termStart[j])
        let termEnd = Int(k.termStart[j + 1])
        while index < termEnd {
            dot &+= Int(s.termWeight[Int(k.terms[index])]) &* Int(k.termWeights[index])
            index &+= 1
        }
        let windowClass = Int(k.window[j])
        if s.overlapStamp[windowClass] != s.stamp {
            s.overlapStamp[windowClass] = s.stamp
            s.overlapPoints[windowClass] = Int32(
                CompatibilityPoints.overlapPoints(s.menteeWindow.overlapMinutes(with: windows[windowClass])))
        }
        var total = min(skills, Int32(CompatibilityPoints.skillCap)) &+ Int32(truncatingIfNeeded: dot &* CompatibilityPoints.text / 1_000_000)
        total &+= s.overlapPoints[windowClass]
        if s.languages & k.languages[j] != 0 { total &+= Int32(CompatibilityPoints.sharedLanguage) }
        let gap = Int(k.stage[j] &- s.stage)
        if gap >= 0 { total &+= k.careerPoints[min(gap, k.careerPoints.count - 1)] }
        if s.freshEyes && !sameOrganisation { total &+= Int32(CompatibilityPoints.freshEyes) }
        return total
    }
}
