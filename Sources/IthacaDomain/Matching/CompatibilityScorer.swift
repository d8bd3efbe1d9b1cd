import Foundation

/// A pair's compatibility in integer points, with the biggest contributions in words.
public struct Compatibility: Sendable, Hashable {
    public var score: Int
    public var reasons: [String]

    public init(score: Int, reasons: [String]) {
        self.score = score
        self.reasons = reasons
    }
}

/// How many points each part of compatibility is worth.
public enum CompatibilityPoints {
    /// Points for a shared skill offered by every mentor; rarer skills earn up to about 8 times this.
    public static let skillBase = 25
    public static let skillCap = 250
    /// Points for identical goals and offer (TF-IDF cosine 1).
    public static let text = 200
    /// Points for a full working-hours overlap, reached at `fullOverlapMinutes`.
    public static let timeZone = 100
    public static let fullOverlapMinutes = 240
    public static let sharedLanguage = 60
    /// Points by how many career steps the mentor is ahead: 0, 1, 2, 3, 4, 5 or more; none when behind.
    public static let careerGap = [10, 50, 80, 60, 30, 10]
    /// The "fresh eyes" nudge: a mentor from another organisation for a mentee with long tenure.
    public static let freshEyes = 40
    public static let freshEyesTenureYears = 5

    static func careerGapPoints(_ gap: Int) -> Int {
        gap < 0 ? 0 : careerGap[min(gap, careerGap.count - 1)]
    }

    static func overlapPoints(_ minutes: Int) -> Int {
        min(minutes, fullOverlapMinutes) * timeZone / fullOverlapMinutes
    }
}

/// Scores mentee–mentor pairs of one program: built once (vocabulary, skill rarity, hard constraints), then cheap per pair.
///
/// A pair is forbidden (nil) when the mentor is in the mentee's reporting line either way, they already worked together
/// in this program, an admin said never, or the mentee's gender or organisation preference rules the mentor out.
public struct CompatibilityScorer: Sendable {
    public let mentees: [MatchCandidate]
    public let mentors: [MatchCandidate]
    public let restrictions: MatchRestrictions
    public let vocabulary: MatchVocabulary

    let skillNames: [String]
    let skillPoints: [Int32]
    let menteeSkills: [[Int32]]
    let mentorSkillStart: [Int]
    let mentorSkillList: [Int32]
    let mentorTermStart: [Int]
    let mentorTerms: [Int32]
    let mentorTermWeights: [Int32]
    let windows: [WorkingWindow]
    let menteeWindow: [Int32]
    let mentorWindow: [Int32]
    let languageNames: [String]
    let menteeLanguages: [UInt64]
    let mentorLanguages: [UInt64]
    let menteeOrganisation: [Int32]
    let mentorOrganisation: [Int32]
    let mentorGender: [UInt8]
    let mentorStage: [Int32]
    /// Per mentee, the mentors ruled out by reporting lines, past pairs, never-pairs or being the same person; sorted.
    let blocked: [[Int32]]

