import FluentKit
import SQLKit

/// Topic spaces with members and moderators; questions (optionally anonymous) and answers, with votes (one per
/// person and post) and the edit history of every post.
struct M014CreateSpacesAndQuestions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("spaces")
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "slug")
            .create()
        try await database.schema("space_members")
            .id()
            .field("space_id", .uuid, .required, .references("spaces", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("joined_at", .datetime, .required)
            .unique(on: "space_id", "user_id")
            .create()
        try await database.schema("questions")
            .id()
            .field("space_id", .uuid, .required, .references("spaces", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("anonymous", .bool, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("tags", .string, .required)
            .field("accepted_answer_id", .uuid)
            .field("score", .int, .required)
            .field("answer_count", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "questions_space_idx").on("questions").column("space_id").run()
        try await database.sql.create(index: "questions_author_idx").on("questions").column("author_id").run()
        try await database.schema("answers")
            .id()
            .field("question_id", .uuid, .required, .references("questions", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("score", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "answers_question_idx").on("answers").column("question_id").run()
        try await database.schema("votes")
            .id()
            .field("target_id", .uuid, .required)
            .field("voter_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "target_id", "voter_id")
            .create()
        try await database.schema("post_revisions")
            .id()
            .field("target_id", .uuid, .required)
            .field("title", .string)
            .field("body", .string, .required)
            .field("edited_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "post_revisions_target_idx").on("post_revisions").column("target_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["post_revisions", "votes", "answers", "questions", "space_members", "spaces"] {
            try await database.schema(table).delete()
        }
    }
}
