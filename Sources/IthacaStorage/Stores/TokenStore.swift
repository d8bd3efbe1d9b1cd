import FluentKit
import Foundation

/// Personal API tokens.
public struct TokenStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public func create(_ token: APITokenRecord) async throws {
        try await token.create(on: database.db)
    }

    public func list(userId: UUID) async throws -> [APITokenRecord] {
        try await APITokenRecord.query(on: database.db)
            .filter(\.$userId == userId)
            .sort(\.$createdAt, .descending)
            .all()
    }

    /// Revokes one of the owner's tokens; false when the owner has no such token.
    public func revoke(id: UUID, userId: UUID) async throws -> Bool {
        let query = APITokenRecord.query(on: database.db).filter(\.$id == id).filter(\.$userId == userId)
        guard try await query.count() > 0 else { return false }
        try await query.delete()
        return true
    }

    public func revokeAll(userId: UUID) async throws {
        try await APITokenRecord.query(on: database.db).filter(\.$userId == userId).delete()
    }

    /// Records when a token was last used (shown in Settings); skipped while other writes are running (see
    /// `IthacaDatabase.writeIfIdle`): a later request records it.
    public func touch(id: UUID, now: Date) async throws {
        _ = try await database.writeIfIdle { db in
            try await APITokenRecord.query(on: db).filter(\.$id == id).set(\.$lastUsedAt, to: now).update()
        }
    }
}
