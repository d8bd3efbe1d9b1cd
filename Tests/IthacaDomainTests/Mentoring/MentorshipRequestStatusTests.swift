import Foundation
import IthacaDomain
import Testing

private let events: [MentorshipRequestEvent] = [.accept, .decline(reason: "Too busy"), .withdraw, .expire]

@Test func pendingRequestMovesToTheStatusOfEachEvent() throws {
    // given a pending request, when each event happens, then it lands in the matching status
    #expect(try MentorshipRequestStatus.pending.transition(.accept) == .accepted)
    #expect(try MentorshipRequestStatus.pending.transition(.decline(reason: nil)) == .declined)
    #expect(try MentorshipRequestStatus.pending.transition(.decline(reason: "Fully booked")) == .declined)
    #expect(try MentorshipRequestStatus.pending.transition(.withdraw) == .withdrawn)
    #expect(try MentorshipRequestStatus.pending.transition(.expire) == .expired)
}

@Test(arguments: [MentorshipRequestStatus.accepted, .declined, .withdrawn, .expired])
func answeredRequestRefusesEveryEvent(status: MentorshipRequestStatus) {
    // given a request that is no longer pending
    for event in events {
        // when anything happens, then it is refused and names the status it is in
        #expect(throws: MentoringRuleViolation.requestNoLongerPending(status)) { try status.transition(event) }
    }
}

@Test func onlyRequestsWaitingForSomeoneAreOpen() {
    #expect(MentorshipRequestStatus.allCases.filter(\.isOpen) == [.pending, .needsInfo])
}

@Test func requestStatusesStoreAsTheirNames() {
    #expect(MentorshipRequestStatus.allCases.map(\.rawValue)
            == ["pending", "accepted", "declined", "withdrawn", "expired", "needs_info", "reported"])
}

@Test func aQuestionWaitsForTheMenteesReplyWhichReturnsTheRequestToTheMentor() throws {
    // given a pending request, when the mentor asks for more information, then it waits for the mentee
    #expect(try MentorshipRequestStatus.pending.transition(.askForInfo(question: "Which team?")) == .needsInfo)
    // and only a reply brings it back; a reply nobody asked for is refused
    #expect(try MentorshipRequestStatus.needsInfo.transition(.reply(text: "Payments")) == .pending)
    #expect(throws: MentoringRuleViolation.requestNotWaitingForReply) { try MentorshipRequestStatus.pending.transition(.reply(text: "Hi")) }
    // while it waits, the mentor may still decide, and the mentee may withdraw
    #expect(try MentorshipRequestStatus.needsInfo.transition(.accept) == .accepted)
    #expect(try MentorshipRequestStatus.needsInfo.transition(.withdraw) == .withdrawn)
    #expect(try MentorshipRequestStatus.needsInfo.transition(.expire) == .expired)
}

@Test func aReportedRequestIsClosedAndReadsAsDeclinedToTheMentee() throws {
    #expect(try MentorshipRequestStatus.pending.transition(.report(reason: "Abuse")) == .reported)
    #expect(MentorshipRequestStatus.reported.menteeFacing == .declined)
    #expect(MentorshipRequestStatus.reported.label == "Declined")
    #expect(throws: MentoringRuleViolation.requestNoLongerPending(.reported)) { try MentorshipRequestStatus.reported.transition(.accept) }
}

