import Foundation
import IthacaDomain
import Testing

@Test func aTypicalAnswerTimeNeedsThreeAnswersAndIsTheMedianOfTheLastTen() {
    let hour: TimeInterval = 3_600
    #expect(AnswerTime.typical([]) == nil)
    #expect(AnswerTime.typical([hour, 2 * hour]) == nil, "two answers say more about luck than about the mentor")
    #expect(AnswerTime.typical([2 * hour, 30 * hour, 5 * hour]) == 5 * hour)
    #expect(AnswerTime.typical([1, 2, 3, 4].map { $0 * hour }) == 2.5 * hour)
    // only the newest ten count: an old slow streak is forgotten
    let recent = Array(repeating: hour, count: 10) + Array(repeating: 100 * hour, count: 10)
    #expect(AnswerTime.typical(recent) == hour)
}

@Test func answerTimesReadKindly() {
    #expect(AnswerTime.label(20 * 60) == "Usually answers within an hour")
    #expect(AnswerTime.label(4.2 * 3_600) == "Usually answers within 5 hours")
    #expect(AnswerTime.label(30 * 3_600) == "Usually answers within a day")
    #expect(AnswerTime.label(60 * 3_600) == "Usually answers within 3 days")
}

@Test func threeUnansweredExpiriesInARowPauseAMentor() {
    #expect(AnswerTime.shouldPause(latestOutcomes: [true, true, true]))
    #expect(AnswerTime.shouldPause(latestOutcomes: [true, true, true, false]))
    #expect(!AnswerTime.shouldPause(latestOutcomes: [true, true, false, true]), "an answer in between breaks the streak")
    #expect(!AnswerTime.shouldPause(latestOutcomes: [true, true]))
}

@Test func aPausedMentorTakesNoNewRequestsButKeepsTheirRoomForAccepting() throws {
    let mentor = MentorSnapshot(id: UUID(), openToMentoring: true, capacity: 2, currentMentorships: 0, takingRequests: false)
    #expect(throws: MentoringRuleViolation.mentorNotTakingRequests) {
        try RequestEligibility.check(mentee: UUID(), mentor: mentor, pendingRequestMentors: [], managerOf: { _ in nil })
    }
    try RequestEligibility.checkRoom(mentor)
}
