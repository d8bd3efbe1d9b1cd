import Foundation
import IthacaDomain
import Testing

private func person(
    _ number: Int, skills: [String] = [], text: String = "", start: Int = 9 * 60, stage: Int = 1,
    organisation: String = "Northwind", tenure: Int = 1, gender: MatchCandidate.Gender = .woman,
    genderPreference: MatchCandidate.GenderPreference = .any,
    organisationPreference: MatchCandidate.OrganisationPreference = .any, languages: [String] = ["English"],
    managers: [UUID] = []
) -> MatchCandidate {
    MatchCandidate(
        id: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", number))!, skills: skills, text: text,
        workingHours: WorkingWindow(startMinuteUTC: start, lengthMinutes: 8 * 60), languages: languages,
        careerStage: stage, organisation: organisation, tenureYears: tenure, gender: gender,
        genderPreference: genderPreference, organisationPreference: organisationPreference, managersAbove: managers,
        capacity: 2)
}

@Test func workingHoursOverlapWrapsAroundMidnight() {
    let evening = WorkingWindow(startMinuteUTC: 20 * 60, lengthMinutes: 8 * 60)  // 20:00–04:00 UTC
    let night = WorkingWindow(startMinuteUTC: 2 * 60, lengthMinutes: 8 * 60)  // 02:00–10:00 UTC
    #expect(evening.overlapMinutes(with: night) == 120)
    #expect(night.overlapMinutes(with: evening) == 120)
    #expect(evening.overlapMinutes(with: WorkingWindow(startMinuteUTC: 8 * 60, lengthMinutes: 4 * 60)) == 0)
    #expect(WorkingWindow(startMinuteUTC: -60, lengthMinutes: 60).startMinuteUTC == 23 * 60)
}

@Test func theReportingLineIsNeverAPairInEitherDirection() {
    // given a mentee whose manager's manager is mentor 10, and mentor 11 who reports to the mentee
    let mentee = person(1, managers: [UUID(uuidString: "00000000-0000-0000-0000-000000000099")!, person(10).id])
    let scorer = CompatibilityScorer(
        mentees: [mentee], mentors: [person(10, stage: 3), person(11, stage: 3, managers: [mentee.id]), person(12, stage: 3)])
    // then neither can mentor them, and the reasons say why; an unrelated mentor can
    #expect(scorer.score(mentee: 0, mentor: 0) == nil)
    #expect(scorer.forbiddenBecause(mentee: 0, mentor: 0) == "the mentor is in the mentee's reporting line")
    #expect(scorer.score(mentee: 0, mentor: 1) == nil)
    #expect(scorer.forbiddenBecause(mentee: 0, mentor: 1) == "the mentor reports to the mentee")
    #expect(scorer.score(mentee: 0, mentor: 2) != nil)
}

@Test func pastPairsNeverPairsAndPreferencesAreHardConstraints() {
    let mentees = [
        person(1), person(2, gender: .man, genderPreference: .same), person(3, organisationPreference: .outside),
        person(4, organisationPreference: .inside),
    ]
    let mentors = [person(10, stage: 3), person(11, stage: 3, organisation: "Helios")]
    let restrictions = MatchRestrictions(
        pastPairs: [PersonPair(mentee: mentees[0].id, mentor: mentors[0].id)],
        neverPairs: [PersonPair(mentee: mentees[0].id, mentor: mentors[1].id)])
    let scorer = CompatibilityScorer(mentees: mentees, mentors: mentors, restrictions: restrictions)
    #expect(scorer.forbiddenBecause(mentee: 0, mentor: 0) == "they already worked together in this program")
    #expect(scorer.forbiddenBecause(mentee: 0, mentor: 1) == "an admin asked never to pair them")
    #expect(scorer.forbiddenBecause(mentee: 1, mentor: 0) == "the mentee asked for a mentor of the same gender")
    #expect(scorer.forbiddenBecause(mentee: 2, mentor: 0) == "the mentee asked for a mentor outside their organisation")
    #expect(scorer.score(mentee: 2, mentor: 1) != nil)
    #expect(scorer.forbiddenBecause(mentee: 3, mentor: 1) == "the mentee asked for a mentor inside their organisation")
    #expect(scorer.score(mentee: 3, mentor: 0) != nil)
}

@Test func aRareSharedSkillIsWorthMoreThanACommonOne() {
    // given thirty mentors offering Swift and one offering Rust
    var mentors = (0..<30).map { person(10 + $0, skills: ["Swift"], stage: 3) }
    mentors.append(person(30, skills: ["Rust"], stage: 3))
    let scorer = CompatibilityScorer(mentees: [person(1, skills: ["swift"]), person(2, skills: ["Rust "])], mentors: mentors)
    // then sharing Rust scores more than sharing Swift, and the reason names it as rare
    let common = scorer.compatibility(mentee: 0, mentor: 0)!
    let rare = scorer.compatibility(mentee: 1, mentor: 30)!
    #expect(rare.score > common.score)
    #expect(rare.reasons.contains("offers skills you want: Rust (rare) (+\(rare.score - 100 - 60 - 80))"))
    #expect(common.reasons.contains("offers skills you want: Swift (+\(common.score - 100 - 60 - 80))"))
}