@Test func askingRecordsTheAnswerTimeAndRestartsTheWaitButReplyingOnlyRestartsIt() throws {
    // given a request made at 09:00
    let created = instant("2025-03-01T09:00:00Z")
    let request = MentorshipRequest(
        id: UUID(), menteeId: UUID(), mentorId: UUID(), details: MentorshipRequestDetails(stored: "Grow", focus: .leadership, message: ""),
        createdAt: created)
    // when the mentor asks two hours later, then that is their answer time, and the wait starts again
    let asked = try request.applying(.askForInfo(question: "  Which project?  "), now: created.addingTimeInterval(2 * 3_600))
    #expect(asked.status == .needsInfo && asked.infoQuestion == "Which project?" && asked.closedAt == nil)
    #expect(asked.answeredAt == created.addingTimeInterval(2 * 3_600) && asked.waitingSince == created.addingTimeInterval(2 * 3_600))
    // a blank question is refused with the field to fix
    #expect(throws: MentoringRuleViolation.self) { try request.applying(.askForInfo(question: " "), now: created) }
    // when the mentee replies a day later, the request waits for the mentor again; the answer time stays the first one
    let replied = try asked.applying(.reply(text: "Billing"), now: created.addingTimeInterval(26 * 3_600))
    #expect(replied.status == .pending && replied.infoReply == "Billing" && replied.answeredAt == asked.answeredAt)
    // and 14 days after the reply (not after the request) it expires
    let policy = RequestPolicy.standard
    #expect(throws: MentoringRuleViolation.requestNoLongerPending(.expired)) {
        try replied.applying(.accept, now: created.addingTimeInterval(26 * 3_600 + 14 * Span.day), policy: policy)
    }
    #expect(try replied.applying(.accept, now: created.addingTimeInterval(15 * Span.day), policy: policy).status == .accepted)
}

@Test func onlyTheMenteeRepliesAndOnlyTheMentorAsksOrReports() {
    #expect(MentorshipRequest.role(allowedFor: .askForInfo(question: "?")) == .mentor)
    #expect(MentorshipRequest.role(allowedFor: .report(reason: "x")) == .mentor)
    #expect(MentorshipRequest.role(allowedFor: .reply(text: "x")) == .mentee)
}

@Test func requestEventNamesNeverIncludeTheReason() {
    #expect(MentorshipRequestEvent.decline(reason: "private words").name == "decline")
    #expect(events.map(\.name) == ["accept", "decline", "withdraw", "expire"])
    #expect(MentorshipRequestEvent.report(reason: "private words").name == "report")
    #expect(MentorshipRequestEvent.askForInfo(question: "private words").name.contains("private") == false)
}

@Test func requestExpiresAfterFourteenDaysByDefault() {
    // given a request made at 09:00 on 1 March
    let policy = RequestPolicy.standard
    let created = instant("2025-03-01T09:00:00Z")
    // then it is still open a second before 14 days and expired at exactly 14 days
    #expect(policy.expiry == 14 * Span.day)
    #expect(!policy.isExpired(createdAt: created, now: created.addingTimeInterval(14 * Span.day - 1)))
    #expect(policy.isExpired(createdAt: created, now: created.addingTimeInterval(14 * Span.day)))
    #expect(policy.expiresAt(createdAt: created) == instant("2025-03-15T09:00:00Z"))
}

@Test func requestExpiryIsConfigurable() {
    let policy = RequestPolicy(expiry: 3 * Span.day)
    let created = instant("2025-03-01T09:00:00Z")
    #expect(policy.isExpired(createdAt: created, now: instant("2025-03-04T09:00:00Z")))
    #expect(!policy.isExpired(createdAt: created, now: instant("2025-03-04T08:59:59Z")))
}

@Test func pendingRequestPastExpiryActsAsExpiredBeforeTheSweeperRuns() {
    // given a stored pending request 15 days old
    let policy = RequestPolicy.standard
    let created = instant("2025-03-01T09:00:00Z")
    let later = instant("2025-03-16T09:00:00Z")
    // then it is treated as expired, so accepting it is refused
    #expect(policy.effectiveStatus(.pending, createdAt: created, now: later) == .expired)
    #expect(throws: MentoringRuleViolation.requestNoLongerPending(.expired)) {
        try policy.effectiveStatus(.pending, createdAt: created, now: later).transition(.accept)
    }
    // and statuses that already moved are left alone
    #expect(policy.effectiveStatus(.accepted, createdAt: created, now: later) == .accepted)
    #expect(policy.effectiveStatus(.pending, createdAt: created, now: created) == .pending)
}
