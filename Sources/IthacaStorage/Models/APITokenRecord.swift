import FluentKit
import Foundation

/// A row of `api_tokens`: a personal Bearer token, stored as a hash.
public final class APITokenRecord: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userId: UUID
    @Field(key: "label") public var label: String
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "prefix") public var prefix: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?

    public init() {}

    public init(userId: UUID, label: String, tokenHash: String, prefix: String, now: Date) {
        self.id = UUID()
        self.userId = userId
        self.label = label
        self.tokenHash = tokenHash
        self.prefix = prefix
        self.createdAt = now
    }
}
