import FluentKit
import SQLKit

/// Short comments under a question or an answer.
struct M020CreateComments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("comments")
            .id()
            .field("question_id", .uuid, .required, .references("questions", "id", onDelete: .cascade))
            // The question itself or one of its answers.
            .field("post_id", .uuid, .required)
            .field("author_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "comments_question_idx").on("comments").column("question_id").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("comments").delete()
    }
}