@Test func aMentorAFewStepsAheadScoresBest() {
    let mentors = (1...7).map { person(10 + $0, stage: $0) }
    let scorer = CompatibilityScorer(mentees: [person(1, stage: 2)], mentors: mentors)
    let scores = (0..<7).map { scorer.score(mentee: 0, mentor: $0)! }
    // stages 1…7 against a mentee at stage 2: two steps ahead (stage 4) is best, behind is worst
    #expect(scores.firstIndex(of: scores.max()!) == 3)
    #expect(scores[0] < scores[1])
    #expect(scores[2] < scores[3] && scores[4] < scores[3])
}

@Test func longTenureNudgesTowardsAnOutsideMentor() {
    let mentors = [person(10, stage: 3), person(11, stage: 3, organisation: "Helios")]
    let scorer = CompatibilityScorer(mentees: [person(1, tenure: 8), person(2, tenure: 1)], mentors: mentors)
    #expect(scorer.score(mentee: 0, mentor: 1)! > scorer.score(mentee: 0, mentor: 0)!)
    #expect(scorer.score(mentee: 1, mentor: 1)! == scorer.score(mentee: 1, mentor: 0)!)
    #expect(scorer.compatibility(mentee: 0, mentor: 1)!.reasons.contains {
        $0.hasPrefix("fresh eyes from outside your organisation after 8 years")
    })
}

@Test func goalsThatMatchTheMentorsExperienceScoreHigherAndSayWhy() {
    let mentors = [
        person(10, text: "Ten years leading platform teams; I coach on negotiation and salary conversations.", stage: 3),
        person(11, text: "I paint watercolours and teach pottery.", stage: 3),
    ]
    let scorer = CompatibilityScorer(
        mentees: [person(1, text: "I want help with salary negotiation before my review.")], mentors: mentors)
    let match = scorer.compatibility(mentee: 0, mentor: 0)!
    #expect(match.score > scorer.score(mentee: 0, mentor: 1)!)
    #expect(match.reasons.contains { $0.hasPrefix("their experience matches your goals: ") && $0.contains("negotiation") })
}

@Test func reasonsAreInWordsBiggestFirst() {
    let scorer = CompatibilityScorer(
        mentees: [person(1, skills: ["Kubernetes"], start: 9 * 60, stage: 1, languages: ["Spanish", "English"])],
        mentors: [person(10, skills: ["Kubernetes"], start: 11 * 60, stage: 3, languages: ["spanish"])])
    let match = scorer.compatibility(mentee: 0, mentor: 0)!
    #expect(match.reasons.count <= 4)
    #expect(match.reasons.contains("working hours overlap by 6 h (+100)"))
    #expect(match.reasons.contains("you share a language: Spanish (+60)"))
    #expect(match.reasons.contains("2 career steps ahead of you (+80)"))
    let points = match.reasons.map { Int($0.split(separator: "+").last!.dropLast())! }
    #expect(points == points.sorted(by: >))
    #expect(points.reduce(0, +) <= match.score)
}

@Test func theFastRowScoresEqualThePairScores() async {
    // given a generated round with every kind of constraint
    let instance = MatchInstanceGenerator(seed: 7).make(mentees: 150, mentors: 40)
    let scorer = CompatibilityScorer(mentees: instance.mentees, mentors: instance.mentors, restrictions: instance.restrictions)
    // when the whole matrix is scored on all cores
    let matrix = await scorer.scoreMatrix()
    // then every entry is the pair's own score, forbidden exactly where a reason says so
    var forbidden = 0
    for i in 0..<150 {
        for j in 0..<40 {
            let expected = scorer.score(mentee: i, mentor: j).map(Int32.init) ?? ScoreMatrix.forbidden
            #expect(matrix[i, j] == expected, "pair \(i), \(j)")
            #expect((scorer.forbiddenBecause(mentee: i, mentor: j) != nil) == (expected == ScoreMatrix.forbidden))
            if expected == ScoreMatrix.forbidden { forbidden += 1 }
            if let compatibility = scorer.compatibility(mentee: i, mentor: j) {
                #expect(Int32(compatibility.score) == expected)
                #expect(!compatibility.reasons.isEmpty)
            }
        }
    }
    #expect(forbidden > 150 * 40 / 25)  // the 5 % never-pairs and the rest
}
