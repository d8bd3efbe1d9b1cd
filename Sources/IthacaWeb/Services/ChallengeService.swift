import Foundation
import IthacaDomain
import IthacaMarkdown
import IthacaStorage

/// Challenges: members join, check in once a day with a short note, and encourage each other. Streaks are counted
/// on each member's own calendar days and shown only to them: no leaderboard.
public struct ChallengeService: Sendable {
    let store: ChallengeStore
    let profiles: ProfileStore
    let notifications: NotificationService
    let clock: AppClock
    static let feedSize = 30

    public struct Detail: Sendable {
        public let challenge: StoredChallenge
        public let isMember: Bool
        /// The viewer's own progress (nil unless they joined).
        public let streak: Streak?
        public let today: String
        public let checkedInToday: Bool
        public let dayNumber: Int?
        public let feed: [StoredCheckIn]
        public let names: [UUID: String]
        public let cheered: Set<UUID>
    }

    public static let pageSize = 30

    public func challenges(for viewer: Viewer, offset: Int = 0) async throws -> (items: [(challenge: StoredChallenge, joined: Bool)], next: Int?) {
        var result: [(StoredChallenge, Bool)] = []
        let page = try await store.challenges(offset: offset, limit: Self.pageSize + 1)
        for challenge in page.prefix(Self.pageSize) {
            result.append((challenge, try await store.isMember(challenge.id, viewer.id)))
        }
        return (result, page.count > Self.pageSize ? offset + Self.pageSize : nil)
    }

    public func create(_ details: ChallengeDetails, by viewer: Viewer) async throws -> UUID {
        try await store.create(try details.validated(), by: viewer.id, now: clock.now())
    }

    func challenge(_ id: UUID) async throws -> StoredChallenge {
        guard let challenge = try await store.challenge(id) else { throw IthacaError.notFound("challenge") }
        return challenge
    }

    public func detail(_ id: UUID, for viewer: Viewer) async throws -> Detail {
        let challenge = try await challenge(id)
        let zone = try await profiles.profile(userId: viewer.id)?.timeZone ?? "UTC"
        let today = CalendarDay.of(clock.now(), in: TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!)
        let isMember = try await store.isMember(id, viewer.id)
        let days = isMember ? try await store.days(of: viewer.id, in: id) : []
        let feed = try await store.feed(of: id, limit: Self.feedSize)
        return Detail(
            challenge: challenge, isMember: isMember, streak: isMember ? Streak(checkIns: days, today: today) : nil, today: today,
            checkedInToday: days.contains(today), dayNumber: challenge.details.dayNumber(of: today), feed: feed,
            names: try await profiles.names(of: feed.map(\.personId)),
            cheered: try await store.cheered(by: viewer.id, among: feed.map(\.id)))
    }

    public func join(_ id: UUID, viewer: Viewer) async throws {
        _ = try await challenge(id)
        try await store.join(id, person: viewer.id, now: clock.now())
    }

    public func leave(_ id: UUID, viewer: Viewer) async throws {
        _ = try await challenge(id)
        try await store.leave(id, person: viewer.id)
    }

    /// Today's check-in, counted on the viewer's own calendar day.
    public func checkIn(_ id: UUID, viewer: Viewer, note: String) async throws -> (id: UUID, day: String, streak: Streak) {
        let challenge = try await challenge(id)
        guard try await store.isMember(id, viewer.id) else {
            throw IthacaError.forbidden("Join the challenge to check in.")
        }
        let zone = try await profiles.profile(userId: viewer.id)?.timeZone ?? "UTC"
        let day = try CheckInRule.day(for: challenge.details, now: clock.now(), timeZone: zone)
        let checkIn = try await store.checkIn(id, person: viewer.id, day: day, note: try CheckInRule.note(note), now: clock.now())
        return (checkIn, day, Streak(checkIns: try await store.days(of: viewer.id, in: id), today: day))
    }

    /// Encourages someone's check-in (once each; not your own); returns the cheer count and the challenge.
    public func cheer(_ checkIn: UUID, viewer: Viewer) async throws -> (count: Int, challenge: UUID) {
        guard let found = try await store.checkIn(checkIn) else { throw IthacaError.notFound("check-in") }
        guard found.person != viewer.id else {
            throw IthacaError.invalid("checkIn", "Encourage the others: your own check-in already counts.")
        }
        let store = store, notifications = notifications
        let cheer = try await notifications.database.transaction { _ in
            let cheer = try await store.cheer(checkIn, by: viewer.id)
            if cheer.isNew, let challenge = try await store.challenge(found.challenge) {
                try await notifications.send(
                    to: [found.person], .cheer, "\(viewer.name) cheered your check-in in “\(challenge.details.title)”. Keep going!",
                    url: "/challenges/\(challenge.id.uuidString.lowercased())")
            }
            return cheer
        }
        return (cheer.count, found.challenge)
    }
}
