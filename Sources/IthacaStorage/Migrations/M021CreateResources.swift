import FluentKit
import SQLKit

/// Shared learning resources, who recommends them (+1) and short reviews (one per person).
struct M021CreateResources: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("resources")
            .id()
            .field("space_id", .uuid, .references("spaces", "id", onDelete: .setNull))
            .field("author_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("url", .string, .required)
            .field("description", .string, .required)
            .field("kind", .string, .required)
            .field("level", .string, .required)
            // "|swift|testing|": exact tag filters with LIKE on both databases.
            .field("tags", .string, .required)
            .field("recommendations", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("resource_recommendations")
            .id()
            .field("resource_id", .uuid, .required, .references("resources", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "resource_id", "person_id")
            .create()
        try await database.schema("resource_reviews")
            .id()
            .field("resource_id", .uuid, .required, .references("resources", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "resource_id", "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["resource_reviews", "resource_recommendations", "resources"] { try await database.schema(table).delete() }
    }
}
