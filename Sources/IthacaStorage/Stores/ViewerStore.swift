import FluentKit
import Foundation
import SQLKit

/// Who is behind a session cookie or API token, in one query: this runs on every signed-in request.
public struct ViewerStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// The account behind a credential, with what the request needs about it.
    public struct Row: Sendable {
        public var userId: UUID
        public var email: String
        public var role: AccountRole
        public var name: String
        /// Session: when it started and was last used. Token: its id and last use.
        public var createdAt: Date
        public var lastUsedAt: Date?
        public var tokenId: UUID?
        /// Unread notifications, for the inbox link on every page (sessions only; 0 for API tokens).
        public var unreadNotifications: Int
        /// Whether the person hid the "boss or mentor?" guidance panel.
        public var guideDismissed: Bool
    }

    public func session(idHash: String) async throws -> Row? {
        let row = try await database.db.sql.raw("""
            SELECT s.user_id, s.created_at, s.last_seen_at AS last_used_at, NULL AS token_id, u.email, u.role, p.name, u.guide_dismissed_at,
              (SELECT COUNT(*) FROM notifications n WHERE n.person_id = u.id AND n.read_at IS NULL) AS unread
            FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN profiles p ON p.id = u.id
            WHERE s.id = \(bind: idHash)
            """).first()
        return try row.map(Self.viewerRow)
    }

    public func token(hash: String) async throws -> Row? {
        let row = try await database.db.sql.raw("""
            SELECT t.user_id, t.created_at, t.last_used_at, t.id AS token_id, u.email, u.role, p.name, u.guide_dismissed_at, 0 AS unread
            FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN profiles p ON p.id = u.id
            WHERE t.token_hash = \(bind: hash)
            """).first()
        return try row.map(Self.viewerRow)
    }

    /// Hides (or shows again) the "boss or mentor?" guidance for a person.
    public func setGuideDismissed(_ person: UUID, _ dismissed: Bool, now: Date) async throws {
        try await database.db.sql.raw("""
            UPDATE users SET guide_dismissed_at = \(bind: dismissed ? now : nil) WHERE id = \(bind: person)
            """).run()
    }

    /// Both queries name their columns alike, so one mapping serves sessions and tokens.
    private static func viewerRow(_ row: any SQLRow) throws -> Row {
        Row(userId: try row.decode(column: "user_id", as: UUID.self), email: try row.decode(column: "email", as: String.self),
            role: AccountRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .member,
            name: try row.decode(column: "name", as: String?.self) ?? "",
            createdAt: try row.decode(column: "created_at", as: Date.self),
            lastUsedAt: try row.decode(column: "last_used_at", as: Date?.self),
            tokenId: try row.decode(column: "token_id", as: UUID?.self),
            unreadNotifications: try row.decode(column: "unread", as: Int.self),
            guideDismissed: try row.decode(column: "guide_dismissed_at", as: Date?.self) != nil)
    }
}
