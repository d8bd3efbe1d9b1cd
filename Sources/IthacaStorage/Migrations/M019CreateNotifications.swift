import FluentKit
import SQLKit

/// The in-app notification inbox, and who follows which question.
struct M019CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .id()
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            // Composed when sent, so it never names someone who must stay anonymous (an anonymous asker).
            .field("text", .string, .required)
            .field("url", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        try await database.sql.create(index: "notifications_person_idx").on("notifications").column("person_id").column("created_at").run()
        try await database.schema("question_follows")
            .id()
            .field("question_id", .uuid, .required, .references("questions", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .unique(on: "question_id", "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["question_follows", "notifications"] { try await database.schema(table).delete() }
    }
}
