import FluentKit
import Foundation
import SQLKit

public enum NotificationKind: String, Sendable, Codable, CaseIterable {
    case answer, followedAnswer = "followed_answer", accepted, matched, circle, cheer, comment, event, moderation, mention
}

public struct StoredNotification: Sendable, Equatable {
    public let id: UUID
    public let kind: NotificationKind
    public let text: String
    public let url: String
    public let createdAt: Date
    public let readAt: Date?
}

/// The notification inbox and question follows.
public struct NotificationStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// Sends one notification to each person (nobody twice).
    public func send(to people: [UUID], kind: NotificationKind, text: String, url: String, now: Date) async throws {
        let unique = Array(Set(people))
        guard !unique.isEmpty else { return }
        var insert = database.db.sql.insert(into: "notifications").columns("id", "person_id", "kind", "text", "url", "created_at")
        for person in unique {
            insert = insert.values(SQLBind(UUID()), SQLBind(person), SQLBind(kind.rawValue), SQLBind(text), SQLBind(url), SQLBind(now))
        }
        try await insert.run()
    }

    /// Newest first, `limit` from `offset`.
    public func notifications(of person: UUID, offset: Int, limit: Int) async throws -> [StoredNotification] {
        try await database.db.sql.raw("""
            SELECT id, kind, text, url, created_at, read_at FROM notifications WHERE person_id = \(bind: person)
            ORDER BY created_at DESC, id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map {
            StoredNotification(
                id: try $0.decode(column: "id", as: UUID.self),
                kind: NotificationKind(rawValue: try $0.decode(column: "kind", as: String.self)) ?? .answer,
                text: try $0.decode(column: "text", as: String.self), url: try $0.decode(column: "url", as: String.self),
                createdAt: try $0.decode(column: "created_at", as: Date.self), readAt: try $0.decode(column: "read_at", as: Date?.self))
        }
    }

    public func unreadCount(of person: UUID) async throws -> Int {
        try await database.db.sql.raw("SELECT COUNT(*) AS n FROM notifications WHERE person_id = \(bind: person) AND read_at IS NULL")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Marks one of the person's notifications read and returns where it points; nil when it is not theirs (or not there).
    public func markRead(_ id: UUID, of person: UUID, now: Date) async throws -> String? {
        try await database.db.sql.raw("""
            UPDATE notifications SET read_at = COALESCE(read_at, \(bind: now)) WHERE id = \(bind: id) AND person_id = \(bind: person) RETURNING url
            """).first()?.decode(column: "url", as: String.self)
    }

    public func markAllRead(of person: UUID, now: Date) async throws {
        try await database.db.sql.raw("UPDATE notifications SET read_at = \(bind: now) WHERE person_id = \(bind: person) AND read_at IS NULL").run()
    }

    // MARK: Following questions

    public func follow(_ question: UUID, person: UUID) async throws {
        do {
            try await database.db.sql.insert(into: "question_follows").columns("id", "question_id", "person_id")
                .values(SQLBind(UUID()), SQLBind(question), SQLBind(person)).run()
        } catch let error as any DatabaseError where error.isConstraintFailure {}
    }

    public func unfollow(_ question: UUID, person: UUID) async throws {
        try await database.db.sql.delete(from: "question_follows").where("question_id", .equal, question).where("person_id", .equal, person).run()
    }

    public func followers(of question: UUID) async throws -> [UUID] {
        try await database.db.sql.select().column("person_id").from("question_follows").where("question_id", .equal, question).all()
            .map { try $0.decode(column: "person_id", as: UUID.self) }
    }

    public func isFollowing(_ question: UUID, person: UUID) async throws -> Bool {
        try await database.db.sql.select().column("id").from("question_follows").where("question_id", .equal, question)
            .where("person_id", .equal, person).first() != nil
    }
}
