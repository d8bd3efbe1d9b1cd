import FluentKit
import Foundation
import IthacaDomain
import SQLKit

public struct StoredResource: Sendable, Equatable {
    public let id: UUID
    public let spaceId: UUID?
    public let authorId: UUID
    public let draft: ResourceDraft
    public let recommendations: Int
    public let createdAt: Date
}

public struct StoredReview: Sendable, Equatable {
    public let personId: UUID
    public let body: String
    public let createdAt: Date
}

public enum ResourceOrder: String, Sendable, CaseIterable {
    case recommended, newest
}

/// Learning resources, +1s (one per person, counted on the row) and reviews (one per person, replaced on rewrite).
public struct ResourceStore: Sendable {
    let database: IthacaDatabase

    public init(database: IthacaDatabase) { self.database = database }

    public func add(_ draft: ResourceDraft, space: UUID?, author: UUID, now: Date) async throws -> StoredResource {
        let id = UUID()
        try await database.db.sql.insert(into: "resources")
            .columns("id", "space_id", "author_id", "title", "url", "description", "kind", "level", "tags", "recommendations", "created_at")
            .values(SQLBind(id), SQLBind(space), SQLBind(author), SQLBind(draft.title), SQLBind(draft.url), SQLBind(draft.description),
                    SQLBind(draft.kind.rawValue), SQLBind(draft.level.rawValue), SQLBind(Self.tagList(draft.tags)), SQLBind(0), SQLBind(now))
            .run()
        return StoredResource(id: id, spaceId: space, authorId: author, draft: draft, recommendations: 0, createdAt: now)
    }

    static func tagList(_ tags: [String]) -> String { "|" + tags.map(SkillTag.normalize).joined(separator: "|") + "|" }

    public func resources(space: UUID?, tag: String?, order: ResourceOrder, offset: Int, limit: Int) async throws -> [StoredResource] {
        var query = database.db.sql.select().column("*").from("resources")
        if let space { query = query.where("space_id", .equal, space) }
        if let tag, !tag.isEmpty { query = query.where("tags", .like, "%|\(SkillTag.normalize(tag))|%") }
        switch order {
        case .recommended: query = query.orderBy("recommendations", .descending).orderBy("created_at", .descending)
        case .newest: query = query.orderBy("created_at", .descending)
        }
        return try await query.orderBy("id").limit(limit).offset(offset).all().map(Self.resource)
    }

    public func resource(_ id: UUID) async throws -> StoredResource? {
        try await database.db.sql.select().column("*").from("resources").where("id", .equal, id).first().map(Self.resource)
    }

    static func resource(_ row: any SQLRow) throws -> StoredResource {
        let tags = try row.decode(column: "tags", as: String.self).split(separator: "|").map(String.init)
        return StoredResource(
            id: try row.decode(column: "id", as: UUID.self), spaceId: try row.decode(column: "space_id", as: UUID?.self),
            authorId: try row.decode(column: "author_id", as: UUID.self),
            draft: ResourceDraft(
                title: try row.decode(column: "title", as: String.self), url: try row.decode(column: "url", as: String.self),
                description: try row.decode(column: "description", as: String.self),
                kind: ResourceKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .link,
                level: ResourceLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .beginner, tags: tags),
            recommendations: try row.decode(column: "recommendations", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: Date.self))
    }

    /// A +1, once per person; returns the count. The count on the row moves only when the +1 is new.
    public func recommend(_ resource: UUID, by person: UUID) async throws -> Int {
        try await database.transaction { db in
            do {
                try await db.sql.insert(into: "resource_recommendations").columns("id", "resource_id", "person_id")
                    .values(SQLBind(UUID()), SQLBind(resource), SQLBind(person)).run()
                try await db.sql.raw("UPDATE resources SET recommendations = recommendations + 1 WHERE id = \(bind: resource)").run()
            } catch let error as any DatabaseError where error.isConstraintFailure {
                throw IthacaError.conflict("You already recommended this resource.")
            }
            return try await db.sql.select().column("recommendations").from("resources").where("id", .equal, resource).first()?
                .decode(column: "recommendations", as: Int.self) ?? 0
        }
    }

    public func hasRecommended(_ resource: UUID, by person: UUID) async throws -> Bool {
        try await database.db.sql.select().column("id").from("resource_recommendations").where("resource_id", .equal, resource)
            .where("person_id", .equal, person).first() != nil
    }

    /// Saves the person's review, replacing an earlier one.
    public func review(_ resource: UUID, by person: UUID, body: String, now: Date) async throws {
        try await database.transaction { db in
            try await db.sql.delete(from: "resource_reviews").where("resource_id", .equal, resource).where("person_id", .equal, person).run()
            try await db.sql.insert(into: "resource_reviews").columns("id", "resource_id", "person_id", "body", "created_at")
                .values(SQLBind(UUID()), SQLBind(resource), SQLBind(person), SQLBind(body), SQLBind(now)).run()
        }
    }

    public func reviews(of resource: UUID) async throws -> [StoredReview] {
        try await database.db.sql.select().columns("person_id", "body", "created_at").from("resource_reviews")
            .where("resource_id", .equal, resource).orderBy("created_at", .descending).all().map {
                StoredReview(personId: try $0.decode(column: "person_id", as: UUID.self), body: try $0.decode(column: "body", as: String.self),
                             createdAt: try $0.decode(column: "created_at", as: Date.self))
            }
    }
}
