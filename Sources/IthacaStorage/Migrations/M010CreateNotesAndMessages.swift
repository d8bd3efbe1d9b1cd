import FluentKit
import SQLKit

/// Confidential writing inside a mentorship: notes (private to the author, or shared with the other person) and
/// messages between the two. Nothing else in the schema points at these, so no aggregate can leak them.
struct M010CreateNotesAndMessages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("mentorship_notes")
            .id()
            .field("mentorship_id", .uuid, .required, .references("mentorships", "id", onDelete: .cascade))
            .field("meeting_id", .uuid, .references("meetings", "id", onDelete: .setNull))
            .field("author_id", .uuid, .required)
            .field("shared", .bool, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "mentorship_notes_mentorship_idx").on("mentorship_notes").column("mentorship_id").run()

        try await database.schema("mentorship_messages")
            .id()
            .field("mentorship_id", .uuid, .required, .references("mentorships", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "mentorship_messages_mentorship_idx").on("mentorship_messages").column("mentorship_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("mentorship_messages").delete()
        try await database.schema("mentorship_notes").delete()
    }
}
