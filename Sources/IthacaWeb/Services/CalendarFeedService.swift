import Foundation
import IthacaDomain
import IthacaStorage

/// Each person's private calendar feed: a secret URL their calendar app polls. It lists their meetings (agenda
/// only, never notes); making a new one revokes the old URL.
public struct CalendarFeedService: Sendable {
    let store: CalendarFeedStore
    let meetings: MeetingStore
    let meetingService: MeetingService
    let clock: AppClock
    /// How far back the feed goes; older meetings are history, not calendar entries.
    static let history: TimeInterval = 90 * 24 * 3600

    /// A new secret feed path ("/calendar/<secret>.ics"); the previous one stops working.
    public func renew(for viewer: Viewer) async throws -> String {
        let secret = SecretToken.make()
        try await store.replace(owner: viewer.id, tokenHash: SecretToken.hash(secret), now: clock.now())
        return SiteRoute.calendarFeed(secret)
    }

    public func revoke(for viewer: Viewer) async throws {
        try await store.revoke(owner: viewer.id)
    }

    /// When the viewer's current feed was made, or nil when they have none.
    public func createdAt(for viewer: Viewer) async throws -> Date? {
        try await store.createdAt(owner: viewer.id)
    }

    /// The feed behind a secret, or "not found" for an unknown or revoked one.
    public func feed(secret: String) async throws -> String {
        guard secret.count >= 32, let owner = try await store.owner(tokenHash: SecretToken.hash(secret)) else {
            throw IthacaError.notFound("calendar feed")
        }
        return try await calendar(of: owner, since: clock.now().addingTimeInterval(-Self.history))
    }

    /// Every meeting of `person`'s mentorships that ends after `since`, as one calendar (the feed, or a data export).
    func calendar(of person: UUID, since: Date = .distantPast) async throws -> String {
        let mine = try await meetings.meetings(involving: person).filter { $0.end >= since }
        return ICalendar.document(events: try await meetingService.events(mine, for: person), method: .publish)
    }
}
