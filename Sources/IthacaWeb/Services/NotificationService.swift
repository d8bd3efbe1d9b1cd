import Foundation
import IthacaDomain
import IthacaStorage

/// The in-app inbox: services tell people what happened (an answer, an accepted answer, a match, a cheer), and each
/// person reads, marks read, or marks all read. The text is composed when sent and never names an anonymous asker.
public struct NotificationService: Sendable {
    let store: NotificationStore
    let clock: AppClock
    public static let pageSize = 30

    func send(to people: [UUID], except author: UUID? = nil, _ kind: NotificationKind, _ text: String, url: String) async throws {
        try await store.send(to: people.filter { $0 != author }, kind: kind, text: text, url: url, now: clock.now())
    }

    public func inbox(of viewer: Viewer, offset: Int) async throws -> (items: [StoredNotification], next: Int?, unread: Int) {
        let items = try await store.notifications(of: viewer.id, offset: offset, limit: Self.pageSize + 1)
        return (Array(items.prefix(Self.pageSize)), items.count > Self.pageSize ? offset + Self.pageSize : nil,
                try await store.unreadCount(of: viewer.id))
    }

    /// Marks a notification read; returns the page it is about.
    @discardableResult
    public func markRead(_ id: UUID, viewer: Viewer) async throws -> String {
        guard let url = try await store.markRead(id, of: viewer.id, now: clock.now()) else { throw IthacaError.notFound("notification") }
        return url
    }

    public func markAllRead(viewer: Viewer) async throws {
        try await store.markAllRead(of: viewer.id, now: clock.now())
    }

    // MARK: Following questions

    public func follow(_ question: UUID, viewer: Viewer) async throws { try await store.follow(question, person: viewer.id) }
    public func unfollow(_ question: UUID, viewer: Viewer) async throws { try await store.unfollow(question, person: viewer.id) }
    public func isFollowing(_ question: UUID, viewer: Viewer) async throws -> Bool { try await store.isFollowing(question, person: viewer.id) }
}
