import Foundation
import IthacaDomain
import Testing

/// One of each violation, so every message is checked.
private let everyViolation: [MentoringRuleViolation] = [
    .invalidFields([FieldError(field: "goal", message: "Tell your mentor what you would like help with.")]),
    .askingYourself, .requestAlreadyPending, .alreadyYourMentor, .mentorNotOpenToMentoring, .mentorAtCapacity(capacity: 3),
    .mentorManagesYou, .mentorReportsToYou, .requestNoLongerPending(.declined),
    .mentorshipTransitionNotAllowed(from: .ended, action: MentorshipEvent.pause.name), .agreementVersionOutdated(current: 2),
    .bookingNoticeTooShort(minimum: 48 * 3600), .agendaRequired, .meetingAlreadyStarted, .meetingNotYetStarted,
    .meetingTransitionNotAllowed(from: .held, action: "be cancelled"), .introductionNeedsThreeDifferentPeople,
    .introductionAlreadyAnswered(.accepted), .endorsementAlreadyAnswered(.rejected),
]

@Test func everyViolationHasAFullSentenceForPeople() {
    for violation in everyViolation {
        let message = violation.message
        #expect(message.first?.isUppercase == true, "\(violation)")
        #expect(message.hasSuffix("."), "\(violation)")
        #expect(!message.contains("MentoringRuleViolation") && !message.contains("("), "\(violation): \(message)")
    }
}

@Test func messagesSayWhatToDoInstead() {
    #expect(MentoringRuleViolation.mentorAtCapacity(capacity: 3).message.hasPrefix("This mentor already has 3 mentees"))
    #expect(MentoringRuleViolation.mentorAtCapacity(capacity: 1).message.hasPrefix("This mentor already has 1 mentee,"))
    #expect(
        MentoringRuleViolation.bookingNoticeTooShort(minimum: 48 * 3600).message
            == "Please book at least 48 hours ahead, so your mentor has time to prepare.")
    #expect(MentoringRuleViolation.bookingNoticeTooShort(minimum: 3600).message.contains("at least 1 hour ahead"))
    #expect(MentoringRuleViolation.bookingNoticeTooShort(minimum: 90 * 60).message.contains("at least 90 minutes ahead"))
    #expect(
        MentoringRuleViolation.requestNoLongerPending(.withdrawn).message
            == "This request was already withdrawn, so it can't change any more.")
    #expect(
        MentoringRuleViolation.mentorshipTransitionNotAllowed(from: .ended, action: "be paused").message
            == "A mentorship that is ended can't be paused.")
}

@Test func fieldProblemsReadAsOneMessage() {
    let violation = MentoringRuleViolation.invalidFields([
        FieldError(field: "goal", message: "Tell your mentor what you would like help with."),
        FieldError(field: "focus", message: "Choose a focus."),
    ])
    #expect(violation.message == "Tell your mentor what you would like help with. Choose a focus.")
}

@Test func optionalReasonIsTidiedAndLimited() throws {
    #expect(try OptionalReason.validated(nil) == nil)
    #expect(try OptionalReason.validated("   ") == nil)
    #expect(try OptionalReason.validated(" My calendar is full until June. ") == "My calendar is full until June.")
    #expect(invalidFieldNames { try OptionalReason.validated(String(repeating: "r", count: 501)) } == ["reason"])
    #expect(invalidFieldNames { try OptionalReason.validated(String(repeating: "r", count: 501), field: "endReason") } == ["endReason"])
}