    public init(mentees: [MatchCandidate], mentors: [MatchCandidate], restrictions: MatchRestrictions = MatchRestrictions()) {
        self.mentees = mentees
        self.mentors = mentors
        self.restrictions = restrictions
        vocabulary = MatchVocabulary(documents: mentees.map(\.text) + mentors.map(\.text))

        // Skills: interned; rarity from how many mentors offer each one.
        var skillIndex: [String: Int32] = [:]
        var names: [String] = []
        func intern(_ raw: String, _ key: String) -> Int32 {
            if let known = skillIndex[key] { return known }
            let id = Int32(names.count)
            skillIndex[key] = id
            names.append(SkillTag.tidy(raw))
            return id
        }
        // Normalising is independent per person: done on all cores first.
        let mentorKeys = MatchVocabulary.onAllCores(mentors) { $0.skills.map(SkillTag.normalize) }
        let menteeKeys = MatchVocabulary.onAllCores(mentees) { $0.skills.map(SkillTag.normalize) }
        let mentorSkillSets = zip(mentors, mentorKeys).map { person, keys in
            Array(Set(zip(person.skills, keys).map(intern))).sorted()
        }
        menteeSkills = zip(mentees, menteeKeys).map { person, keys in Array(Set(zip(person.skills, keys).map(intern))).sorted() }
        var offeredBy = [Int](repeating: 0, count: names.count)
        for set in mentorSkillSets { for skill in set { offeredBy[Int(skill)] += 1 } }
        let mentorTotal = Double(mentors.count)
        skillPoints = offeredBy.map {
            Int32((Double(CompatibilityPoints.skillBase) * (log((1 + mentorTotal) / (1 + Double($0))) + 1)).rounded())
        }
        skillNames = names
        (mentorSkillStart, mentorSkillList) = CompatibilityScorer.flatten(mentorSkillSets)

        let mentorVectors = vocabulary.vectors[mentees.count...]
        (mentorTermStart, mentorTerms) = CompatibilityScorer.flatten(mentorVectors.map(\.terms))
        mentorTermWeights = mentorVectors.flatMap(\.weights)

        var windowIndex: [WorkingWindow: Int32] = [:]
        var windowList: [WorkingWindow] = []
        func window(_ w: WorkingWindow) -> Int32 {
            if let known = windowIndex[w] { return known }
            windowIndex[w] = Int32(windowList.count)
            windowList.append(w)
            return Int32(windowList.count - 1)
        }
        menteeWindow = mentees.map { window($0.workingHours) }
        mentorWindow = mentors.map { window($0.workingHours) }
        windows = windowList

        var languageIndex: [String: Int] = [:]
        var languageList: [String] = []
        func languageMask(_ languages: [String]) -> UInt64 {
            var mask: UInt64 = 0
            for language in languages {
                let key = language.lowercased()
                let index = languageIndex[key] ?? {
                    languageIndex[key] = languageList.count
                    languageList.append(language)
                    return languageList.count - 1
                }()
                mask |= 1 << UInt64(index % 64)
            }
            return mask
        }
        menteeLanguages = mentees.map { languageMask($0.languages) }
        mentorLanguages = mentors.map { languageMask($0.languages) }
        languageNames = languageList

        var organisationIndex: [String: Int32] = [:]
        func organisation(_ name: String) -> Int32 {
            if let known = organisationIndex[name] { return known }
            organisationIndex[name] = Int32(organisationIndex.count)
            return Int32(organisationIndex.count - 1)
        }
        menteeOrganisation = mentees.map { organisation($0.organisation) }
        mentorOrganisation = mentors.map { organisation($0.organisation) }
        mentorGender = mentors.map { UInt8(MatchCandidate.Gender.allCases.firstIndex(of: $0.gender)!) }
        mentorStage = mentors.map { Int32($0.careerStage) }
        blocked = CompatibilityScorer.blockedMentors(mentees: mentees, mentors: mentors, restrictions: restrictions)
    }

    static func flatten<C: Collection>(_ lists: C) -> ([Int], [Int32]) where C.Element == [Int32] {
        var start = [0]
        start.reserveCapacity(lists.count + 1)
        var flat: [Int32] = []
        for list in lists {
            flat.append(contentsOf: list)
            start.append(flat.count)
        }
        return (start, flat)
    }

