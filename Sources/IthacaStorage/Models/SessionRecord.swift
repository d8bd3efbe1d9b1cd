import FluentKit
import Foundation

/// A row of `sessions`. `id` is the SHA-256 of the cookie value, so a database leak does not leak live sessions.
public final class SessionRecord: Model, @unchecked Sendable {
    public static let schema = "sessions"

    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "user_id") public var userId: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "last_seen_at") public var lastSeenAt: Date
    @Field(key: "user_agent") public var userAgent: String

    public init() {}

    public init(idHash: String, userId: UUID, userAgent: String, now: Date) {
        self.id = idHash
        self.userId = userId
        self.createdAt = now
        self.lastSeenAt = now
        self.userAgent = userAgent
    }
}
