import Foundation
import IthacaDomain
import Testing

private let hour: TimeInterval = 3600
private let signIn = instant("2025-03-01T09:00:00Z")

@Test func standardPolicyHasTheAgreedTimeouts() {
    #expect(SessionPolicy.standard == SessionPolicy(idleTimeout: 12 * hour, absoluteTimeout: 14 * 24 * hour, touchInterval: 60))
}

@Test func sessionIdleFor12HoursExpires() {
    let policy = SessionPolicy.standard
    let lastSeen = signIn.addingTimeInterval(hour)
    // then just under 12 idle hours is still signed in, 12 hours is not
    #expect(!policy.isExpired(createdAt: signIn, lastSeenAt: lastSeen, now: lastSeen.addingTimeInterval(12 * hour - 1)))
    #expect(policy.isExpired(createdAt: signIn, lastSeenAt: lastSeen, now: lastSeen.addingTimeInterval(12 * hour)))
}

@Test func busySessionStillEndsAfter14Days() {
    let policy = SessionPolicy.standard
    // given a session used a minute ago
    let now = signIn.addingTimeInterval(14 * 24 * hour)
    let lastSeen = now.addingTimeInterval(-60)
    // then it expires at 14 days, and not a second before
    #expect(policy.isExpired(createdAt: signIn, lastSeenAt: lastSeen, now: now))
    #expect(!policy.isExpired(createdAt: signIn, lastSeenAt: lastSeen.addingTimeInterval(-1), now: now.addingTimeInterval(-1)))
}

@Test func lastSeenIsWrittenAtMostOncePerInterval() {
    let policy = SessionPolicy.standard
    #expect(!policy.needsTouch(lastSeenAt: signIn, now: signIn.addingTimeInterval(59)))
    #expect(policy.needsTouch(lastSeenAt: signIn, now: signIn.addingTimeInterval(60)))
}

@Test func lastSeenMustBeWrittenOnceHalfTheIdleTimeoutHasPassed() {
    let policy = SessionPolicy.standard
    // a write skipped while the database is busy is made by a later request, until half of the 12 idle hours are gone
    #expect(!policy.mustTouch(lastSeenAt: signIn, now: signIn.addingTimeInterval(6 * hour - 1)))
    #expect(policy.mustTouch(lastSeenAt: signIn, now: signIn.addingTimeInterval(6 * hour)))
}
