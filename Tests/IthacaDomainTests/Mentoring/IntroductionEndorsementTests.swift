import Foundation
import IthacaDomain
import Testing

@Test func introductionSharesContactOnlyOnceTheMemberAccepts() throws {
    // given a proposed introduction, contact details are not shared yet
    #expect(!IntroductionStatus.proposed.sharesContact)
    // when the member accepts, then they are
    let accepted = try IntroductionStatus.proposed.transition(.accept)
    #expect(accepted == .accepted)
    #expect(accepted.sharesContact)
    // and a declined introduction never shares them
    let declined = try IntroductionStatus.proposed.transition(.decline)
    #expect(declined == .declined)
    #expect(!declined.sharesContact)
}

@Test(arguments: [IntroductionStatus.accepted, .declined])
func answeredIntroductionCannotChange(status: IntroductionStatus) {
    for event in [IntroductionStatus.Event.accept, .decline] {
        #expect(throws: MentoringRuleViolation.introductionAlreadyAnswered(status)) { try status.transition(event) }
    }
}

@Test func introductionNeedsThreeDifferentPeopleAndANote() throws {
    let (mentor, mentee, member) = (UUID(), UUID(), UUID())
    #expect(
        try Introduction.check(mentor: mentor, mentee: mentee, member: member, note: " You both love compilers. ")
            == "You both love compilers.")
    for (a, b, c) in [(mentor, mentee, mentee), (mentor, mentee, mentor), (mentor, mentor, member)] {
        #expect(throws: MentoringRuleViolation.introductionNeedsThreeDifferentPeople) {
            try Introduction.check(mentor: a, mentee: b, member: c, note: "Why")
        }
    }
    #expect(invalidFieldNames { try Introduction.check(mentor: mentor, mentee: mentee, member: member, note: " ") } == ["note"])
    #expect(
        invalidFieldNames {
            try Introduction.check(mentor: mentor, mentee: mentee, member: member, note: String(repeating: "n", count: 1_001))
        } == ["note"])
}

@Test func endorsementShowsOnTheProfileOnlyOnceApproved() throws {
    #expect(!EndorsementStatus.pending.isShownOnProfile)
    let approved = try EndorsementStatus.pending.transition(.approve)
    #expect(approved == .approved)
    #expect(approved.isShownOnProfile)
    let rejected = try EndorsementStatus.pending.transition(.reject)
    #expect(rejected == .rejected)
    #expect(!rejected.isShownOnProfile)
}

@Test(arguments: [EndorsementStatus.approved, .rejected])
func answeredEndorsementCannotChange(status: EndorsementStatus) {
    for event in [EndorsementStatus.Event.approve, .reject] {
        #expect(throws: MentoringRuleViolation.endorsementAlreadyAnswered(status)) { try status.transition(event) }
    }
}

@Test func endorsementTextIsRequiredAndLimited() throws {
    #expect(try Endorsement.validatedText(" Ben leads with care. ") == "Ben leads with care.")
    #expect(invalidFieldNames { try Endorsement.validatedText("") } == ["text"])
    #expect(invalidFieldNames { try Endorsement.validatedText(String(repeating: "e", count: 1_001)) } == ["text"])
}
