import FluentKit
import Foundation
import IthacaDomain
import SQLKit

public struct StoredLearningPath: Sendable, Equatable {
    public let id: UUID
    public let title: String
    public let goal: String
    public let description: String
    public let authorId: UUID?
    public let followers: Int
    public let stepCount: Int
    public let createdAt: Date
}

/// One step of a path: the resource it points to.
public struct StoredPathStep: Sendable, Equatable {
    public let resourceId: UUID
    public let title: String
    public let url: String
    public let kind: ResourceKind
    public let level: ResourceLevel
}

/// Learning paths, their ordered steps, followers and each follower's done steps (unique per person and step, so
/// ticking twice counts once).
public struct LearningPathStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public func create(_ draft: LearningPathDraft, author: UUID, now: Date) async throws -> UUID {
        let id = UUID()
        try await database.transaction { db in
            try await db.sql.insert(into: "learning_paths").columns("id", "title", "goal", "description", "author_id", "created_at")
                .values(SQLBind(id), SQLBind(draft.title), SQLBind(draft.goal), SQLBind(draft.description), SQLBind(author), SQLBind(now)).run()
            for (position, resource) in draft.steps.enumerated() {
                try await db.sql.insert(into: "learning_path_steps").columns("id", "path_id", "position", "resource_id")
                    .values(SQLBind(UUID()), SQLBind(id), SQLBind(position), SQLBind(resource)).run()
            }
        }
        return id
    }

    /// Which of these resources exist.
    public func existingResources(_ ids: [UUID]) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        return Set(try await database.db.sql.select().column("id").from("resources").where("id", .in, ids).all()
            .map { try $0.decode(column: "id", as: UUID.self) })
    }

    static let select = """
        SELECT p.*, (SELECT COUNT(*) FROM learning_path_followers f WHERE f.path_id = p.id) AS followers,
          (SELECT COUNT(*) FROM learning_path_steps s WHERE s.path_id = p.id) AS step_count FROM learning_paths p
        """

    /// Most followed first.
    public func paths(offset: Int, limit: Int) async throws -> [StoredLearningPath] {
        try await database.db.sql.raw("""
            \(unsafeRaw: Self.select) ORDER BY followers DESC, p.created_at DESC, p.id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map(Self.path)
    }

    public func path(_ id: UUID) async throws -> StoredLearningPath? {
        try await database.db.sql.raw("\(unsafeRaw: Self.select) WHERE p.id = \(bind: id)").first().map(Self.path)
    }

    /// The paths a person follows, in the order they started them.
    public func followed(by person: UUID) async throws -> [StoredLearningPath] {
        try await database.db.sql.raw("""
            \(unsafeRaw: Self.select) JOIN learning_path_followers mine ON mine.path_id = p.id AND mine.person_id = \(bind: person)
            ORDER BY mine.created_at, p.id
            """).all().map(Self.path)
    }

    static func path(_ row: any SQLRow) throws -> StoredLearningPath {
        StoredLearningPath(
            id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self),
            goal: try row.decode(column: "goal", as: String.self), description: try row.decode(column: "description", as: String.self),
            authorId: try row.decode(column: "author_id", as: UUID?.self), followers: try row.decode(column: "followers", as: Int.self),
            stepCount: try row.decode(column: "step_count", as: Int.self), createdAt: try row.decode(column: "created_at", as: Date.self))
    }

    public func steps(of path: UUID) async throws -> [StoredPathStep] {
        try await database.db.sql.raw("""
            SELECT r.id, r.title, r.url, r.kind, r.level FROM learning_path_steps s JOIN resources r ON r.id = s.resource_id
            WHERE s.path_id = \(bind: path) ORDER BY s.position
            """).all().map {
            StoredPathStep(resourceId: try $0.decode(column: "id", as: UUID.self), title: try $0.decode(column: "title", as: String.self),
                           url: try $0.decode(column: "url", as: String.self),
                           kind: ResourceKind(rawValue: try $0.decode(column: "kind", as: String.self)) ?? .link,
                           level: ResourceLevel(rawValue: try $0.decode(column: "level", as: String.self)) ?? .beginner)
        }
    }

    public func isFollowing(_ path: UUID, person: UUID) async throws -> Bool {
        try await database.db.sql.select().column("id").from("learning_path_followers").where("path_id", .equal, path)
            .where("person_id", .equal, person).first() != nil
    }

    public func follow(_ path: UUID, person: UUID, now: Date) async throws {
        guard try await !isFollowing(path, person: person) else { return }
        try await database.db.sql.insert(into: "learning_path_followers").columns("id", "path_id", "person_id", "created_at")
            .values(SQLBind(UUID()), SQLBind(path), SQLBind(person), SQLBind(now)).run()
    }

    /// Stops following; the ticked steps go too (progress is the follower's own).
    public func unfollow(_ path: UUID, person: UUID) async throws {
        try await database.db.sql.delete(from: "learning_path_done").where("path_id", .equal, path).where("person_id", .equal, person).run()
        try await database.db.sql.delete(from: "learning_path_followers").where("path_id", .equal, path).where("person_id", .equal, person).run()
    }

    public func setDone(_ resource: UUID, in path: UUID, person: UUID, done: Bool, now: Date) async throws {
        try await database.db.sql.delete(from: "learning_path_done").where("path_id", .equal, path).where("person_id", .equal, person)
            .where("resource_id", .equal, resource).run()
        if done {
            try await database.db.sql.insert(into: "learning_path_done").columns("id", "path_id", "person_id", "resource_id", "done_at")
                .values(SQLBind(UUID()), SQLBind(path), SQLBind(person), SQLBind(resource), SQLBind(now)).run()
        }
    }

    public func done(in path: UUID, person: UUID) async throws -> Set<UUID> {
        Set(try await database.db.sql.select().column("resource_id").from("learning_path_done").where("path_id", .equal, path)
            .where("person_id", .equal, person).all().map { try $0.decode(column: "resource_id", as: UUID.self) })
    }
}
