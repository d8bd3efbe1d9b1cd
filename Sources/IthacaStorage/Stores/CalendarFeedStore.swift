import FluentKit
import Foundation

final class CalendarFeedRecord: Model, @unchecked Sendable {
    static let schema = "calendar_feeds"

    @ID(custom: "id", generatedBy: .user) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// Private calendar feeds: the hash of each person's current feed secret.
public struct CalendarFeedStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    /// Replaces the person's feed secret (the old URL stops working at once).
    public func replace(owner: UUID, tokenHash: String, now: Date) async throws {
        try await revoke(owner: owner)
        let row = CalendarFeedRecord()
        row.id = owner
        row.tokenHash = tokenHash
        row.createdAt = now
        try await row.create(on: database.db)
    }

    public func revoke(owner: UUID) async throws {
        try await CalendarFeedRecord.query(on: database.db).filter(\.$id == owner).delete()
    }

    /// When the person's feed was made, or nil when they have none.
    public func createdAt(owner: UUID) async throws -> Date? {
        try await CalendarFeedRecord.find(owner, on: database.db)?.createdAt
    }

    public func owner(tokenHash: String) async throws -> UUID? {
        try await CalendarFeedRecord.query(on: database.db).filter(\.$tokenHash == tokenHash).first()?.id
    }
}
