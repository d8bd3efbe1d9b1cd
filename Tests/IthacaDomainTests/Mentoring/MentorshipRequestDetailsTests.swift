import Foundation
import IthacaDomain
import Testing

@Test func requestDetailsAreTidied() throws {
    // given padded input
    let details = try MentorshipRequestDetails.validated(
        goal: "  Lead my first team  ", focus: " leadership ", message: "Hi!\r\nI admire your talks. ")
    // then goal and message are trimmed, line breaks normalised, and focus parsed
    #expect(details.goal == "Lead my first team")
    #expect(details.focus == .leadership)
    #expect(details.message == "Hi!\nI admire your talks.")
}

@Test func requestMessageMayBeEmpty() throws {
    let details = try MentorshipRequestDetails.validated(goal: "Learn Swift", focus: "technicalSkill", message: "")
    #expect(details.message == "")
}

@Test func everyFocusIsAccepted() throws {
    for focus in MentoringFocus.allCases {
        #expect(try MentorshipRequestDetails.validated(goal: "g", focus: focus.rawValue, message: "").focus == focus)
    }
    #expect(MentoringFocus.allCases.map(\.rawValue) == ["technicalSkill", "leadership", "careerMove", "communication", "other"])
    #expect(MentoringFocus.careerMove.label == "A career move")
}

@Test func requestWithoutAGoalIsRefused() {
    #expect(invalidFieldNames { try MentorshipRequestDetails.validated(goal: "   ", focus: "other", message: "") } == ["goal"])
}

@Test func requestGoalMayHaveFiveHundredCharacters() {
    let limit = String(repeating: "g", count: 500)
    #expect(invalidFieldNames { try MentorshipRequestDetails.validated(goal: limit, focus: "other", message: "") } == [])
    #expect(invalidFieldNames { try MentorshipRequestDetails.validated(goal: limit + "g", focus: "other", message: "") } == ["goal"])
}

@Test func requestMessageMayHaveTwoThousandCharacters() {
    let limit = String(repeating: "m", count: 2_000)
    #expect(invalidFieldNames { try MentorshipRequestDetails.validated(goal: "g", focus: "other", message: limit) } == [])
    #expect(invalidFieldNames { try MentorshipRequestDetails.validated(goal: "g", focus: "other", message: limit + "m") } == ["message"])
}

@Test func unknownFocusIsRefusedWithTheChoices() {
    // when the focus is misspelt
    let thrown = violation { try MentorshipRequestDetails.validated(goal: "g", focus: "Leadership", message: "") }
    // then the message lists what to choose from
    guard case .invalidFields(let errors)? = thrown else {
        Issue.record("expected invalid fields, got \(String(describing: thrown))")
        return
    }
    #expect(errors.map(\.field) == ["focus"])
    #expect(errors[0].message.contains("a career move"))
}

@Test func everyRequestProblemIsReportedAtOnce() {
    let fields = invalidFieldNames {
        try MentorshipRequestDetails.validated(goal: "", focus: "", message: String(repeating: "m", count: 2_001))
    }
    #expect(fields == ["goal", "focus", "message"])
}
