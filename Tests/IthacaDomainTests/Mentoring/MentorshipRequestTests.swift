import Foundation
import IthacaDomain
import Testing

private let created = instant("2025-03-01T09:00:00Z")

private func request(status: MentorshipRequestStatus = .pending) throws -> MentorshipRequest {
    MentorshipRequest(
        id: UUID(), menteeId: UUID(), mentorId: UUID(),
        details: try MentorshipRequestDetails.validated(goal: "Grow as a tech lead", focus: "leadership", message: ""),
        createdAt: created, status: status)
}

@Test func acceptingAPendingRequestRecordsWhen() throws {
    // given a request two days old, when the mentor accepts
    let now = instant("2025-03-03T09:00:00Z")
    let accepted = try request().applying(.accept, now: now)
    // then it is accepted at that moment, with no reason
    #expect(accepted.status == .accepted)
    #expect(accepted.closedAt == now)
    #expect(accepted.declineReason == nil)
}

@Test func declineKeepsTheTidiedReason() throws {
    let now = instant("2025-03-03T09:00:00Z")
    #expect(try request().applying(.decline(reason: "  Full until June.  "), now: now).declineReason == "Full until June.")
    #expect(try request().applying(.decline(reason: " "), now: now).declineReason == nil)
    #expect(try request().applying(.decline(reason: nil), now: now).status == .declined)
}

@Test func declineReasonOverFiveHundredCharactersIsRefused() throws {
    let pending = try request()
    let reason = String(repeating: "r", count: 501)
    #expect(invalidFieldNames { try pending.applying(.decline(reason: reason), now: created) } == ["reason"])
}

@Test func acceptingAfterExpiryIsRefusedEvenBeforeTheSweeperRan() throws {
    // given a pending request exactly 14 days old
    let pending = try request()
    let now = created.addingTimeInterval(14 * Span.day)
    // then accepting or withdrawing is refused as expired, while the sweeper may still expire it
    #expect(throws: MentoringRuleViolation.requestNoLongerPending(.expired)) { try pending.applying(.accept, now: now) }
    #expect(throws: MentoringRuleViolation.requestNoLongerPending(.expired)) { try pending.applying(.withdraw, now: now) }
    #expect(try pending.applying(.expire, now: now).status == .expired)
    // and a second earlier the mentor could still accept
    #expect(try pending.applying(.accept, now: now.addingTimeInterval(-1)).status == .accepted)
}

@Test func expiryFollowsThePolicy() throws {
    let pending = try request()
    let now = created.addingTimeInterval(3 * Span.day)
    #expect(throws: MentoringRuleViolation.requestNoLongerPending(.expired)) {
        try pending.applying(.accept, now: now, policy: RequestPolicy(expiry: 3 * Span.day))
    }
    #expect(try pending.applying(.accept, now: now).status == .accepted)
}

@Test func answeredRequestCannotBeAnsweredAgain() throws {
    let accepted = try request(status: .accepted)
    #expect(throws: MentoringRuleViolation.requestNoLongerPending(.accepted)) {
        try accepted.applying(.decline(reason: nil), now: created)
    }
}

@Test func mentorAnswersAndMenteeWithdraws() {
    #expect(MentorshipRequest.role(allowedFor: .accept) == .mentor)
    #expect(MentorshipRequest.role(allowedFor: .decline(reason: nil)) == .mentor)
    #expect(MentorshipRequest.role(allowedFor: .withdraw) == .mentee)
    #expect(MentorshipRequest.role(allowedFor: .expire) == nil)
}
