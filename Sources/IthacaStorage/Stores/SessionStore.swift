import FluentKit
import Foundation

/// Browser sessions, shared by every server process through the database.
public struct SessionStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public func create(idHash: String, userId: UUID, userAgent: String, now: Date) async throws {
        try await SessionRecord(idHash: idHash, userId: userId, userAgent: String(userAgent.prefix(300)), now: now)
            .create(on: database.db)
    }

    /// Records that a session is in use. Unless `waiting`, skipped while other writes are running (see
    /// `IthacaDatabase.writeIfIdle`): a later request records it.
    public func touch(idHash: String, now: Date, waiting: Bool) async throws {
        let write: @Sendable (any Database) async throws -> Void = { db in
            try await SessionRecord.query(on: db).filter(\.$id == idHash).set(\.$lastSeenAt, to: now).update()
        }
        if waiting { try await database.transaction(write) } else { _ = try await database.writeIfIdle(write) }
    }

    public func delete(idHash: String) async throws {
        try await SessionRecord.query(on: database.db).filter(\.$id == idHash).delete()
    }

    /// Ends every session of a person, except optionally the one in use.
    public func deleteAll(userId: UUID, except keep: String? = nil) async throws {
        let query = SessionRecord.query(on: database.db).filter(\.$userId == userId)
        if let keep { query.filter(\.$id != keep) }
        try await query.delete()
    }

    public func list(userId: UUID) async throws -> [SessionRecord] {
        try await SessionRecord.query(on: database.db)
            .filter(\.$userId == userId)
            .sort(\.$lastSeenAt, .descending)
            .all()
    }

    /// Deletes sessions past their idle or absolute timeout.
    public func deleteExpired(idleSince: Date, createdBefore: Date) async throws {
        try await SessionRecord.query(on: database.db)
            .group(.or) { $0.filter(\.$lastSeenAt < idleSince).filter(\.$createdAt < createdBefore) }
            .delete()
    }
}