    static func blockedMentors(
        mentees: [MatchCandidate], mentors: [MatchCandidate], restrictions: MatchRestrictions
    ) -> [[Int32]] {
        var mentorsByPerson: [UUID: [Int32]] = [:]
        for (index, mentor) in mentors.enumerated() { mentorsByPerson[mentor.id, default: []].append(Int32(index)) }
        var menteesByPerson: [UUID: [Int]] = [:]
        for (index, mentee) in mentees.enumerated() { menteesByPerson[mentee.id, default: []].append(index) }
        var blocked = [[Int32]](repeating: [], count: mentees.count)
        for (index, mentee) in mentees.enumerated() {
            for person in [mentee.id] + mentee.managersAbove { blocked[index] += mentorsByPerson[person] ?? [] }
        }
        // A mentor managed (directly or not) by the mentee: one of the mentee's own reports.
        for (mentorIndex, mentor) in mentors.enumerated() {
            for manager in mentor.managersAbove {
                for mentee in menteesByPerson[manager] ?? [] { blocked[mentee].append(Int32(mentorIndex)) }
            }
        }
        for pair in restrictions.pastPairs.union(restrictions.neverPairs) {
            for mentee in menteesByPerson[pair.mentee] ?? [] { blocked[mentee] += mentorsByPerson[pair.mentor] ?? [] }
        }
        // Mentees who need shared working time: mentors are grouped by working window, so each window is checked once.
        if mentees.contains(where: { $0.minimumOverlapMinutes > 0 }) {
            var mentorsByWindow: [WorkingWindow: [Int32]] = [:]
            for (index, mentor) in mentors.enumerated() { mentorsByWindow[mentor.workingHours, default: []].append(Int32(index)) }
            for (index, mentee) in mentees.enumerated() where mentee.minimumOverlapMinutes > 0 {
                for (window, members) in mentorsByWindow
                where mentee.workingHours.overlapMinutes(with: window) < mentee.minimumOverlapMinutes {
                    blocked[index] += members
                }
            }
        }
        return blocked.map { Array(Set($0)).sorted() }
    }

    // MARK: - One pair

    /// The pair's score, or nil when a hard constraint forbids it.
    public func score(mentee: Int, mentor: Int) -> Int? {
        forbiddenBecause(mentee: mentee, mentor: mentor) == nil ? parts(mentee: mentee, mentor: mentor).total : nil
    }

    /// The pair's score with its top contributions in words, or nil when a hard constraint forbids it.
    public func compatibility(mentee: Int, mentor: Int, reasonCount: Int = 4) -> Compatibility? {
        guard forbiddenBecause(mentee: mentee, mentor: mentor) == nil else { return nil }
        let parts = parts(mentee: mentee, mentor: mentor)
        let reasons = parts.contributions.filter { $0.points > 0 }
            .sorted { $0.points > $1.points }
            .prefix(reasonCount)
            .map { "\($0.words) (+\($0.points))" }
        return Compatibility(score: parts.total, reasons: reasons.isEmpty ? ["nothing in common beyond being free to meet"] : reasons)
    }

    /// Why the pair can never be matched, in words, or nil if it can.
    public func forbiddenBecause(mentee menteeIndex: Int, mentor mentorIndex: Int) -> String? {
        let mentee = mentees[menteeIndex]
        let mentor = mentors[mentorIndex]
        if mentee.id == mentor.id { return "the same person" }
        if mentee.managersAbove.contains(mentor.id) { return "the mentor is in the mentee's reporting line" }
        if mentor.managersAbove.contains(mentee.id) { return "the mentor reports to the mentee" }
        let pair = PersonPair(mentee: mentee.id, mentor: mentor.id)
        if restrictions.pastPairs.contains(pair) { return "they already worked together in this program" }
        if restrictions.neverPairs.contains(pair) { return "an admin asked never to pair them" }
        if let hashed = restrictions.hashedNeverPairs, hashed.excludes(mentee: menteeIndex, mentor: mentorIndex) {
            return "an admin asked never to pair them"
        }
        if mentee.genderPreference == .same, mentee.gender == .unspecified || mentee.gender != mentor.gender {
            return "the mentee asked for a mentor of the same gender"
        }
        switch mentee.organisationPreference {
        case .inside where menteeOrganisation[menteeIndex] != mentorOrganisation[mentorIndex]:
            return "the mentee asked for a mentor inside their organisation"
        case .outside where menteeOrganisation[menteeIndex] == mentorOrganisation[mentorIndex]:
            return "the mentee asked for a mentor outside their organisation"
        default: break
        }
        if mentee.minimumOverlapMinutes > 0,
            mentee.workingHours.overlapMinutes(with: mentor.workingHours) < mentee.minimumOverlapMinutes
        {
            return "their working hours overlap less than the \(Self.describe(minutes: mentee.minimumOverlapMinutes)) the mentee needs"
        }
        return nil
    }

