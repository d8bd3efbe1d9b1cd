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
        try await Self.session.first([.text(idHash)], on: database.db).map(Self.viewerRow)
    }

    public func token(hash: String) async throws -> Row? {
        try await Self.token.first([.text(hash)], on: database.db).map(Self.viewerRow)
    }

    /// Read straight from the driver's rows (`DirectRead`): this runs before every signed-in request's own work.
    static let session = DirectRead("""
        SELECT s.user_id, s.created_at, s.last_seen_at AS last_used_at, NULL AS token_id, u.email, u.role, p.name, u.guide_dismissed_at,
          (SELECT COUNT(*) FROM notifications n WHERE n.person_id = u.id AND n.read_at IS NULL) AS unread
        FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN profiles p ON p.id = u.id
        WHERE s.id = $1
        """)

    static let token = DirectRead("""
        SELECT t.user_id, t.created_at, t.last_used_at, t.id AS token_id, u.email, u.role, p.name, u.guide_dismissed_at, 0 AS unread
        FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN profiles p ON p.id = u.id
        WHERE t.token_hash = $1
        """)

    /// Hides (or shows again) the "boss or mentor?" guidance for a person.
    public func setGuideDismissed(_ person: UUID, _ dismissed: Bool, now: Date) async throws {
        try await database.db.sql.raw("""
            UPDATE users SET guide_dismissed_at = \(bind: dismissed ? now : nil) WHERE id = \(bind: person)
            """).run()
    }

    /// Both queries name their columns alike, so one mapping serves sessions and tokens.
    private static func viewerRow(_ row: BulkRow) throws -> Row {
        Row(userId: try row.id("user_id"), email: try row.text("email"),
            role: AccountRole(rawValue: try row.text("role")) ?? .member,
            name: try row.optionalText("name") ?? "",
            createdAt: try row.date("created_at"),
            lastUsedAt: try row.optionalDate("last_used_at"),
            tokenId: try row.uuid("token_id"),
            unreadNotifications: try row.integer("unread"),
            guideDismissed: try row.optionalDate("guide_dismissed_at") != nil)
    }
}
