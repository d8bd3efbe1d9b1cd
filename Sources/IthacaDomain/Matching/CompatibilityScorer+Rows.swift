import Foundation

/// Every pair's score, row by mentee; `forbidden` where a hard constraint rules the pair out.
public struct ScoreMatrix: Sendable {
    public static let forbidden: Int32 = -1

    public let menteeCount: Int
    public let mentorCount: Int
    public var values: [Int32]

    public init(menteeCount: Int, mentorCount: Int, values: [Int32]) {
        precondition(values.count == menteeCount * mentorCount, "a score for every pair")
        self.menteeCount = menteeCount
        self.mentorCount = mentorCount
        self.values = values
    }

    public subscript(mentee: Int, mentor: Int) -> Int32 {
        get { values[mentee * mentorCount + mentor] }
        set { values[mentee * mentorCount + mentor] = newValue }
    }
}

/// Some pairs' scores, row by mentee (compressed rows): the candidate graph of the sparse mode.
public struct CandidateEdges: Sendable {
    public let menteeCount: Int
    public let mentorCount: Int
    /// Mentee `i`'s edges are `rowStart[i]..<rowStart[i + 1]`.
    public var rowStart: [Int]
    public var mentors: [Int32]
    public var scores: [Int32]

    public init(menteeCount: Int, mentorCount: Int, rowStart: [Int], mentors: [Int32], scores: [Int32]) {
        self.menteeCount = menteeCount
        self.mentorCount = mentorCount
        self.rowStart = rowStart
        self.mentors = mentors
        self.scores = scores
    }

    public var edgeCount: Int { mentors.count }
}

/// Per-task working memory for scoring one mentee against many mentors.
public struct RowScratch {
    var termWeight: [Int32]
    var skillWeight: [Int32]
    var blockedMark: [Bool]
    var overlapPoints: [Int32]
    var overlapStamp: [UInt32]
    var stamp: UInt32 = 0

    init(scorer: CompatibilityScorer) {
        termWeight = [Int32](repeating: 0, count: scorer.vocabulary.words.count)
        skillWeight = [Int32](repeating: 0, count: scorer.skillNames.count)
        blockedMark = [Bool](repeating: false, count: scorer.mentors.count)
        overlapPoints = [Int32](repeating: 0, count: scorer.windows.count)
        overlapStamp = [UInt32](repeating: 0, count: scorer.windows.count)
    }
}

extension CompatibilityScorer {
    public func makeScratch() -> RowScratch { RowScratch(scorer: self) }

