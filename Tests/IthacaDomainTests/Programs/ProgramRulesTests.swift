import Foundation
import IthacaDomain
import Testing

@Test func programDetailsReportEveryProblemAtOnce() {
    let details = ProgramDetails(
        name: "  ", kind: .oneToOne, startDate: "2027-02-30", endDate: "2027-01-01",
        policies: ProgramPolicies(minimumNoticeHours: 400, lateCancelHours: -1, cadence: Cadence(everyWeeks: 0, minutes: 5), requestExpiryDays: 0))
    let fields = Set(fieldErrors { () throws(IthacaError) in try details.validated() }.map(\.field))
    #expect(fields == ["name", "startDate", "minimumNoticeHours", "lateCancelHours", "requestExpiryDays", "cadenceWeeks", "cadenceMinutes"])
    let backwards = ProgramDetails(name: "Spring", startDate: "2027-03-01", endDate: "2027-03-01")
    #expect(fieldErrors { () throws(IthacaError) in try backwards.validated() }.map(\.field) == ["endDate"])
    #expect(fieldErrors { () throws(IthacaError) in try ProgramDetails(name: " Spring ", startDate: "2027-03-01", endDate: "2027-09-01").validated() }.isEmpty)
}

@Test func enrolmentAnswersFitTheRoleAndTheProgram() {
    let mentorWithout = EnrolmentAnswers(role: .mentor, capacity: 0)
    #expect(Set(fieldErrors { () throws(IthacaError) in try mentorWithout.validated(for: .oneToOne) }.map(\.field)) == ["capacity", "skillsOffered"])
    let menteeWithout = EnrolmentAnswers(role: .mentee)
    #expect(fieldErrors { () throws(IthacaError) in try menteeWithout.validated(for: .oneToOne) }.map(\.field) == ["goals"])
    #expect(fieldErrors { () throws(IthacaError) in try EnrolmentAnswers(role: .mentee, goals: "Grow").validated(for: .peer) }.map(\.field) == ["role"])
    let mentee = try? EnrolmentAnswers(role: .mentee, skillsWanted: ["swift", "Swift ", " "], capacity: 5).validated(for: .oneToOne)
    #expect(mentee?.skillsWanted == ["swift"] && mentee?.capacity == 0)
}

@Test func candidatesUseTheZoneTheirPreferencesAndTheirRole() {
    var profile = Profile(name: "Ada")
    profile.timeZone = "America/New_York"
    profile.skillsOffered = ["Swift"]
    profile.skillsWanted = ["Go"]
    profile.gender = "Female"
    profile.organization = "Northwind"
    profile.tenureStart = "2015-06-01"
    let winter = instant("2027-01-15T12:00:00Z")
    let summer = instant("2027-07-15T12:00:00Z")
    let answers = EnrolmentAnswers(role: .mentee, goals: "Lead", genderPreference: .same, organisationPreference: .outside, timeZoneOverlap: .most)
    let mentee = ProgramCandidate.make(id: UUID(), profile: profile, answers: answers, managersAbove: [], capacity: 0, now: winter)
    // 09:00 in New York is 14:00 UTC in winter and 13:00 UTC in summer
    #expect(mentee.workingHours.startMinuteUTC == 14 * 60)
    #expect(ProgramCandidate.make(id: UUID(), profile: profile, answers: answers, managersAbove: [], capacity: 0, now: summer).workingHours.startMinuteUTC == 13 * 60)
    #expect(mentee.skills == ["Go"] && mentee.gender == .woman && mentee.genderPreference == .same)
    #expect(mentee.organisationPreference == .outside && mentee.minimumOverlapMinutes == 240 && mentee.tenureYears == 11)
    let mentor = ProgramCandidate.make(
        id: UUID(), profile: profile, answers: EnrolmentAnswers(role: .mentor, capacity: 2), managersAbove: [], capacity: 2, now: winter)
    #expect(mentor.skills == ["Swift"] && mentor.capacity == 2)
}

@Test func aMenteeWhoNeedsSharedHoursIsNeverPairedWithAMentorWithoutThem() {
    let london = WorkingWindow(startMinuteUTC: 9 * 60, lengthMinutes: 8 * 60)
    let early = WorkingWindow(startMinuteUTC: 3 * 60, lengthMinutes: 8 * 60)  // 03:00–11:00 UTC: 2 h shared with London
    let id = { (n: Int) in UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }
    let mentee = MatchCandidate(id: id(1), skills: ["Swift"], workingHours: london, minimumOverlapMinutes: 240)
    let relaxed = MatchCandidate(id: id(2), skills: ["Swift"], workingHours: london, minimumOverlapMinutes: 120)
    let scorer = CompatibilityScorer(
        mentees: [mentee, relaxed],
        mentors: [MatchCandidate(id: id(10), skills: ["Swift"], workingHours: early), MatchCandidate(id: id(11), workingHours: london)])
    #expect(scorer.score(mentee: 0, mentor: 0) == nil)
    #expect(scorer.forbiddenBecause(mentee: 0, mentor: 0) == "their working hours overlap less than the 4 h the mentee needs")
    #expect(scorer.score(mentee: 0, mentor: 1) != nil)
    #expect(scorer.score(mentee: 1, mentor: 0) != nil)
}
