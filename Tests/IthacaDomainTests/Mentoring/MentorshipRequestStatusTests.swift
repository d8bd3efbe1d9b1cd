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

@Test func onlyPendingRequestsAreOpen() {
    #expect(MentorshipRequestStatus.allCases.filter(\.isOpen) == [.pending])
}

@Test func requestStatusesStoreAsTheirNames() {
    #expect(MentorshipRequestStatus.allCases.map(\.rawValue) == ["pending", "accepted", "declined", "withdrawn", "expired"])
}

@Test func requestEventNamesNeverIncludeTheReason() {
    #expect(MentorshipRequestEvent.decline(reason: "private words").name == "decline")
    #expect(events.map(\.name) == ["accept", "decline", "withdraw", "expire"])
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