    /// Scores mentee `i` against `mentors` (positions), calling `sink` with each mentor and its score
    /// (`ScoreMatrix.forbidden` when ruled out). Same numbers as `score(mentee:mentor:)`, much faster.
    @inline(__always)
    public func scoreRow<S: Sequence>(
        _ i: Int, mentors candidates: S, scratch: inout RowScratch, sink: (Int, Int32) -> Void
    ) where S.Element == Int {
        let mentee = mentees[i]
        let menteeVector = vocabulary.vectors[i]
        for (term, weight) in zip(menteeVector.terms, menteeVector.weights) { scratch.termWeight[Int(term)] = weight }
        for skill in menteeSkills[i] { scratch.skillWeight[Int(skill)] = skillPoints[Int(skill)] }
        for mentor in blocked[i] { scratch.blockedMark[Int(mentor)] = true }
        scratch.stamp &+= 1
        if scratch.stamp == 0 {
            for index in scratch.overlapStamp.indices { scratch.overlapStamp[index] = 0 }
            scratch.stamp = 1
        }
        let stamp = scratch.stamp
        let window = mentee.workingHours
        let organisation = menteeOrganisation[i]
        let languages = menteeLanguages[i]
        let stage = Int32(mentee.careerStage)
        let freshEyes = mentee.tenureYears >= CompatibilityPoints.freshEyesTenureYears
        let sameGender: UInt8? = mentee.genderPreference == .same
            ? (mentee.gender == .unspecified ? UInt8.max : UInt8(MatchCandidate.Gender.allCases.firstIndex(of: mentee.gender)!))
            : nil
        let organisationPreference = mentee.organisationPreference
        let hashed = restrictions.hashedNeverPairs

        for j in candidates {
            if scratch.blockedMark[j] {
                sink(j, ScoreMatrix.forbidden)
                continue
            }
            if let sameGender, mentorGender[j] != sameGender {
                sink(j, ScoreMatrix.forbidden)
                continue
            }
            let sameOrganisation = mentorOrganisation[j] == organisation
            switch organisationPreference {
            case .inside where !sameOrganisation, .outside where sameOrganisation:
                sink(j, ScoreMatrix.forbidden)
                continue
            default: break
            }
            if let hashed, hashed.excludes(mentee: i, mentor: j) {
                sink(j, ScoreMatrix.forbidden)
                continue
            }
            var skills: Int32 = 0
            for index in mentorSkillStart[j]..<mentorSkillStart[j + 1] { skills &+= scratch.skillWeight[Int(mentorSkillList[index])] }
            var dot = 0
            for index in mentorTermStart[j]..<mentorTermStart[j + 1] {
                dot &+= Int(scratch.termWeight[Int(mentorTerms[index])]) &* Int(mentorTermWeights[index])
            }
            let windowClass = Int(mentorWindow[j])
            if scratch.overlapStamp[windowClass] != stamp {
                scratch.overlapStamp[windowClass] = stamp
                scratch.overlapPoints[windowClass] = Int32(
                    CompatibilityPoints.overlapPoints(window.overlapMinutes(with: windows[windowClass])))
            }
            var total = Int32(min(Int(skills), CompatibilityPoints.skillCap)) + Int32(dot * CompatibilityPoints.text / 1_000_000)
            total += scratch.overlapPoints[windowClass]
            if languages & mentorLanguages[j] != 0 { total += Int32(CompatibilityPoints.sharedLanguage) }
            total += Int32(CompatibilityPoints.careerGapPoints(Int(mentorStage[j] - stage)))
            if freshEyes && !sameOrganisation { total += Int32(CompatibilityPoints.freshEyes) }
            sink(j, total)
        }

        for term in menteeVector.terms { scratch.termWeight[Int(term)] = 0 }
        for skill in menteeSkills[i] { scratch.skillWeight[Int(skill)] = 0 }
        for mentor in blocked[i] { scratch.blockedMark[Int(mentor)] = false }
    }

    /// Every pair's score, computed on all cores.
    public func scoreMatrix() async -> ScoreMatrix {
        let mentorCount = mentors.count
        let chunks = await forEachChunk(of: mentees.count) { rows in
            var scratch = makeScratch()
            var values = [Int32]()
            values.reserveCapacity(rows.count * mentorCount)
            for i in rows { scoreRow(i, mentors: 0..<mentorCount, scratch: &scratch) { _, score in values.append(score) } }
            return values
        }
        var values = [Int32]()
        values.reserveCapacity(mentees.count * mentorCount)
        for chunk in chunks { values.append(contentsOf: chunk) }
        return ScoreMatrix(menteeCount: mentees.count, mentorCount: mentorCount, values: values)
    }

    /// Runs `body` over consecutive ranges of `0..<count` on all cores; results in range order.
    func forEachChunk<T: Sendable>(of count: Int, _ body: @escaping @Sendable (Range<Int>) -> T) async -> [T] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunkCount = min(count, workers * 8)
        guard chunkCount > 0 else { return [] }
        return await withTaskGroup(of: (Int, T).self) { group in
            for chunk in 0..<chunkCount {
                let range = (count * chunk / chunkCount)..<(count * (chunk + 1) / chunkCount)
                group.addTask { (chunk, body(range)) }
            }
            var results = [T?](repeating: nil, count: chunkCount)
            for await (chunk, result) in group { results[chunk] = result }
            return results.map { $0! }
        }
    }
}