    struct Contribution {
        var points: Int
        var words: String
    }

    struct Parts {
        var contributions: [Contribution]
        var total: Int { contributions.reduce(0) { $0 + $1.points } }
    }

    func parts(mentee menteeIndex: Int, mentor mentorIndex: Int) -> Parts {
        let mentee = mentees[menteeIndex]
        var contributions: [Contribution] = []

        let offered = Set(mentorSkillList[mentorSkillStart[mentorIndex]..<mentorSkillStart[mentorIndex + 1]])
        let shared = menteeSkills[menteeIndex].filter(offered.contains).sorted {
            skillPoints[Int($0)] != skillPoints[Int($1)] ? skillPoints[Int($0)] > skillPoints[Int($1)] : $0 < $1
        }
        let skillTotal = min(shared.reduce(0) { $0 + Int(skillPoints[Int($1)]) }, CompatibilityPoints.skillCap)
        let rareFrom = Int32(CompatibilityPoints.skillBase * 3)
        let skillWords = shared.map { skillNames[Int($0)] + (skillPoints[Int($0)] >= rareFrom ? " (rare)" : "") }
        contributions.append(Contribution(
            points: skillTotal, words: "offers skills you want: " + skillWords.joined(separator: ", ")))

        let menteeVector = vocabulary.vectors[menteeIndex]
        let mentorVector = vocabulary.vectors[mentees.count + mentorIndex]
        var mentorWeights: [Int32: Int32] = [:]
        for (term, weight) in zip(mentorVector.terms, mentorVector.weights) { mentorWeights[term] = weight }
        var dot = 0
        var words: [(Int, String)] = []
        for (term, weight) in zip(menteeVector.terms, menteeVector.weights) {
            guard let other = mentorWeights[term] else { continue }
            let product = Int(weight) * Int(other)
            dot += product
            words.append((product, vocabulary.words[Int(term)]))
        }
        let topWords = words.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.prefix(3).map(\.1)
        contributions.append(Contribution(
            points: dot * CompatibilityPoints.text / 1_000_000,
            words: "their experience matches your goals: " + topWords.joined(separator: ", ")))

        let overlap = mentee.workingHours.overlapMinutes(with: mentors[mentorIndex].workingHours)
        contributions.append(Contribution(
            points: CompatibilityPoints.overlapPoints(overlap),
            words: "working hours overlap by \(CompatibilityScorer.describe(minutes: overlap))"))

        if menteeLanguages[menteeIndex] & mentorLanguages[mentorIndex] != 0 {
            let theirs = Set(mentors[mentorIndex].languages.map { $0.lowercased() })
            let common = mentee.languages.filter { theirs.contains($0.lowercased()) }
            contributions.append(Contribution(
                points: CompatibilityPoints.sharedLanguage,
                words: "you share a language: " + (common.isEmpty ? "yes" : common.joined(separator: ", "))))
        }

        let gap = Int(mentorStage[mentorIndex]) - mentee.careerStage
        contributions.append(Contribution(
            points: CompatibilityPoints.careerGapPoints(gap),
            words: gap == 0 ? "at the same career stage as you"
                : "\(gap) career step\(abs(gap) == 1 ? "" : "s") \(gap > 0 ? "ahead of" : "behind") you"))

        if mentee.tenureYears >= CompatibilityPoints.freshEyesTenureYears,
            menteeOrganisation[menteeIndex] != mentorOrganisation[mentorIndex]
        {
            contributions.append(Contribution(
                points: CompatibilityPoints.freshEyes,
                words: "fresh eyes from outside your organisation after \(mentee.tenureYears) years in it"))
        }
        return Parts(contributions: contributions)
    }

    static func describe(minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        switch (hours, rest) {
        case (0, 0): return "nothing"
        case (0, _): return "\(rest) min"
        case (_, 0): return "\(hours) h"
        default: return "\(hours) h \(rest) min"
        }
    }
}
