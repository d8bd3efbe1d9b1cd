import FluentKit
import SQLKit

/// Moderation: questions and answers can be hidden (with the reason shown to their author), people report posts,
/// and every moderator decision is logged.
struct M024CreateModeration: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite alters a table one change at a time.
        for table in ["questions", "answers"] {
            try await database.schema(table).field("hidden_reason", .string).update()
            try await database.schema(table).field("hidden_at", .datetime).update()
        }
        try await database.schema("reports")
            .id()
            .field("target_kind", .string, .required)
            .field("target_id", .uuid, .required)
            .field("question_id", .uuid, .required, .references("questions", "id", onDelete: .cascade))
            .field("space_id", .uuid, .required, .references("spaces", "id", onDelete: .cascade))
            .field("reporter_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("reason", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("resolved_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("resolved_at", .datetime)
            .unique(on: "target_id", "reporter_id")
            .create()
        try await database.sql.create(index: "reports_open_idx").on("reports").column("status").column("space_id").column("created_at").run()
        try await database.schema("moderation_log")
            .id()
            .field("space_id", .uuid, .required, .references("spaces", "id", onDelete: .cascade))
            .field("actor_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("action", .string, .required)
            .field("target_kind", .string, .required)
            .field("target_id", .uuid, .required)
            .field("question_id", .uuid, .required)
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "moderation_log_space_idx").on("moderation_log").column("space_id").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["moderation_log", "reports"] { try await database.schema(table).delete() }
        for table in ["questions", "answers"] {
            try await database.schema(table).deleteField("hidden_reason").update()
            try await database.schema(table).deleteField("hidden_at").update()
        }
    }
}
